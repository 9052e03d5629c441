package io.partnerflow.contracts.attribution;

import java.time.Instant;
import java.util.List;

/**
 * {@code partnerflow.deal.attributed.v1} on {@code attribution.events}, key = {@link #dealId()}: a won deal's
 * credit split between partners, with the deal context repeated next to the credits.
 *
 * @param attributionId id of this attribution (UUID, name-based from deal + revision + model version)
 * @param dealId        the deal
 * @param deal          the deal context
 * @param model         the model version applied
 * @param credits       one per credited partner, ordered by partnerId
 * @param attributedAt  when it was computed
 */
public record DealAttributed(
        String attributionId,
        String dealId,
        DealContext deal,
        ModelRef model,
        List<Credit> credits,
        Instant attributedAt) {

    public DealAttributed {
        credits = credits == null ? List.of() : List.copyOf(credits);
    }
}
