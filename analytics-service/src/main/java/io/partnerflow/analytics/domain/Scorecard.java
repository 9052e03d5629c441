package io.partnerflow.analytics.domain;

import io.partnerflow.core.money.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One partner's figures for one period: money per currency (exact sums of the facts), money in the base currency
 * (each rate group's exact sum × its rate, summed unrounded, rounded HALF_EVEN to the base currency's scale ONCE),
 * and counts. A fact whose rate is not known yet is left out of the base figure and named in {@code missingRates}
 * — the base figure is then incomplete, never guessed.
 */
public record Scorecard(String partnerId, Period period, String baseCurrency, Map<Metric, Money> base,
                        Map<String, Map<Metric, Money>> perCurrency, Map<Metric, Long> counts,
                        List<String> missingRates) {

    public static Scorecard build(String partnerId, Period period, String baseCurrency, List<RateGroup> groups,
                                  Map<Metric, Long> counts) {
        Map<Metric, BigDecimal> unrounded = new EnumMap<>(Metric.class);
        Map<String, Map<Metric, BigDecimal>> perCurrency = new TreeMap<>();
        TreeSet<String> missing = new TreeSet<>();
        for (RateGroup g : groups) {
            perCurrency.computeIfAbsent(g.currency(), c -> new EnumMap<>(Metric.class)).merge(g.metric(), g.amount(), BigDecimal::add);
            BigDecimal rate = g.currency().equals(baseCurrency) ? BigDecimal.ONE : g.rate();
            if (rate == null) {
                missing.add("FX rate " + g.currency() + "/" + baseCurrency + " on or before " + g.earliestDay());
                continue;
            }
            unrounded.merge(g.metric(), g.amount().multiply(rate), BigDecimal::add);
        }
        Map<Metric, Money> base = new EnumMap<>(Metric.class);
        int scale = Money.scaleOf(Money.currencyOf(baseCurrency));
        for (Metric m : Metric.values()) {
            if (m.isMoney()) {
                base.put(m, Money.of(unrounded.getOrDefault(m, BigDecimal.ZERO).setScale(scale, RoundingMode.HALF_EVEN), baseCurrency));
            }
        }
        Map<String, Map<Metric, Money>> perCurrencyMoney = new TreeMap<>();
        perCurrency.forEach((ccy, byMetric) -> {
            Map<Metric, Money> row = new EnumMap<>(Metric.class);
            byMetric.forEach((m, v) -> row.put(m, Money.of(v, ccy)));
            perCurrencyMoney.put(ccy, row);
        });
        Map<Metric, Long> allCounts = new EnumMap<>(Metric.class);
        for (Metric m : Metric.values()) {
            if (!m.isMoney()) {
                allCounts.put(m, counts.getOrDefault(m, 0L));
            }
        }
        return new Scorecard(partnerId, period, baseCurrency, base, perCurrencyMoney, allCounts, new ArrayList<>(missing));
    }

    /** Sourced + influenced revenue in the base currency. */
    public Money revenue() {
        return base.get(Metric.SOURCED_REVENUE).plus(base.get(Metric.INFLUENCED_REVENUE));
    }

    /** Accrued + clawed back + adjusted, in the base currency. */
    public Money netEarnings() {
        return base.get(Metric.EARNINGS_ACCRUED).plus(base.get(Metric.EARNINGS_CLAWED_BACK))
                .plus(base.get(Metric.EARNINGS_ADJUSTED));
    }

    public boolean complete() {
        return missingRates.isEmpty();
    }
}
