package io.partnerflow.analytics.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scorecard fold on the golden samples' story: attribution, refund, re-attribution (contracts/ samples). */
class ScorecardFoldTest {
    static final String DEAL = "5d0e9b3a-8c21-4f7e-a6d4-0b9c3e2f1a77";
    static final String BRIGHT = "3f2c1a8e-5b7d-4c9e-9a1f-2d6b8e4c7a10";
    static final String SEVEN = "7a9e4b21-0c3d-4f58-b6e2-91d4c8a5f302";
    static final String ORBIS = "c81d5e7f-2a94-4b3c-8f61-5e0a7d2b9c44";
    static final LocalDate CLOSED = LocalDate.of(2025, 6, 27);

    static Fact.Share share(String partner, String role, String amount) {
        return new Fact.Share(partner, role, new BigDecimal(amount));
    }

    static Fact.Attribution attributed() {
        return new Fact.Attribution(DEAL, "e4a1", null, CLOSED, "EUR", List.of(share(BRIGHT, "influenced", "42002.70"),
                share(SEVEN, "sourced", "23334.83"), share(ORBIS, "influenced", "4666.97")));
    }

    static Fact.Reversal refund() {
        return new Fact.Reversal(DEAL, "e4a1", "b7c8", List.of(share(BRIGHT, "influenced", "-1155.00"),
                share(SEVEN, "sourced", "-641.67"), share(ORBIS, "influenced", "-128.33")));
    }

    static Fact.Attribution reattributed() {
        return new Fact.Attribution(DEAL, "c3d4", "e4a1", CLOSED, "EUR", List.of(share(BRIGHT, "influenced", "22693.17"),
                share(SEVEN, "sourced", "22693.17"), share(ORBIS, "influenced", "22693.16")));
    }

    @Test
    void anAttributionCreditsRevenueByRoleAndOneWonDealPerPartner() {
        MemoryStore s = new MemoryStore().apply(List.of(attributed()));
        assertEquals(new BigDecimal("23334.83"), s.amount(SEVEN, Metric.SOURCED_REVENUE));
        assertEquals(new BigDecimal("42002.70"), s.amount(BRIGHT, Metric.INFLUENCED_REVENUE));
        assertEquals(BigDecimal.ZERO, s.amount(BRIGHT, Metric.SOURCED_REVENUE));
        assertEquals(1, s.count(ORBIS, Metric.DEALS_WON));
        assertTrue(s.amounts.keySet().stream().allMatch(k -> k.day().equals(CLOSED) && k.currency().equals("EUR")));
    }

    @Test
    void aRefundLowersTheNetCreditsAndAReattributionReplacesThemWholly() {
        MemoryStore s = new MemoryStore().apply(List.of(attributed())).apply(List.of(refund()));
        assertEquals(new BigDecimal("22693.16"), s.amount(SEVEN, Metric.SOURCED_REVENUE));
        assertEquals(new BigDecimal("40847.70"), s.amount(BRIGHT, Metric.INFLUENCED_REVENUE));
        s.apply(List.of(reattributed()));
        assertEquals(new BigDecimal("22693.17"), s.amount(SEVEN, Metric.SOURCED_REVENUE));
        assertEquals(new BigDecimal("22693.16"), s.amount(ORBIS, Metric.INFLUENCED_REVENUE));
        assertEquals(1, s.count(BRIGHT, Metric.DEALS_WON), "still one won deal each, not two");
        assertEquals("c3d4", s.deals.get(DEAL).attributionId());
    }

    @Test
    void theSameAttributionUnderAnotherEventIdAndAReversalOfASupersededOneChangeNothing() {
        MemoryStore s = new MemoryStore().apply(List.of(attributed(), reattributed()));
        var before = s.normalisedAmounts();
        s.apply(List.of(reattributed(), refund())); // refund() names e4a1, superseded by c3d4
        assertEquals(before, s.normalisedAmounts());
    }

    @Test
    void aFullCancellationTakesTheDealOutOfTheWonDealsAndARoleChangeMovesTheRevenue() {
        Fact.Attribution a = new Fact.Attribution("d2", "a1", null, CLOSED, "USD", List.of(share(SEVEN, "sourced", "100.00")));
        MemoryStore s = new MemoryStore().apply(List.of(a));
        s.apply(List.of(new Fact.Reversal("d2", "a1", "r1", List.of(share(SEVEN, "sourced", "-100.00")))));
        assertEquals(0, s.count(SEVEN, Metric.DEALS_WON));
        assertEquals(BigDecimal.ZERO, s.amount(SEVEN, Metric.SOURCED_REVENUE));

        MemoryStore t = new MemoryStore().apply(List.of(a, new Fact.Attribution("d2", "a2", "a1", CLOSED, "USD",
                List.of(share(SEVEN, "influenced", "80.00")))));
        assertEquals(BigDecimal.ZERO, t.amount(SEVEN, Metric.SOURCED_REVENUE));
        assertEquals(new BigDecimal("80.00"), t.amount(SEVEN, Metric.INFLUENCED_REVENUE));
        assertEquals(1, t.count(SEVEN, Metric.DEALS_WON));
    }

    @Test
    void partnerFactsAreAddedAsTheyCome() {
        MemoryStore s = new MemoryStore().apply(List.of(
                new Fact.Amount(ORBIS, Metric.EARNINGS_ACCRUED, CLOSED, "USD", new BigDecimal("298.52")),
                new Fact.Amount(ORBIS, Metric.EARNINGS_CLAWED_BACK, CLOSED.plusDays(24), "USD", new BigDecimal("-11.13")),
                new Fact.Count(ORBIS, Metric.REGISTRATIONS_SUBMITTED, CLOSED),
                new Fact.Count(ORBIS, Metric.REGISTRATIONS_SUBMITTED, CLOSED)));
        assertEquals(new BigDecimal("298.52"), s.amount(ORBIS, Metric.EARNINGS_ACCRUED));
        assertEquals(new BigDecimal("-11.13"), s.amount(ORBIS, Metric.EARNINGS_CLAWED_BACK));
        assertEquals(2, s.count(ORBIS, Metric.REGISTRATIONS_SUBMITTED));
    }
}
