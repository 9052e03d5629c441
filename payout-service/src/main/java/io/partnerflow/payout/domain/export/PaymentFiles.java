package io.partnerflow.payout.domain.export;

import java.util.List;

/** Splits a run's items into the SEPA file, the NACHA file and the list for manual payment. */
public final class PaymentFiles {

    private PaymentFiles() {
    }

    /** An item that goes to no file, and why (e.g. "method MANUAL", "currency GBP not payable by SEPA"). */
    public record ManualPayment(PayeeItem item, String reason) {
    }

    /** Items in input order within each list; every input item is in exactly one list. */
    public record Split(List<PayeeItem> sepa, List<PayeeItem> nacha, List<ManualPayment> manual) {
    }

    /**
     * SEPA: method SEPA, EUR, valid IBAN and (if given) BIC; NACHA: method ACH, USD, valid routing and
     * account number; everything else is manual with its reason.
     */
    public static Split split(List<PayeeItem> items) {
        throw new UnsupportedOperationException("not yet");
    }
}
