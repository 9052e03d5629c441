package io.partnerflow.incentive.domain.period;

import io.partnerflow.core.money.Money;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Golden accelerators, to the cent: below, at and above target, a deal straddling it, reversals. */
class AcceleratorTest {

    static final Currency EUR = Currency.getInstance("EUR");
    static final Currency JPY = Currency.getInstance("JPY");
    static final Money TARGET = Money.of("10000.00", "EUR");
    static final BigDecimal X1_5 = new BigDecimal("1.5");

    static PeriodDeal deal(String id, String day, String revenue, String commission) {
        return new PeriodDeal(id, Instant.parse("2026-03-" + day + "T10:00:00Z"), Money.of(revenue, "EUR"),
                Money.of(commission, "EUR"));
    }

    @Test
    void belowTargetEarnsNothing() {
        PeriodResult r = Accelerator.settle(TARGET, X1_5, List.of(deal("a", "01", "6000.00", "600.00"),
                deal("b", "10", "3999.99", "400.00")), EUR);
        assertEquals(Money.zero(EUR), r.amount());
        assertEquals("0", r.inputs().get("dealsAboveTarget"));
        assertEquals("No accelerator: revenue credited to you in the period, 9,999.99 EUR, did not exceed the target "
                + "of 10,000.00 EUR.", r.summary());
    }

    @Test
    void exactlyAtTargetEarnsNothing() {
        PeriodResult r = Accelerator.settle(TARGET, X1_5, List.of(deal("a", "01", "6000.00", "600.00"),
                deal("b", "10", "4000.00", "400.00")), EUR);
        assertEquals(Money.zero(EUR), r.amount());
        assertEquals("0.00 EUR", r.inputs().get("revenueAboveTarget"));
    }

    @Test
    void aboveTargetWithADealStraddlingIt() {
        // a: 0 → 6000 (below); b: 6000 → 11000, 1000 of its 5000 above → 0.5 × 400 × 1000/5000 = 40.00;
        // c: entirely above → 0.5 × 330 = 165.00; total 205.00
        List<PeriodDeal> deals = List.of(deal("a", "01", "6000.00", "600.00"), deal("b", "10", "5000.00", "400.00"),
                deal("c", "20", "3000.00", "330.00"));
        PeriodResult r = Accelerator.settle(TARGET, X1_5, deals, EUR);
        assertEquals(Money.of("205.00", "EUR"), r.amount());
        assertEquals("2", r.inputs().get("dealsAboveTarget"));
        assertEquals("4000.00 EUR", r.inputs().get("revenueAboveTarget"));
        assertEquals("14000.00 EUR", r.inputs().get("periodRevenue"));
        assertEquals("Accelerator 1.5x on your commission for the 4,000.00 EUR of credited revenue above the "
                + "10,000.00 EUR target: extra commission 205.00 EUR.", r.summary());
        Step b = r.steps().get(2);
        assertTrue(b.description().startsWith("Deal b (closed 2026-03-10T10:00:00Z): 1000 of its 5000.00 EUR revenue "
                + "above target (cumulative 6000 → 11000)"), b.description());
        assertEquals("0.5 × 400.00 × 1000 / 5000.00", b.expression());
        assertEquals("40", b.value());
        Step c = r.steps().get(3);
        assertEquals("0.5 × 330.00", c.expression());
        assertEquals("165", c.value());

        // the deal closed first is the one below target: swap the close dates and the result changes
        List<PeriodDeal> otherOrder = List.of(deal("a", "20", "6000.00", "600.00"), deal("b", "10", "5000.00", "400.00"),
                deal("c", "01", "3000.00", "330.00"));
        // c: 0 → 3000; b: 3000 → 8000; a: 8000 → 14000, 4000 of 6000 above → 0.5 × 600 × 4000/6000 = 200.00
        assertEquals(Money.of("200.00", "EUR"), Accelerator.settle(TARGET, X1_5, otherOrder, EUR).amount());
    }

