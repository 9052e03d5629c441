package io.partnerflow.analytics.domain;

import io.partnerflow.core.money.Money;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScorecardTest {
    static final Period Q3 = Period.parse("2026-Q3");
    static final String P = "10000000-0000-0000-0000-000000000001";

    @Test
    void baseFigureIsTheExactSumOfEachRateGroupTimesItsRateRoundedHalfEvenOnce() {
        // 0.005 + 0.005 per group would round twice to 0.02 (or 0.00); once, it is 0.01
        Scorecard s = Scorecard.build(P, Q3, "USD", List.of(
                new RateGroup(P, Metric.SOURCED_REVENUE, "EUR", new BigDecimal("0.01"), new BigDecimal("0.5"), LocalDate.of(2026, 7, 1)),
                new RateGroup(P, Metric.SOURCED_REVENUE, "EUR", new BigDecimal("0.01"), new BigDecimal("0.5"), LocalDate.of(2026, 8, 1)),
                new RateGroup(P, Metric.SOURCED_REVENUE, "USD", new BigDecimal("100.00"), null, LocalDate.of(2026, 8, 1)),
                new RateGroup(P, Metric.INFLUENCED_REVENUE, "EUR", new BigDecimal("0.05"), new BigDecimal("0.5"), LocalDate.of(2026, 7, 1))),
                Map.of(Metric.DEALS_WON, 3L));
        assertEquals(Money.of("100.01", "USD"), s.base().get(Metric.SOURCED_REVENUE));
        assertEquals(Money.of("0.02", "USD"), s.base().get(Metric.INFLUENCED_REVENUE), "0.025 → 0.02 (HALF_EVEN)");
        assertEquals(Money.of("0.02", "EUR"), s.perCurrency().get("EUR").get(Metric.SOURCED_REVENUE));
        assertEquals(3L, s.counts().get(Metric.DEALS_WON));
        assertEquals(0L, s.counts().get(Metric.REGISTRATIONS_APPROVED));
        assertTrue(s.complete());
    }

    @Test
    void aMissingRateLeavesTheFactOutOfTheBaseFigureAndSaysSo() {
        Scorecard s = Scorecard.build(P, Q3, "USD", List.of(
                new RateGroup(P, Metric.SOURCED_REVENUE, "GBP", new BigDecimal("50.00"), null, LocalDate.of(2026, 7, 3)),
                new RateGroup(P, Metric.SOURCED_REVENUE, "USD", new BigDecimal("10.00"), null, LocalDate.of(2026, 7, 3))), Map.of());
        assertFalse(s.complete());
        assertEquals(List.of("FX rate GBP/USD on or before 2026-07-03"), s.missingRates());
        assertEquals(Money.of("10.00", "USD"), s.base().get(Metric.SOURCED_REVENUE));
        assertEquals(Money.of("50.00", "GBP"), s.perCurrency().get("GBP").get(Metric.SOURCED_REVENUE));
    }

    @Test
    void ratiosDivideTheShownBaseFiguresAndRoundOnce() {
        Scorecard s = Scorecard.build(P, Q3, "USD", List.of(
                new RateGroup(P, Metric.SOURCED_REVENUE, "USD", new BigDecimal("6191.67"), null, LocalDate.of(2026, 7, 1)),
                new RateGroup(P, Metric.INFLUENCED_REVENUE, "USD", new BigDecimal("2500.50"), null, LocalDate.of(2026, 7, 1)),
                new RateGroup(P, Metric.EARNINGS_ACCRUED, "USD", new BigDecimal("298.52"), null, LocalDate.of(2026, 7, 1)),
                new RateGroup(P, Metric.EARNINGS_CLAWED_BACK, "USD", new BigDecimal("-11.13"), null, LocalDate.of(2026, 7, 1)),
                new RateGroup(P, Metric.EARNINGS_ADJUSTED, "USD", new BigDecimal("10.00"), null, LocalDate.of(2026, 7, 1))),
                Map.of(Metric.DEALS_WON, 3L));
        ScorecardRatios r = ScorecardRatios.of(s);
        assertEquals(new BigDecimal("0.0342"), r.incentiveCostPerRevenue(), "297.39 / 8692.17 = 0.034213…");
        assertEquals(Money.of("2897.39", "USD"), r.averageDealSize(), "8692.17 / 3");
        // 10.00 / 3 = 3.3333… → 3.33 (one rounding); 0.05 / 3.00 = 0.016666… → 0.0167
        Scorecard small = Scorecard.build(P, Q3, "USD", List.of(
                new RateGroup(P, Metric.SOURCED_REVENUE, "USD", new BigDecimal("3.00"), null, LocalDate.of(2026, 7, 1)),
                new RateGroup(P, Metric.EARNINGS_ACCRUED, "USD", new BigDecimal("0.05"), null, LocalDate.of(2026, 7, 1))),
                Map.of(Metric.DEALS_WON, 2L));
        assertEquals(new BigDecimal("0.0167"), ScorecardRatios.of(small).incentiveCostPerRevenue());
        assertEquals(Money.of("1.50", "USD"), ScorecardRatios.of(small).averageDealSize());
        ScorecardRatios none = ScorecardRatios.of(Scorecard.build(P, Q3, "USD", List.of(
                new RateGroup(P, Metric.EARNINGS_ACCRUED, "USD", new BigDecimal("5.00"), null, LocalDate.of(2026, 7, 1))), Map.of()));
        assertEquals(null, none.incentiveCostPerRevenue(), "no revenue: no ratio (never a division by zero)");
        assertEquals(null, none.averageDealSize(), "no won deal: no average");
    }
}
