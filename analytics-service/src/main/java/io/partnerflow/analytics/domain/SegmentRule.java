package io.partnerflow.analytics.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One segment rule, stored as data: the partners whose {@code metric} (over its window) passes the condition get the
 * segment {@code code}. The condition is EITHER a threshold ({@code op} + {@code value}) OR a percentile
 * ({@code topPercent}: the top N % of the partners with a positive figure, ties by ascending partner id).
 *
 * <p>Metrics and their windows: {@code revenue} — sourced + influenced revenue in the base currency in the evaluated
 * quarter; {@code deals-won} — won deals in the quarter; {@code revenue-growth-qoq} — revenue growth in percent
 * against the previous quarter (undefined when that was zero); {@code days-since-last-deal} — days from the last won
 * deal to the evaluation date (undefined when the partner never won one: then "no won deal yet" matches any
 * {@code gt}/{@code gte} threshold); {@code at-risk-probability} — the partner's at-risk score (0…1) from the LATEST
 * trained prediction model version, whatever the evaluated quarter (undefined when that model did not score the partner;
 * the reason names the model version).
 */
public record SegmentRule(String code, String name, String metric, String op, BigDecimal value, Integer topPercent) {
    public static final Set<String> METRICS = Set.of("revenue", "deals-won", "revenue-growth-qoq", "days-since-last-deal",
            "at-risk-probability");
    public static final Set<String> OPS = Set.of("gt", "gte", "lt", "lte");

    /** The rule's problems as {@code field: rule} lines (empty = valid); {@code at} prefixes the field names. */
    public List<String> problems(String at) {
        List<String> out = new ArrayList<>();
        if (code == null || !code.matches("[a-z][a-z0-9-]{0,39}")) {
            out.add(at + "code: lower-case letters, digits and '-', starting with a letter, at most 40");
        }
        if (name == null || name.isBlank() || name.length() > 100) {
            out.add(at + "name: required, at most 100 characters");
        }
        if (metric == null || !METRICS.contains(metric)) {
            out.add(at + "metric: one of " + String.join(", ", METRICS.stream().sorted().toList()));
        }
        boolean threshold = op != null || value != null;
        if (threshold == (topPercent != null)) {
            out.add(at + "condition: either op + value (a threshold) or topPercent (a percentile), not both");
        } else if (threshold) {
            if (op == null || !OPS.contains(op)) {
                out.add(at + "op: one of gt, gte, lt, lte");
            }
            if (value == null) {
                out.add(at + "value: required with op");
            }
        } else if (topPercent < 1 || topPercent > 100) {
            out.add(at + "topPercent: between 1 and 100");
        }
        return out;
    }

    boolean passes(BigDecimal figure) {
        int c = figure.compareTo(value);
        return switch (op) {
            case "gt" -> c > 0;
            case "gte" -> c >= 0;
            case "lt" -> c < 0;
            default -> c <= 0;
        };
    }

    String opText() {
        return switch (op) {
            case "gt" -> ">";
            case "gte" -> "≥";
            case "lt" -> "<";
            default -> "≤";
        };
    }
}
