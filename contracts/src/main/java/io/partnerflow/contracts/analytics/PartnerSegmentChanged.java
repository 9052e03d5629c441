package io.partnerflow.contracts.analytics;

import java.time.Instant;

/**
 * {@code partnerflow.partner.segment-changed.v1} on {@code analytics.events}, key = {@link #partnerId()}: the segment
 * analytics-service assigns a partner (top performers, rising stars, dormant, …) changed at an evaluation of the
 * versioned segment rules. Published only on a change, never for an unchanged assignment.
 *
 * @param partnerId      the partner
 * @param from           the previous segment's code; null on the partner's first assignment
 * @param to             the new segment's code (the code of the rule that assigned it)
 * @param toName         the new segment's display name
 * @param ruleSetVersion the version of the segment rules that decided it
 * @param reason         why, in words, with the figures, e.g. "revenue growth +64 % QoQ, top 10 %"
 * @param period         the evaluated period (a quarter, e.g. {@code 2026-Q3})
 * @param changedAt      when the evaluation decided it
 */
public record PartnerSegmentChanged(
        String partnerId,
        String from,
        String to,
        String toName,
        int ruleSetVersion,
        String reason,
        String period,
        Instant changedAt) {
}
