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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Golden volume rebates, to the cent. */
class VolumeRebateTest {

    static final Currency EUR = Currency.getInstance("EUR");
    static final Currency JPY = Currency.getInstance("JPY");

    /** 2 % up to 10,000; 3 % from 10,000 to 50,000; 5 % from 50,000. */
    static final List<RebateBand> BANDS = List.of(
            band("0", "10000", "0.02"), band("10000", "50000", "0.03"), band("50000", null, "0.05"));

    static RebateBand band(String from, String to, String rate) {
        return new RebateBand(new BigDecimal(from), to == null ? null : new BigDecimal(to), new BigDecimal(rate));
    }

    static PeriodDeal deal(String id, String day, String amount, String ccy) {
        return PeriodDeal.of(id, Instant.parse("2026-03-" + day + "T10:00:00Z"), Money.of(amount, ccy));
    }

    static List<PeriodDeal> quarter() {
        return List.of(deal("d-1", "02", "20000.15", "EUR"), deal("d-2", "11", "24999.90", "EUR"),
                deal("d-3", "27", "17000.33", "EUR"));
    }

    @Test
    void retroactiveAndMarginalOnTheSameDataDiffer() {
        PeriodResult retro = VolumeRebate.settle(RebateMode.RETROACTIVE, BANDS, quarter(), EUR);
        PeriodResult marginal = VolumeRebate.settle(RebateMode.MARGINAL, BANDS, quarter(), EUR);
        // net 62,000.38: retroactive 5 % on all = 3100.019 → 3100.02
        assertEquals(Money.of("3100.02", "EUR"), retro.amount());
        // marginal 10000 × 2 % + 40000 × 3 % + 12000.38 × 5 % = 200 + 1200 + 600.019 → 2000.02
        assertEquals(Money.of("2000.02", "EUR"), marginal.amount());
        assertNotEquals(retro.amount(), marginal.amount());

        assertEquals("62000.38", retro.inputs().get("netRevenue"));
        assertEquals("3", retro.inputs().get("reachedBand"));
        assertEquals("RETROACTIVE", retro.inputs().get("mode"));
        assertEquals("0–10000: 2%; 10000–50000: 3%; 50000+: 5%", retro.inputs().get("bands"));
        assertEquals("5% retroactive volume rebate on all 62,000.38 EUR of revenue credited to you in the period "
                + "(band 3, 50000 and above) = 3,100.02 EUR.", retro.summary());
        assertEquals("Marginal volume rebate on the 62,000.38 EUR of revenue credited to you in the period "
                + "(2% on 10,000.00 EUR, 3% on 40,000.00 EUR, 5% on 12,000.38 EUR) = 2,000.02 EUR.", marginal.summary());

        // the steps show the arithmetic: sum of deals, band parts, exact total, rounding
        assertEquals("20000.15 + 24999.90 + 17000.33", marginal.steps().get(0).expression());
        assertEquals("10000 × 0.02", marginal.steps().get(1).expression());
        assertEquals("200", marginal.steps().get(1).value());
        assertEquals("12000.38 × 0.05", marginal.steps().get(3).expression());
        assertEquals("600.019", marginal.steps().get(3).value());
        Step last = marginal.steps().get(marginal.steps().size() - 1);
        assertEquals("2000.019", last.expression());
        assertEquals("2000.02", last.value());
        assertEquals("EUR", last.unit());
        Step retroLast = retro.steps().get(retro.steps().size() - 1);
        assertEquals("3100.019", retroLast.expression());
        assertEquals("3100.02", retroLast.value());
    }

    @Test
    void revenueExactlyAtABandEdgeBelongsToTheUpperBand() {
        List<PeriodDeal> deals = List.of(deal("a", "01", "30000.00", "EUR"), deal("b", "02", "20000.00", "EUR"));
        // 50,000.00 is the first value of band 3
        assertEquals(Money.of("2500.00", "EUR"), VolumeRebate.settle(RebateMode.RETROACTIVE, BANDS, deals, EUR).amount());
        // marginal: nothing of it lies inside band 3 yet
        assertEquals(Money.of("1400.00", "EUR"), VolumeRebate.settle(RebateMode.MARGINAL, BANDS, deals, EUR).amount());

        List<PeriodDeal> justBelow = List.of(deal("a", "01", "30000.00", "EUR"), deal("b", "02", "19999.99", "EUR"));
        // 49,999.99 × 3 % = 1499.9997 → 1500.00
        assertEquals(Money.of("1500.00", "EUR"),
                VolumeRebate.settle(RebateMode.RETROACTIVE, BANDS, justBelow, EUR).amount());
        // 200 + 39,999.99 × 3 % = 1399.9997 → 1400.00
        assertEquals(Money.of("1400.00", "EUR"),
                VolumeRebate.settle(RebateMode.MARGINAL, BANDS, justBelow, EUR).amount());
        assertEquals("2", VolumeRebate.settle(RebateMode.RETROACTIVE, BANDS, justBelow, EUR).inputs().get("reachedBand"));
    }

    @Test
    void netRevenueNotPositiveEarnsNothingEvenWithBigDeals() {
        List<PeriodDeal> deals = List.of(deal("a", "01", "60000.00", "EUR"), deal("a", "20", "-60000.00", "EUR"),
                deal("b", "21", "-1500.00", "EUR"));
        for (RebateMode mode : RebateMode.values()) {
            PeriodResult result = VolumeRebate.settle(mode, BANDS, deals, EUR);
            assertEquals(Money.zero(EUR), result.amount());
            assertEquals("-1500.00", result.inputs().get("netRevenue"));
            assertTrue(result.summary().contains("-1,500.00 EUR"), result.summary());
        }
        assertEquals(Money.zero(EUR), VolumeRebate.settle(RebateMode.MARGINAL, BANDS, List.of(), EUR).amount());
    }

