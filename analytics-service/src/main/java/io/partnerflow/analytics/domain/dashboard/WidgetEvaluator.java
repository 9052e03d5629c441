package io.partnerflow.analytics.domain.dashboard;

import io.partnerflow.analytics.domain.Figure;
import io.partnerflow.analytics.domain.Period;
import io.partnerflow.analytics.domain.Scorecard;
import io.partnerflow.core.money.Money;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Evaluates one widget over partner scorecards: keeps the partners passing the filters (and the viewer's scope),
 * sums the figure exactly (money: the base-currency figures as shown, so the points add up to the total) and splits it
 * by the dimension. Pure: the caller loads the scorecards (per month when the dimension is {@code month}).
 */
public final class WidgetEvaluator {
    /** At most this many partners are listed for the {@code partner} dimension (highest first); the total covers all. */
    public static final int MAX_PARTNER_POINTS = 50;

    /**
     * A partner's scorecard with its current profile; {@code month} is the month the card covers when the widget is
     * split by month (else null).
     */
    public record Row(String partnerId, String name, String tier, String region, String type, String month, Scorecard card) {
    }

    public record Point(String key, String label, String value) {
    }

    /** A widget's figures: {@code value} is the total over the kept partners; {@code points} the split (empty for none). */
    public record Result(String title, String metric, String dimension, String chart, String period, String from,
                         String toExclusive, String unit, String value, List<Point> points, int partners, int incomplete) {
    }

    private WidgetEvaluator() {
    }

    /** The months a period covers, in order (the keys of the {@code month} dimension). */
    public static List<String> months(Period period) {
        List<String> out = new ArrayList<>();
        for (YearMonth m = YearMonth.from(period.from()); m.atDay(1).isBefore(period.toExclusive()); m = m.plusMonths(1)) {
            out.add(m.toString());
        }
        return out;
    }

    /**
     * @param scopePartnerId the viewer's partner (a partner user sees only its own data); null for staff
     */
    public static Result evaluate(Widget w, Period period, List<Row> rows, String baseCurrency, String scopePartnerId) {
        Figure figure = Figure.find(w.metric()).orElseThrow(() -> new IllegalArgumentException("unknown metric " + w.metric()));
        String dimension = w.dimensionOrNone();
        int scale = figure.isMoney() ? Money.scaleOf(Money.currencyOf(baseCurrency)) : 0;
        BigDecimal zero = BigDecimal.ZERO.setScale(scale);
        Widget.Filters f = w.filtersOrNone();
        Map<String, BigDecimal> groups = new TreeMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        if ("month".equals(dimension)) {
            months(period).forEach(m -> groups.put(m, zero));
        }
        BigDecimal total = zero;
        Set<String> partners = new HashSet<>();
        Set<String> incomplete = new HashSet<>();
        for (Row r : rows) {
            if (!keeps(r, f, scopePartnerId)) {
                continue;
            }
            BigDecimal v = figure.valueOf(r.card());
            total = total.add(v);
            partners.add(r.partnerId());
            if (!r.card().complete()) {
                incomplete.add(r.partnerId());
            }
            String key = key(dimension, r);
            if (key != null) {
                groups.merge(key, v, BigDecimal::add);
                if ("partner".equals(dimension)) {
                    labels.put(key, r.name() == null ? key : r.name());
                }
            }
        }
        List<Point> points = new ArrayList<>();
        if ("partner".equals(dimension)) {
            groups.entrySet().stream().filter(e -> e.getValue().signum() != 0)
                    .sorted(Map.Entry.<String, BigDecimal>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                    .limit(MAX_PARTNER_POINTS)
                    .forEach(e -> points.add(new Point(e.getKey(), labels.get(e.getKey()), e.getValue().toPlainString())));
        } else {
            groups.forEach((k, v) -> points.add(new Point(k, k, v.toPlainString())));
        }
        return new Result(w.title(), figure.urlName(), dimension, w.chart(), period.key(), period.from().toString(),
                period.toExclusive().toString(), figure.isMoney() ? baseCurrency : "count", total.toPlainString(),
                List.copyOf(points), partners.size(), incomplete.size());
    }

    private static boolean keeps(Row r, Widget.Filters f, String scopePartnerId) {
        return (scopePartnerId == null || scopePartnerId.equalsIgnoreCase(r.partnerId()))
                && (f.partnerId() == null || f.partnerId().equalsIgnoreCase(r.partnerId()))
                && (f.tier() == null || f.tier().equals(r.tier()))
                && (f.region() == null || f.region().equals(r.region()))
                && (f.partnerType() == null || f.partnerType().equals(r.type()));
    }

    private static String key(String dimension, Row r) {
        return switch (dimension) {
            case "partner" -> r.partnerId();
            case "tier" -> orUnknown(r.tier());
            case "region" -> orUnknown(r.region());
            case "partner-type" -> orUnknown(r.type());
            case "month" -> r.month();
            default -> null;
        };
    }

    private static String orUnknown(String s) {
        return s == null ? "unknown" : s;
    }
}