    @Test
    void sameCloseInstantIsOrderedByDealId() {
        List<PeriodDeal> deals = new ArrayList<>(List.of(deal("z", "05", "8000.00", "800.00"),
                deal("m", "05", "4000.00", "100.00"), deal("a", "05", "2000.00", "900.00")));
        // a: 0 → 2000; m: 2000 → 6000; z: 6000 → 14000, 4000 of 8000 above → 0.5 × 800 × 0.5 = 200.00
        PeriodResult expected = Accelerator.settle(TARGET, X1_5, deals, EUR);
        assertEquals(Money.of("200.00", "EUR"), expected.amount());
        for (int i = 0; i < 3; i++) {
            Collections.rotate(deals, 1);
            assertEquals(expected, Accelerator.settle(TARGET, X1_5, deals, EUR));
        }
    }

    @Test
    void nonTerminatingShareIsKeptExactAndRoundedOnce() {
        // b: 8000 → 11000, 1000 of 3000 above → 0.5 × 100 × 1/3 = 16.666… → 16.67
        PeriodResult r = Accelerator.settle(TARGET, X1_5, List.of(deal("a", "01", "8000.00", "800.00"),
                deal("b", "02", "3000.00", "100.00")), EUR);
        assertEquals(Money.of("16.67", "EUR"), r.amount());
        assertEquals("≈16.6666666667", r.steps().get(2).value());
        // two deals entirely above target with 0.01 commission: 0.005 + 0.005 = 0.01 (per-deal rounding: 0.00)
        PeriodResult tiny = Accelerator.settle(TARGET, X1_5, List.of(deal("a", "01", "10000.00", "0.00"),
                deal("b", "02", "1.00", "0.01"), deal("c", "03", "1.00", "0.01")), EUR);
        assertEquals(Money.of("0.01", "EUR"), tiny.amount());
        // a tie: 0.5 × 1.01 = 0.505 → 0.50 (half-even; half-up would say 0.51)
        assertEquals(Money.of("0.50", "EUR"), Accelerator.settle(TARGET, X1_5, List.of(
                deal("a", "01", "10000.00", "0.00"), deal("b", "02", "1.00", "1.01")), EUR).amount());
        // thirds that add up: 3 × (0.5 × 0.02 × 1/3)... via straddle + reversal + straddle
        PeriodResult thirds = Accelerator.settle(TARGET, new BigDecimal("2"), List.of(
                deal("a", "01", "9000.00", "0.00"),
                deal("b", "02", "3000.00", "0.01"),    // 2000 of 3000 above: 0.01 × 2/3 = 0.00666…
                deal("c", "03", "-3000.00", "-0.01"),  // 12000 → 9000: −2000 of −3000: −0.00666…
                deal("d", "04", "1500.00", "0.01")),   // 9000 → 10500: 500 of 1500: 0.00333…
                EUR);
        assertEquals(Money.zero(EUR), thirds.amount()); // 0.00333… → 0.00
    }

    @Test
    void reversalBelowTargetTakesTheExtraBack() {
        // a: 0 → 12000, 2000 of 12000 above → 0.5 × 1200 × 2000/12000 = 100.00
        // r (reversal of a, booked later in the period): 12000 → 6000, −2000 of −6000 → 0.5 × −600 × 1/3 = −100.00
        PeriodResult r = Accelerator.settle(TARGET, X1_5, List.of(deal("a", "01", "12000.00", "1200.00"),
                deal("a", "25", "-6000.00", "-600.00")), EUR);
        assertEquals(Money.of("0.00", "EUR"), r.amount());
        assertTrue(r.steps().get(3).description().contains("taken back from above target"));
        // partly: the reversal leaves 11000, 1000 above: 100.00 − 0.5 × −100 × (−1000/−1000) = 50.00
        PeriodResult partly = Accelerator.settle(TARGET, X1_5, List.of(deal("a", "01", "12000.00", "1200.00"),
                deal("a", "25", "-1000.00", "-100.00")), EUR);
        assertEquals(Money.of("50.00", "EUR"), partly.amount());
    }

