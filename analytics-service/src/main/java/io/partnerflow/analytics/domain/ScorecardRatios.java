package io.partnerflow.analytics.domain;

import io.partnerflow.core.money.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Ratios derived from a scorecard's base-currency figures as shown (so they can be re-checked from the card), each
 * divided and rounded HALF_EVEN ONCE:
 * <ul>
 *   <li>{@code incentiveCostPerRevenue} = net earnings / revenue, {@value #RATIO_SCALE} decimals
 *       (0.0342 = 3.42 cents of incentives per unit of revenue); {@code null} when the revenue is zero;</li>
 *   <li>{@code averageDealSize} = revenue / deals won, at the base currency's scale; {@code null} without a won deal.</li>
 * </ul>
 * Both are as incomplete as the card when a rate is missing ({@link Scorecard#complete()}).
 */
public record ScorecardRatios(BigDecimal incentiveCostPerRevenue, Money averageDealSize) {
    public static final int RATIO_SCALE = 4;

    public static ScorecardRatios of(Scorecard s) {
        Money revenue = s.revenue();
        BigDecimal cost = revenue.amount().signum() == 0 ? null
                : s.netEarnings().amount().divide(revenue.amount(), RATIO_SCALE, RoundingMode.HALF_EVEN);
        long won = s.counts().getOrDefault(Metric.DEALS_WON, 0L);
        Money average = won == 0 ? null : Money.of(revenue.amount().divide(BigDecimal.valueOf(won),
                Money.scaleOf(Money.currencyOf(s.baseCurrency())), RoundingMode.HALF_EVEN), s.baseCurrency());
        return new ScorecardRatios(cost, average);
    }
}
