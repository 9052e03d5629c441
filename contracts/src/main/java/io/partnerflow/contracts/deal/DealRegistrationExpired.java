package io.partnerflow.contracts.deal;

import java.time.Instant;

/**
 * {@code partnerflow.deal.registration-expired.v1} on {@code deal.events}, key = {@link #registrationId()}:
 * the protection period (or the pending window) ended without conversion.
 *
 * @param protectedUntil the end of protection that passed, absent if it expired before approval
 * @param expiredAt      when the expiry job expired it
 * @param reason         {@code protection_period_ended} or {@code not_reviewed_in_time}
 */
public record DealRegistrationExpired(
        String registrationId,
        String partnerId,
        Instant protectedUntil,
        Instant expiredAt,
        String reason) {
}
