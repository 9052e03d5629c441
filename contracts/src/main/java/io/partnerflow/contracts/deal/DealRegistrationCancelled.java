package io.partnerflow.contracts.deal;

import java.time.Instant;

/**
 * {@code partnerflow.deal.registration-cancelled.v1} on {@code deal.events}, key = {@link #registrationId()}:
 * withdrawn by the partner or cancelled by a channel manager.
 *
 * @param cancelledBy subject of the user who cancelled it
 * @param cancelledAt when
 * @param reason      why, in words
 */
public record DealRegistrationCancelled(
        String registrationId,
        String partnerId,
        String cancelledBy,
        Instant cancelledAt,
        String reason) {
}
