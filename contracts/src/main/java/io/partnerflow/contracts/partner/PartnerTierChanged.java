package io.partnerflow.contracts.partner;

import com.fasterxml.jackson.annotation.JsonFormat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code partnerflow.partner.tier-changed.v1} on {@code partner.events}, key = {@link #partnerId()}: one entry
 * of the partner's effective-dated tier history. Incentive-service answers "which tier was P on the deal's
 * close date" from these; a backdated {@code effectiveAt} (an override in the past) makes it post deltas.
 *
 * @param from         the previous tier, absent for the partner's first tier
 * @param to           the new tier
 * @param effectiveAt  from when the new tier applies (may be earlier than {@code decidedAt})
 * @param decidedAt    when the change was decided (evaluation run or override)
 * @param reason       {@code initial}, {@code promotion}, {@code demotion} (after the grace period) or
 *                     {@code override}
 * @param note         free text (e.g. the override's justification)
 * @param decidedBy    subject of the user for overrides, {@code tier-evaluation} for scheduled evaluations
 * @param ladderId     the tier ladder that was applied
 * @param ladderVersion its version
 * @param metrics      the metric values that decided it (empty for overrides)
 * @param benefits     the new tier's benefits
 */
public record PartnerTierChanged(
        String partnerId,
        TierRef from,
        TierRef to,
        Instant effectiveAt,
        Instant decidedAt,
        String reason,
        String note,
        String decidedBy,
        String ladderId,
        int ladderVersion,
        List<Metric> metrics,
        List<Benefit> benefits) {

    public PartnerTierChanged {
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
        benefits = benefits == null ? List.of() : List.copyOf(benefits);
    }

    /**
     * @param code stable tier code ({@code registered}, {@code silver}, {@code gold}, {@code platinum}…)
     * @param name display name
     * @param rank position on the ladder, 0 = lowest; compare ranks, never names
     */
    public record TierRef(String code, String name, int rank) {
    }

    /**
     * One criterion of the ladder, as evaluated.
     *
     * @param name        e.g. {@code trailing_attributed_revenue}, {@code certified_people}, {@code won_deals}
     * @param value       the partner's value, a decimal string
     * @param unit        a currency code for money metrics, {@code count} for counts
     * @param threshold   the new tier's threshold for it, a decimal string
     * @param met         whether the value meets the threshold
     * @param windowStart first day of the window the value was measured over, when windowed
     * @param windowEnd   last day of that window
     */
    public record Metric(
            String name,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal value,
            String unit,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal threshold,
            boolean met,
            LocalDate windowStart,
            LocalDate windowEnd) {
    }

    /**
     * One benefit of a tier.
     *
     * @param code        stable code, e.g. {@code commission_rate.software}, {@code resale_discount},
     *                    {@code mdf_allocation_quarterly}, {@code registration_protection_days}
     * @param description human-readable
     * @param value       the benefit's value as a decimal string (a ratio like {@code 0.08}, an amount, days)
     * @param unit        {@code ratio}, a currency code, or {@code days}
     */
    public record Benefit(
            String code,
            String description,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal value,
            String unit) {
    }
}
