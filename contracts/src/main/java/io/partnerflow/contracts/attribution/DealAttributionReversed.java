package io.partnerflow.contracts.attribution;

import io.partnerflow.core.money.Money;

import java.time.Instant;
import java.util.List;

/**
 * {@code partnerflow.deal.attribution-reversed.v1} on {@code attribution.events}, key = {@link #dealId()}: a
 * {@code deal.reversed} applied to an attribution. The credits carry SIGNED deltas: the reversal's amount split
 * with the attribution's own weights. Incentive-service turns refunds/cancellations into clawbacks (within the
 * window from {@code deal.closedAt}) and corrections into exact deltas.
 *
 * @param reversalId      id of this attribution reversal (UUID, name-based from attribution + deal reversal)
 * @param attributionId   the attribution being (partly) reversed
 * @param dealId          the deal
 * @param dealReversalId  the {@code deal.reversed} this applies
 * @param kind            {@code refund}, {@code cancellation} or {@code correction}
 * @param reason          why, in words (from the deal reversal)
 * @param deal            the deal context AFTER the change (revision, amount and lines as they now stand)
 * @param model           the model version of the attribution being reversed
 * @param amountDelta     the signed change; the credits sum to it
 * @param credits         signed per-partner deltas, each with the weight it was split by
 * @param reversedAt      when the deal change happened
 */
public record DealAttributionReversed(
        String reversalId,
        String attributionId,
        String dealId,
        String dealReversalId,
        String kind,
        String reason,
        DealContext deal,
        ModelRef model,
        Money amountDelta,
        List<Credit> credits,
        Instant reversedAt) {

    public DealAttributionReversed {
        credits = credits == null ? List.of() : List.copyOf(credits);
    }
}
