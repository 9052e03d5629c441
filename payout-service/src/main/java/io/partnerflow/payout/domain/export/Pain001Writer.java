package io.partnerflow.payout.domain.export;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Writes SEPA credit transfer initiations, ISO 20022 pain.001.001.09. */
public final class Pain001Writer {

    private Pain001Writer() {
    }

    /**
     * One PmtInf (batch booking), exact NbOfTxs and CtrlSum, EndToEndId = item id, unstructured remittance
     * = reference. Refuses (IllegalArgumentException) an empty list, a non-EUR or non-SEPA item, a bad
     * IBAN/BIC (debtor's or payee's) or a non-positive amount.
     */
    public static String write(SepaDebtor debtor, String messageId, Instant createdAt,
                               LocalDate requestedExecutionDate, List<PayeeItem> items) {
        throw new UnsupportedOperationException("not yet");
    }
}
