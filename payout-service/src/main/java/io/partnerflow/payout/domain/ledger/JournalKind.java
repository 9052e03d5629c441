package io.partnerflow.payout.domain.ledger;

/** What a journal records; the statement groups lines by it. */
public enum JournalKind {
    /** Dr incentive_expense / Cr pending_earnings (or payable for negative lines, which need no hold window). */
    EARNING_BOOKED,
    /** Dr pending_earnings / Cr payable: the hold window ended, or finance approved early. */
    EARNING_APPROVED,
    /** Reverses an earning's booking (and approval): finance declined it. */
    EARNING_DECLINED,
    /** Dr payable / Cr bank_clearing: an approved run committed the item to the bank. */
    PAYOUT_COMMITTED,
    /** Dr bank_clearing / Cr paid: the bank paid the item. */
    PAYOUT_PAID,
    /** Dr bank_clearing / Cr payable: the bank returned the item; it is owed again. */
    PAYOUT_FAILED,
    /** A correction reversing an earlier journal, with a reason. */
    CORRECTION;

    public String wire() {
        return name().toLowerCase();
    }

    public static JournalKind fromWire(String wire) {
        return valueOf(wire.toUpperCase());
    }
}
