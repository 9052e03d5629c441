package io.partnerflow.payout.domain.earning;

import io.partnerflow.core.money.Money;
import io.partnerflow.payout.domain.ledger.Journal;
import io.partnerflow.payout.domain.ledger.Journals;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What booking a NEW earning line means (pure): a positive line waits in pending until its hold window (from the deal's
 * close, else from the event) ends — approved at once when it already ended; a negative or zero line is payable at
 * once (a clawback needs no hold). The journals, in the order they are posted: the booking (none for a zero line),
 * then the approval when the window already ended. Every batch and single booking goes through here.
 *
 * @param status           the status the line is inserted with (pending, or approved for negative/zero lines)
 * @param approvedOnArrival a positive line whose window ended before it arrived: booked pending, then approved at once
 */
public record EarningBooking(UUID earningId, EarningStatus status, Instant approveAfter, Instant approvedAt,
                             boolean approvedOnArrival, List<Journal> journals) {
    public static final String APPROVED_ON_ARRIVAL_REASON = "hold window already ended";

    public EarningBooking {
        journals = List.copyOf(journals);
    }

    public static EarningBooking of(String partnerId, UUID earningId, Money amount, Instant closedAt, Instant occurredAt,
                                    Duration holdWindow, Instant now, String actor) {
        boolean negativeOrZero = !amount.isPositive();
        Instant anchor = closedAt != null ? closedAt : occurredAt;
        Instant approveAfter = negativeOrZero ? now : anchor.plus(holdWindow).truncatedTo(ChronoUnit.MICROS);
        boolean approvedOnArrival = !negativeOrZero && !approveAfter.isAfter(now);
        List<Journal> journals = new ArrayList<>(2);
        if (!amount.isZero()) {
            journals.add(Journals.booked(partnerId, earningId, amount, negativeOrZero, now, actor));
            if (approvedOnArrival) {
                journals.add(Journals.approved(partnerId, earningId, amount, now, actor));
            }
        }
        return new EarningBooking(earningId, negativeOrZero ? EarningStatus.APPROVED : EarningStatus.PENDING, approveAfter,
                negativeOrZero ? now : null, approvedOnArrival, journals);
    }
}
