package io.partnerflow.incentive.domain.period;

import io.partnerflow.core.money.Money;
import io.partnerflow.incentive.domain.period.CapSettlement.CapResult;
import io.partnerflow.incentive.domain.period.CapSettlement.CappedEarning;
import io.partnerflow.incentive.domain.period.CapSettlement.Cut;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Golden cap settlements: one adjustment, cuts on the latest earnings first, summing exactly. */
class CapSettlementTest {

    static CappedEarning earning(String id, String deal, String day, String amount) {
        return new CappedEarning(id, deal, Instant.parse("2026-03-" + day + "T09:00:00Z"), Money.of(amount, "EUR"));
    }

    static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    static List<CappedEarning> march() {
        return List.of(earning("e1", "d1", "01", "400.00"), earning("e2", "d2", "05", "300.00"),
                earning("e3", "d3", "10", "250.00"), earning("e4", "d4", "15", "200.00"));
    }

    @Test
    void overTheCapCutsTheLatestEarningFirst() {
        CapResult r = CapSettlement.settle(eur("1000.00"), march());
        assertEquals(eur("1150.00"), r.total());
        assertEquals(eur("-150.00"), r.adjustment());
        assertEquals(List.of(new Cut("e4", eur("-150.00"))), r.cuts());
        assertTrue(r.capped());
        assertEquals("Your earnings under this rule in the period, 1,150.00 EUR, exceed the cap of 1,000.00 EUR: "
                + "adjusted by -150.00 EUR, taken from the latest earning.", r.summary());
        assertEquals("400.00 + 300.00 + 250.00 + 200.00", r.steps().get(0).expression());
        assertEquals("1000.00 − 1150.00", r.steps().get(2).expression());
        assertEquals("-150.00", r.steps().get(3).value());
    }

    @Test
    void aLargeOverrunSpansSeveralEarningsAndSumsExactly() {
        CapResult r = CapSettlement.settle(eur("500.00"), march());
        assertEquals(eur("-650.00"), r.adjustment());
        assertEquals(List.of(new Cut("e4", eur("-200.00")), new Cut("e3", eur("-250.00")), new Cut("e2", eur("-200.00"))),
                r.cuts());
        assertEquals(r.adjustment(), Money.sum(r.cuts().stream().map(Cut::amount).toList()));
    }

    @Test
    void clawbacksAreNeverCutAndCountInTheTotal() {
        List<CappedEarning> earnings = new ArrayList<>(march());
        earnings.add(earning("e5", "d2", "20", "-100.00")); // a clawback, the latest entry
        CapResult r = CapSettlement.settle(eur("500.00"), earnings);
        assertEquals(eur("1050.00"), r.total());
        assertEquals(eur("-550.00"), r.adjustment());
        assertEquals(List.of(new Cut("e4", eur("-200.00")), new Cut("e3", eur("-250.00")), new Cut("e2", eur("-100.00"))),
                r.cuts());
    }

    @Test
    void zeroCapTakesEverythingPositive() {
        CapResult r = CapSettlement.settle(eur("0.00"), march());
        assertEquals(eur("-1150.00"), r.adjustment());
        assertEquals(4, r.cuts().size());
        assertEquals(eur("-400.00"), r.cuts().get(3).amount());
    }

    @Test
    void withinOrExactlyAtTheCapNothingHappens() {
        for (String cap : List.of("1150.00", "5000.00")) {
            CapResult r = CapSettlement.settle(eur(cap), march());
            assertEquals(eur("0.00"), r.adjustment());
            assertTrue(r.cuts().isEmpty());
            assertFalse(r.capped());
            assertTrue(r.summary().contains("within the cap"));
        }
        assertEquals(eur("0.00"), CapSettlement.settle(eur("10.00"), List.of()).adjustment());
    }

    @Test
    void tiesOnCloseInstantAreBrokenByDealThenEarningId() {
        List<CappedEarning> earnings = new ArrayList<>(List.of(earning("e-b", "d1", "05", "100.00"),
                earning("e-a", "d1", "05", "100.00"), earning("e-z", "d0", "05", "100.00")));
        CapResult expected = CapSettlement.settle(eur("150.00"), earnings);
        // order: (d0, e-z), (d1, e-a), (d1, e-b); latest first: e-b fully, then 50 of e-a
        assertEquals(List.of(new Cut("e-b", eur("-100.00")), new Cut("e-a", eur("-50.00"))), expected.cuts());
        for (int i = 0; i < 3; i++) {
            Collections.rotate(earnings, 1);
            assertEquals(expected, CapSettlement.settle(eur("150.00"), earnings));
        }
    }

    @Test
    void capAmountForASinglePeriodEarning() {
        assertEquals(eur("1000.00"), CapSettlement.capAmount(eur("1000.00"), eur("1200.00")));
        assertEquals(eur("800.00"), CapSettlement.capAmount(eur("1000.00"), eur("800.00")));
        assertEquals(eur("1000.00"), CapSettlement.capAmount(eur("1000.00"), eur("1000.00")));
        assertEquals(eur("-50.00"), CapSettlement.capAmount(eur("1000.00"), eur("-50.00")));
        assertThrows(IllegalArgumentException.class, () -> CapSettlement.capAmount(eur("-1.00"), eur("5.00")));
        assertThrows(IllegalArgumentException.class, () -> CapSettlement.capAmount(eur("1.00"), Money.of("5.00", "USD")));
    }

    @Test
    void refusesBadInput() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CapSettlement.settle(eur("-0.01"), march()))
                .getMessage().contains("must not be negative"));
        assertEquals("earning e1 appears twice in the cap settlement", assertThrows(IllegalArgumentException.class,
                () -> CapSettlement.settle(eur("1.00"), List.of(earning("e1", "d", "01", "1.00"),
                        earning("e1", "d", "02", "1.00")))).getMessage());
        assertEquals("capped earning u is in USD, expected EUR", assertThrows(IllegalArgumentException.class,
                () -> CapSettlement.settle(eur("1.00"), List.of(new CappedEarning("u", "d", Instant.EPOCH,
                        Money.of("1.00", "USD"))))).getMessage());
    }
}
