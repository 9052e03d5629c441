package io.partnerflow.analytics.domain;

import io.partnerflow.core.money.Money;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Program-level roll-up of partner scorecards by a dimension (tier, country): sums of the partners' base-currency
 * figures as shown (so the rows add up to the total exactly), partner counts, and how many are incomplete for want
 * of an FX rate.
 */
public final class ProgramRollup {

    public record Row(String key, int partners, Money sourcedRevenue, Money influencedRevenue, long dealsWon,
                      Money netEarnings, Money paid, long registrationsApproved, int incomplete) {
        Row plus(Scorecard s) {
            return new Row(key, partners + 1, sourcedRevenue.plus(s.base().get(Metric.SOURCED_REVENUE)),
                    influencedRevenue.plus(s.base().get(Metric.INFLUENCED_REVENUE)), dealsWon + s.counts().get(Metric.DEALS_WON),
                    netEarnings.plus(s.netEarnings()), paid.plus(s.base().get(Metric.PAID)),
                    registrationsApproved + s.counts().get(Metric.REGISTRATIONS_APPROVED), incomplete + (s.complete() ? 0 : 1));
        }

        static Row empty(String key, String currency) {
            Money zero = Money.zero(currency);
            return new Row(key, 0, zero, zero, 0, zero, zero, 0, 0);
        }
    }

    private ProgramRollup() {
    }

    /** One row per key (null keys become {@code "unknown"}), in key order. */
    public static <T> List<Row> by(List<T> items, Function<T, Scorecard> card, Function<T, String> key, String baseCurrency) {
        Map<String, Row> rows = new TreeMap<>();
        for (T item : items) {
            String k = key.apply(item) == null ? "unknown" : key.apply(item);
            rows.put(k, rows.getOrDefault(k, Row.empty(k, baseCurrency)).plus(card.apply(item)));
        }
        return List.copyOf(rows.values());
    }

    public static <T> Row total(List<T> items, Function<T, Scorecard> card, String baseCurrency) {
        Row row = Row.empty("all", baseCurrency);
        for (T item : items) {
            row = row.plus(card.apply(item));
        }
        return row;
    }
}
