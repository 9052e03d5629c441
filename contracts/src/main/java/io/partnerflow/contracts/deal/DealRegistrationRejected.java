package io.partnerflow.contracts.deal;

import java.time.Instant;

/**
 * {@code partnerflow.deal.registration-rejected.v1} on {@code deal.events}, key = {@link #registrationId()}.
 *
 * @param rejectedBy                subject of the channel manager who rejected it
 * @param rejectedAt                when
 * @param reason                    why, in words (shown to the partner)
 * @param conflictingRegistrationId the registration that won the conflict, when rejected for a conflict
 */
public record DealRegistrationRejected(
        String registrationId,
        String partnerId,
        String rejectedBy,
        Instant rejectedAt,
        String reason,
        String conflictingRegistrationId) {
}
