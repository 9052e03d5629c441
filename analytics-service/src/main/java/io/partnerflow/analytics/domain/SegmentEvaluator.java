package io.partnerflow.analytics.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Assigns every partner a segment by a rule set — pure: figures in, assignments with their reason sentences out.
 * The first rule a partner passes wins; the reason names that rule's figure first, then the other rules it also
 * passes ("revenue growth +64 % QoQ (…), also top 10 % by revenue (rank 1 of 12)").
 */
public final class SegmentEvaluator {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /**
     * A partner's figures for the evaluated quarter.
     *
     * @param revenue            sourced + influenced revenue in the base currency
     * @param previousRevenue    the same in the previous quarter
     * @param daysSinceLastDeal  days from the last won deal to the evaluation date; null if none ever
     * @param atRisk             the at-risk probability of the latest prediction model; null if it did not score the partner
     * @param modelVersion       that model's version; null without a score
     */
    public record Figures(String partnerId, BigDecimal revenue, BigDecimal previousRevenue, long dealsWon,
                          Long daysSinceLastDeal, BigDecimal atRisk, Integer modelVersion) {

        /** Figures without a prediction score. */
        public Figures(String partnerId, BigDecimal revenue, BigDecimal previousRevenue, long dealsWon, Long daysSinceLastDeal) {
            this(partnerId, revenue, previousRevenue, dealsWon, daysSinceLastDeal, null, null);
        }
    }

    public record Assignment(String partnerId, String code, String name, String reason) {
    }

    private SegmentEvaluator() {
    }

    public static Map<String, Assignment> evaluate(SegmentRuleSet set, List<Figures> partners, String currency) {
        Map<SegmentRule, Map<String, String>> passed = new LinkedHashMap<>(); // rule → partner → phrase
        for (SegmentRule rule : set.rules()) {
            passed.put(rule, rule.topPercent() != null ? percentile(rule, partners, currency) : threshold(rule, partners, currency));
        }
        Map<String, Assignment> out = new TreeMap<>();
        for (Figures f : partners) {
            SegmentRule first = null;
            List<String> phrases = new ArrayList<>();
            for (Map.Entry<SegmentRule, Map<String, String>> e : passed.entrySet()) {
                String phrase = e.getValue().get(f.partnerId());
                if (phrase != null) {
                    phrases.add(first == null ? phrase : "also " + phrase);
                    if (first == null) {
                        first = e.getKey();
                    }
                }
            }
            out.put(f.partnerId(), first == null
                    ? new Assignment(f.partnerId(), set.defaultCode(), set.defaultName(), "no rule of rule set v" + set.version() + " applies")
                    : new Assignment(f.partnerId(), first.code(), first.name(), String.join(", ", phrases)));
        }
        return out;
    }

    /** The metric's value, or null when it is undefined for the partner. */
    static BigDecimal figure(String metric, Figures f) {
        return switch (metric) {
            case "revenue" -> f.revenue();
            case "deals-won" -> BigDecimal.valueOf(f.dealsWon());
            case "at-risk-probability" -> f.atRisk();
            case "revenue-growth-qoq" -> f.previousRevenue().signum() <= 0 ? null
                    : f.revenue().subtract(f.previousRevenue()).multiply(HUNDRED).divide(f.previousRevenue(), 4, RoundingMode.HALF_EVEN);
            default -> f.daysSinceLastDeal() == null ? null : BigDecimal.valueOf(f.daysSinceLastDeal());
        };
    }

    private static Map<String, String> threshold(SegmentRule rule, List<Figures> partners, String currency) {
        Map<String, String> out = new HashMap<>();
        for (Figures f : partners) {
            BigDecimal v = figure(rule.metric(), f);
            if (v == null) {
                if ("days-since-last-deal".equals(rule.metric()) && (rule.op().startsWith("g"))) {
                    out.put(f.partnerId(), "no won deal yet");
                }
                continue;
            }
            if (rule.passes(v)) {
                out.put(f.partnerId(), describe(rule.metric(), v, f, currency) + " (" + rule.opText() + " "
                        + rule.value().stripTrailingZeros().toPlainString() + unit(rule.metric()) + ")");
            }
        }
        return out;
    }

    private static Map<String, String> percentile(SegmentRule rule, List<Figures> partners, String currency) {
        List<Figures> ranked = new ArrayList<>();
        for (Figures f : partners) {
            BigDecimal v = figure(rule.metric(), f);
            if (v != null && v.signum() > 0) {
                ranked.add(f);
            }
        }
        ranked.sort(Comparator.comparing((Figures f) -> figure(rule.metric(), f)).reversed().thenComparing(Figures::partnerId));
        int take = (int) Math.ceil(ranked.size() * rule.topPercent() / 100.0);
        Map<String, String> out = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < take; i++) {
            Figures f = ranked.get(i);
            if (seen.add(f.partnerId())) {
                out.put(f.partnerId(), "top " + rule.topPercent() + " % by " + rule.metric() + " ("
                        + describe(rule.metric(), figure(rule.metric(), f), f, currency) + ", rank " + (i + 1) + " of " + ranked.size() + ")");
            }
        }
        return out;
    }

    private static String describe(String metric, BigDecimal v, Figures f, String currency) {
        return switch (metric) {
            case "revenue" -> "revenue " + f.revenue().toPlainString() + " " + currency;
            case "deals-won" -> f.dealsWon() + " won deals";
            case "at-risk-probability" -> "at-risk probability " + v.toPlainString() + " (prediction model v" + f.modelVersion() + ")";
            case "revenue-growth-qoq" -> "revenue growth " + (v.signum() >= 0 ? "+" : "")
                    + v.setScale(0, RoundingMode.HALF_EVEN).toPlainString() + " % QoQ (" + f.previousRevenue().toPlainString()
                    + " → " + f.revenue().toPlainString() + " " + currency + ")";
            default -> "no won deal in " + v.toPlainString() + " days";
        };
    }

    private static String unit(String metric) {
        return switch (metric) {
            case "revenue-growth-qoq" -> " %";
            case "days-since-last-deal" -> " days";
            default -> "";
        };
    }
}