    @Test
    void aDealAndItsReversalWithTheSameCloseInstantAreOrderedDealFirst() {
        // the reversal carries the deal's closedAt and id: the deal (positive) comes first, whatever the input order
        List<PeriodDeal> deals = new ArrayList<>(List.of(deal("a", "01", "9000.00", "900.00"),
                deal("x", "05", "-1000.00", "-100.00"), deal("x", "05", "3000.00", "300.00")));
        PeriodResult r = Accelerator.settle(TARGET, X1_5, deals, EUR);
        // x: 9000 → 12000, 2000 of 3000 above → 0.5 × 300 × 2/3 = 100; reversal: 12000 → 11000, −1000 → −50
        assertEquals(Money.of("50.00", "EUR"), r.amount());
        assertTrue(r.steps().get(2).description().contains("2000 of its 3000.00 EUR revenue above"));
        assertTrue(r.steps().get(3).description().contains("-1000 of its -1000.00 EUR revenue taken back"));
        Collections.reverse(deals);
        assertEquals(r, Accelerator.settle(TARGET, X1_5, deals, EUR));
    }

    @Test
    void longPeriodsListTheFirstDealsAndSumTheRest() {
        List<PeriodDeal> deals = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            deals.add(new PeriodDeal(String.format("d-%02d", i), Instant.parse("2026-03-01T00:00:00Z").plusSeconds(i),
                    Money.of("100.00", "EUR"), Money.of("1.00", "EUR")));
        }
        PeriodResult r = Accelerator.settle(Money.zero(EUR), X1_5, deals, EUR);
        assertEquals(Money.of("30.00", "EUR"), r.amount()); // 60 × 0.5 × 1.00
        assertEquals(2 + Accelerator.MAX_DEAL_STEPS + 1 + 2, r.steps().size());
        Step rest = r.steps().get(2 + Accelerator.MAX_DEAL_STEPS);
        assertEquals("10 more deals above target (not listed one by one)", rest.description());
        assertEquals("5", rest.value());
        assertEquals("60", r.inputs().get("dealsAboveTarget"));
    }

    @Test
    void payoutCurrencyMayDifferFromTheRevenueBase() {
        PeriodDeal a = new PeriodDeal("a", Instant.parse("2026-03-01T00:00:00Z"), Money.of("15000.00", "EUR"),
                Money.of("150001", "JPY"));
        // 5000 of 15000 above: (1.25 − 1) × 150001 × 1/3 = 12500.0833… → 12500 JPY
        PeriodResult r = Accelerator.settle(TARGET, new BigDecimal("1.25"), List.of(a), JPY);
        assertEquals(Money.of("12500", "JPY"), r.amount());
        assertEquals("JPY", r.inputs().get("payoutCurrency"));
    }

    @Test
    void multiplierOfOneAndZeroTarget() {
        List<PeriodDeal> deals = List.of(deal("a", "01", "100.00", "10.00"));
        assertEquals(Money.zero(EUR), Accelerator.settle(TARGET, BigDecimal.ONE, deals, EUR).amount());
        assertEquals(Money.of("10.00", "EUR"),
                Accelerator.settle(Money.zero(EUR), new BigDecimal("2"), deals, EUR).amount());
        assertEquals(Money.zero(EUR), Accelerator.settle(TARGET, X1_5, List.of(), EUR).amount());
    }

    @Test
    void refusesBadInput() {
        List<PeriodDeal> deals = List.of(deal("a", "01", "100.00", "10.00"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Accelerator.settle(TARGET,
                new BigDecimal("0.9"), deals, EUR)).getMessage().contains("at least 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Accelerator.settle(Money.of("-1.00", "EUR"),
                X1_5, deals, EUR)).getMessage().contains("must not be negative"));
        assertEquals("accelerator: deal x has no commission; pass the commission accrued for it (zero if none)",
                assertThrows(IllegalArgumentException.class, () -> Accelerator.settle(TARGET, X1_5,
                        List.of(PeriodDeal.of("x", Instant.EPOCH, Money.of("1.00", "EUR"))), EUR)).getMessage());
        assertEquals("accelerator: commission of deal a is in EUR, expected JPY",
                assertThrows(IllegalArgumentException.class, () -> Accelerator.settle(TARGET, X1_5, deals, JPY))
                        .getMessage());
        assertEquals("accelerator: revenue of deal u is in USD, expected the base currency EUR",
                assertThrows(IllegalArgumentException.class, () -> Accelerator.settle(TARGET, X1_5,
                        List.of(new PeriodDeal("u", Instant.EPOCH, Money.of("1.00", "USD"), Money.of("1.00", "EUR"))),
                        EUR)).getMessage());
    }
}
