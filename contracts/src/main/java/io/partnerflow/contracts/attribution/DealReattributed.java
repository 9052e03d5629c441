package io.partnerflow.contracts.attribution;

import java.time.Instant;
import java.util.List;

/**
 * {@code partnerflow.deal.reattributed.v1} on {@code attribution.events}, key = {@link #dealId()}: a complete
 * new attribution of a deal that SUPERSEDES an earlier one (a model change, a re-attribution run). Credits are
 * full amounts, not deltas; consumers compute deltas against what they derived from the superseded attribution.
 *
 * @param attributionId            id of the new attribution (UUID)
 * @param supersedesAttributionId  the attribution it replaces
 * @param reason                   why, in words
 * @param runId                    the re-attribution run that produced it, when one did
 * @param dealId                   the deal
 * @param deal                     the deal context
 * @param model                    the model version applied now
 * @param credits                  one per credited partner, ordered by partnerId
 * @param attributedAt             when it was computed
 */
public record DealReattributed(
        String attributionId,
        String supersedesAttributionId,
        String reason,
        String runId,
        String dealId,
        DealContext deal,
        ModelRef model,
        List<Credit> credits,
        Instant attributedAt) {

    public DealReattributed {
        credits = credits == null ? List.of() : List.copyOf(credits);
    }
}
