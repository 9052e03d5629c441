package io.partnerflow.contracts.analytics;

import java.time.Instant;

/**
 * {@code partnerflow.partner.badge-awarded.v1} on {@code analytics.events}, key = {@link #partnerId()}: analytics-service
 * awarded a partner a badge by its badge rules (first won deal, N certifications, top 10 % of a quarter, …). A badge
 * is awarded at most once per partner, ever: the event id is name-based from badge + partner, so a redelivery or a
 * rebuild of the read models publishes the same id again, never a second award.
 *
 * @param partnerId      the partner
 * @param badge          the badge's code, e.g. {@code first-won-deal}, {@code certified-3}, {@code top-10-percent-2026-Q3}
 * @param badgeName      its display name
 * @param ruleSetVersion the version of the badge rules that awarded it
 * @param reason         why, in words, with the figures, e.g. "3 certifications completed (≥ 3)"
 * @param awardedAt      when analytics-service awarded it
 */
public record PartnerBadgeAwarded(
        String partnerId,
        String badge,
        String badgeName,
        int ruleSetVersion,
        String reason,
        Instant awardedAt) {
}
