package io.partnerflow.payout.domain.earning;

import io.partnerflow.core.money.Money;
import io.partnerflow.payout.domain.ledger.JournalKind;
import io.partnerflow.payout.domain.ledger.Journals;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EarningBookingTest {
    static final Instant NOW = Instant.parse("2025-03-01T12:00:00.123456Z");
    static final Duration WINDOW = Duration.ofDays(30);
    static final UUID ID = UUID.fromString("6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f");

    @Test
    void aPositiveLineWaitsInPendingUntilTheWindowFromTheDealsCloseEnds() {
        Instant closed = NOW.minus(Duration.ofDays(2)).plusNanos(999);
        EarningBooking b = EarningBooking.of("p", ID, Money.of("12.00", "EUR"), closed, NOW, WINDOW, NOW, "system");
        assertEquals(EarningStatus.PENDING, b.status());
        assertEquals(closed.plus(WINDOW).minusNanos(999), b.approveAfter(), "at PostgreSQL's precision");
        assertNull(b.approvedAt());
        assertFalse(b.approvedOnArrival());
        assertEquals(List.of(Journals.booked("p", ID, Money.of("12.00", "EUR"), false, NOW, "system")), b.journals());
    }

    @Test
    void aPositiveLineWhoseWindowEndedIsBookedThenApprovedAtOnce() {
        EarningBooking b = EarningBooking.of("p", ID, Money.of("12.00", "EUR"), null, NOW.minus(WINDOW), WINDOW, NOW, "system");
        assertEquals(EarningStatus.PENDING, b.status());
        assertTrue(b.approvedOnArrival());
        assertEquals(List.of(JournalKind.EARNING_BOOKED, JournalKind.EARNING_APPROVED), b.journals().stream().map(j -> j.kind()).toList());
    }

    @Test
    void aNegativeLineIsPayableAtOnceAndAZeroLinePostsNothing() {
        EarningBooking claw = EarningBooking.of("p", ID, Money.of("-4.00", "EUR"), NOW, NOW, WINDOW, NOW, "system");
        assertEquals(EarningStatus.APPROVED, claw.status());
        assertEquals(NOW, claw.approvedAt());
        assertEquals(NOW, claw.approveAfter());
        assertFalse(claw.approvedOnArrival());
        assertEquals(List.of(Journals.booked("p", ID, Money.of("-4.00", "EUR"), true, NOW, "system")), claw.journals());
        EarningBooking zero = EarningBooking.of("p", ID, Money.of("0.00", "EUR"), NOW, NOW, WINDOW, NOW, "system");
        assertEquals(EarningStatus.APPROVED, zero.status());
        assertEquals(List.of(), zero.journals());
    }
}
