package io.partnerflow.contracts.partner;

import java.time.Instant;

/**
 * {@code partnerflow.partner.status-changed.v1} on {@code partner.events}, key = {@link #partnerId()}.
 * Payout-service holds payouts of {@code suspended} partners; deal-service stops accepting registrations from
 * partners that are not {@code active}.
 *
 * @param from      previous status ({@code prospect}, {@code onboarding}, {@code active}, {@code suspended},
 *                  {@code terminated})
 * @param to        new status
 * @param reason    why, in words
 * @param changedAt when the change took effect
 * @param changedBy subject of the user who made it (from the token), or {@code system} for scheduled changes
 */
public record PartnerStatusChanged(
        String partnerId,
        String from,
        String to,
        String reason,
        Instant changedAt,
        String changedBy) {
}