    @Test
    void reversalsInThePeriodReduceTheBase() {
        List<PeriodDeal> deals = List.of(deal("a", "01", "40000.00", "EUR"), deal("b", "05", "15000.00", "EUR"),
                deal("b", "25", "-7500.00", "EUR"));
        // net 47,500.00: retroactive falls back to band 2 → 1425.00
        assertEquals(Money.of("1425.00", "EUR"), VolumeRebate.settle(RebateMode.RETROACTIVE, BANDS, deals, EUR).amount());
        // marginal 200 + 37,500 × 3 % = 1325.00
        assertEquals(Money.of("1325.00", "EUR"), VolumeRebate.settle(RebateMode.MARGINAL, BANDS, deals, EUR).amount());
    }

    @Test
    void roundsHalfEvenOnceAtTheEnd() {
        List<RebateBand> flat = List.of(band("0", null, "0.05"));
        // 10.10 × 5 % = 0.505, a tie → 0.50 (half-even; half-up would say 0.51)
        assertEquals(Money.of("0.50", "EUR"), VolumeRebate.settle(RebateMode.RETROACTIVE, flat,
                List.of(deal("a", "01", "10.10", "EUR")), EUR).amount());
        // 10.30 × 5 % = 0.515, a tie → 0.52 (to the even cent)
        assertEquals(Money.of("0.52", "EUR"), VolumeRebate.settle(RebateMode.MARGINAL, flat,
                List.of(deal("a", "01", "10.30", "EUR")), EUR).amount());
        // marginal: 0.005 + 0.005 per band would round to 0.00 + 0.00 if rounded per band; once it is 0.01
        List<RebateBand> two = List.of(band("0", "0.10", "0.05"), band("0.10", null, "0.05"));
        assertEquals(Money.of("0.01", "EUR"), VolumeRebate.settle(RebateMode.MARGINAL, two,
                List.of(deal("a", "01", "0.20", "EUR")), EUR).amount());
        // JPY has no decimals: 12,345 × 3 % = 370.35 → 370
        assertEquals(Money.of("370", "JPY"), VolumeRebate.settle(RebateMode.RETROACTIVE, List.of(band("0", null, "0.03")),
                List.of(deal("a", "01", "12345", "JPY")), JPY).amount());
    }

    @Test
    void closedLastBand() {
        List<RebateBand> capped = List.of(band("0", "1000", "0.01"), band("1000", "2000", "0.02"));
        List<PeriodDeal> deals = List.of(deal("a", "01", "2500.00", "EUR"));
        // retroactive: beyond the last band, its rate applies to all: 50.00
        PeriodResult retro = VolumeRebate.settle(RebateMode.RETROACTIVE, capped, deals, EUR);
        assertEquals(Money.of("50.00", "EUR"), retro.amount());
        assertTrue(retro.steps().get(1).expression().contains("beyond the last band"));
        // marginal: 10 + 20; the 500 beyond the table earns nothing
        PeriodResult marginal = VolumeRebate.settle(RebateMode.MARGINAL, capped, deals, EUR);
        assertEquals(Money.of("30.00", "EUR"), marginal.amount());
        assertTrue(marginal.steps().stream().anyMatch(s -> s.description().contains("beyond the last band")
                && s.value().equals("500")));
    }

    @Test
    void resultDoesNotDependOnInputOrder() {
        List<PeriodDeal> deals = new ArrayList<>(quarter());
        deals.add(deal("d-0", "02", "-1234.56", "EUR"));
        PeriodResult expected = VolumeRebate.settle(RebateMode.MARGINAL, BANDS, deals, EUR);
        for (int i = 0; i < 5; i++) {
            Collections.rotate(deals, 1);
            assertEquals(expected, VolumeRebate.settle(RebateMode.MARGINAL, BANDS, deals, EUR));
        }
    }

    @Test
    void validateRefusesBadTablesWithAClearMessage() {
        VolumeRebate.validate(BANDS);
        VolumeRebate.validate(List.of(band("0", "100", "0"), band("100", "200", "1")));
        assertMessage("at least one band", List.of());
        assertMessage("band 1 must start at 0", List.of(band("100", null, "0.01")));
        assertMessage("band 2 starts at 12000 but band 1 ends at 10000", List.of(band("0", "10000", "0.01"),
                band("12000", null, "0.02")));
        assertMessage("band 2 starts at 9000 but band 1 ends at 10000", List.of(band("0", "10000", "0.01"),
                band("9000", null, "0.02")));
        assertMessage("band 1 is open-ended but is not the last band", List.of(band("0", null, "0.01"),
                band("0", null, "0.02")));
        assertMessage("band 2 ends at 10000, which is not above its start 10000", List.of(band("0", "10000", "0.01"),
                band("10000", "10000", "0.02")));
        assertMessage("band 2 rate 1.5 must be between 0 and 1", List.of(band("0", "10", "0.01"),
                band("10", null, "1.5")));
        assertMessage("band 1 rate -0.01 must be between 0 and 1", List.of(band("0", null, "-0.01")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VolumeRebate.settle(RebateMode.MARGINAL, List.of(band("5", null, "0.1")), quarter(), EUR));
        assertTrue(e.getMessage().contains("must start at 0"));
    }

    @Test
    void refusesRevenueInAnotherCurrency() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VolumeRebate.settle(
                RebateMode.RETROACTIVE, BANDS, List.of(deal("x", "01", "10.00", "USD")), EUR));
        assertEquals("volume rebate: revenue of deal x is in USD, expected the base currency EUR", e.getMessage());
    }

    private static void assertMessage(String expected, List<RebateBand> bands) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VolumeRebate.validate(bands));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
