package io.partnerflow.payout.domain.export;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Writes NACHA ACH files (credits only). */
public final class NachaWriter {

    private NachaWriter() {
    }

    /**
     * File header, one CCD batch (business payees) and/or one PPD batch (individuals), file control;
     * 94-character records separated by "\n", padded with all-9 records to a multiple of 10 lines.
     * Refuses (IllegalArgumentException) an empty list, a non-USD or non-ACH item, an invalid routing or
     * account number, or a non-positive amount.
     */
    public static String write(NachaConfig cfg, LocalDate effectiveEntryDate, Instant createdAt,
                               char fileIdModifier, List<PayeeItem> items) {
        throw new UnsupportedOperationException("not yet");
    }
}
