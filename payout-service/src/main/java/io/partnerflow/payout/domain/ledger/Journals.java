package io.partnerflow.payout.domain.ledger;

import io.partnerflow.core.ids.NameBasedIds;
import io.partnerflow.core.money.Money;

import java.time.Instant;
import java.util.UUID;

import static io.partnerflow.payout.domain.ledger.AccountKind.BANK_CLEARING;
import static io.partnerflow.payout.domain.ledger.AccountKind.INCENTIVE_EXPENSE;
import static io.partnerflow.payout.domain.ledger.AccountKind.PAID;
import static io.partnerflow.payout.domain.ledger.AccountKind.PAYABLE;
import static io.partnerflow.payout.domain.ledger.AccountKind.PENDING_EARNINGS;

/**
 * The journals of the payout lifecycle, with name-based ids from what caused them (so a redelivered event or a
 * retried request can never post twice: the journal's primary key refuses it).
 */
public final class Journals {
    private Journals() {
    }

    /** An earning line booked: Dr expense / Cr pending (positive lines) or Cr payable (negative lines: no hold). */
    public static Journal booked(String partnerId, UUID earningId, Money amount, boolean toPayable, Instant at, String actor) {
        return new Journal(NameBasedIds.of("payout.journal.booked", earningId), JournalKind.EARNING_BOOKED, partnerId,
                earningId, null, null, null, at, actor,
                Journal.move(INCENTIVE_EXPENSE, toPayable ? PAYABLE : PENDING_EARNINGS, partnerId, amount));
    }

    public static Journal approved(String partnerId, UUID earningId, Money amount, Instant at, String actor) {
        return new Journal(NameBasedIds.of("payout.journal.approved", earningId), JournalKind.EARNING_APPROVED, partnerId,
                earningId, null, null, null, at, actor, Journal.move(PENDING_EARNINGS, PAYABLE, partnerId, amount));
    }

    /** Undoes a booking: from pending (not approved yet) or payable (approved), back to the expense. */
    public static Journal declined(String partnerId, UUID earningId, UUID bookingJournalId, Money amount, boolean fromPayable,
                                   String reason, Instant at, String actor) {
        return new Journal(NameBasedIds.of("payout.journal.declined", earningId), JournalKind.EARNING_DECLINED, partnerId,
                earningId, null, bookingJournalId, reason, at, actor,
                Journal.move(fromPayable ? PAYABLE : PENDING_EARNINGS, INCENTIVE_EXPENSE, partnerId, amount));
    }

    public static Journal committed(String partnerId, UUID itemId, Money amount, Instant at, String actor) {
        return new Journal(NameBasedIds.of("payout.journal.committed", itemId), JournalKind.PAYOUT_COMMITTED, partnerId,
                null, itemId, null, null, at, actor, Journal.move(PAYABLE, BANK_CLEARING, partnerId, amount));
    }

    public static Journal paid(String partnerId, UUID itemId, Money amount, String reference, Instant at, String actor) {
        return new Journal(NameBasedIds.of("payout.journal.paid", itemId), JournalKind.PAYOUT_PAID, partnerId,
                null, itemId, null, "bank reference " + reference, at, actor, Journal.move(BANK_CLEARING, PAID, partnerId, amount));
    }

    public static Journal failed(String partnerId, UUID itemId, UUID committedJournalId, Money amount, String reason,
                                 Instant at, String actor) {
        return new Journal(NameBasedIds.of("payout.journal.failed", itemId), JournalKind.PAYOUT_FAILED, partnerId,
                null, itemId, committedJournalId, reason, at, actor, Journal.move(BANK_CLEARING, PAYABLE, partnerId, amount));
    }
}
