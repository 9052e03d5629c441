package io.partnerflow.contracts.deal;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.partnerflow.core.money.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * {@code partnerflow.deal.reversed.v1} on {@code deal.events}, key = {@link #dealId()}: a won deal was refunded,
 * cancelled or corrected. Amounts are SIGNED deltas against the deal as previously published: a refund or
 * cancellation is negative, a correction may go either way. The line deltas sum exactly to {@code amountDelta};
 * {@code originalAmount + amountDelta = newAmount}.
 *
 * @param reversalId     id of this reversal (UUID); idempotency key downstream
 * @param dealId         the deal
 * @param crmDealId      its id in the CRM
 * @param kind           {@code refund}, {@code cancellation} (both → clawbacks within the window counted from
 *                       {@code closedAt}) or {@code correction} (→ exact deltas, no window)
 * @param revision       the deal's revision after this change
 * @param reason         why, in words
 * @param closedAt       the deal's original close time (the clawback window counts from it)
 * @param reversedAt     when the refund/cancellation/correction happened
 * @param originalAmount the deal's amount before this change
 * @param amountDelta    the signed change
 * @param newAmount      the deal's amount after this change
 * @param lines          the changed lines only, with signed deltas
 */
public record DealReversed(
        String reversalId,
        String dealId,
        String crmDealId,
        String kind,
        long revision,
        String reason,
        Instant closedAt,
        Instant reversedAt,
        Money originalAmount,
        Money amountDelta,
        Money newAmount,
        List<LineDelta> lines) {

    public DealReversed {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /**
     * @param lineNumber    the deal line changed (a correction adding a line uses a new number)
     * @param sku           that line's SKU
     * @param category      that line's category
     * @param quantityDelta signed change of the quantity, a decimal string
     * @param amountDelta   signed change of the line amount
     */
    public record LineDelta(
            int lineNumber,
            String sku,
            String category,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal quantityDelta,
            Money amountDelta) {
    }
}
