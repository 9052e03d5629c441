package io.partnerflow.analytics.domain;

import io.partnerflow.core.money.Money;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DealActivityTest {
    static final LocalDate FROM = LocalDate.parse("2026-07-01");
    static final LocalDate TO = LocalDate.parse("2026-10-01");

    static DealActivity.Touch t(String partner, String type, String on) {
        return new DealActivity.Touch(partner, type, LocalDate.parse(on));
    }

    static DealActivity.PipelineDeal deal(String status, String amount, String ccy, String created, String closed, DealActivity.Touch... touches) {
        return new DealActivity.PipelineDeal("d-" + amount, status, Money.of(amount, ccy), LocalDate.parse(created),
                closed == null ? null : LocalDate.parse(closed), List.of(touches));
    }

    @Test
    void sourcedIsTheEarliestSourcingTouchTiesByPartnerIdAndRatiosAreRoundedOnce() {
        List<DealActivity.PipelineDeal> deals = List.of(
                deal("open", "100.00", "USD", "2026-07-01", null, t("b", "referral", "2026-07-02"), t("a", "referral", "2026-07-02")),
                deal("open", "50.00", "USD", "2026-07-01", null, t("a", "demo", "2026-06-01"), t("c", "lead_generation", "2026-07-09")),
                deal("won", "10.00", "EUR", "2026-07-01", "2026-07-11", t("a", "resale", "2026-07-05")),
                deal("won", "10.00", "EUR", "2026-07-01", "2026-07-12", t("a", "resale", "2026-07-05")),
                deal("closed_lost", "10.00", "EUR", "2026-05-01", "2026-08-01", t("a", "demo", "2026-05-05")),
                deal("won", "99.00", "EUR", "2026-01-01", "2026-03-01", t("a", "resale", "2026-02-01")));
        DealActivity.Figures a = DealActivity.of("a", FROM, TO, deals);
        assertEquals(Map.of("USD", Money.of("100.00", "USD")), a.openSourced());      // tie on the day: "a" before "b"
        assertEquals(Map.of("USD", Money.of("50.00", "USD")), a.openInfluenced());    // c's lead generation sourced it
        assertEquals(2, a.openDeals());
        assertEquals(2, a.won());
        assertEquals(1, a.lost());
        assertEquals(new BigDecimal("0.6667"), a.winRate());
        assertEquals(new BigDecimal("10.5"), a.averageCycleDays());
        assertEquals(Map.of("referral", 1L, "resale", 2L), a.touchpointsByType());
        DealActivity.Figures b = DealActivity.of("b", FROM, TO, deals);
        assertEquals(Map.of("USD", Money.of("100.00", "USD")), b.openInfluenced());
        assertNull(b.winRate());
        assertNull(b.averageCycleDays());
        assertEquals(0, DealActivity.of("nobody", FROM, TO, deals).openDeals());
    }

    @Test
    void touchesRoundTripThroughTheirStoredForm() {
        List<DealActivity.Touch> touches = List.of(t("b", "demo", "2026-07-02"), t("a", "referral", "2026-07-01"));
        String encoded = DealActivity.encode(touches);
        assertEquals("a|referral|2026-07-01;b|demo|2026-07-02", encoded);
        assertEquals(List.of(touches.get(1), touches.get(0)), DealActivity.decode(encoded));
        assertEquals(List.of(), DealActivity.decode(""));
    }
}
