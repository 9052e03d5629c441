package io.partnerflow.contracts.incentive;

import io.partnerflow.core.money.Money;

import java.time.Instant;

/**
 * {@code partnerflow.mdf.allocated.v1} on {@code incentive.earnings}, key = {@link #partnerId()}: incentive-service
 * allocated a partner's market development fund for a period under an MDF rule (once per rule, partner and period;
 * the event id is name-based from the fund id, so a repeated allocation publishes nothing new).
 *
 * @param partnerId   the partner
 * @param fundId      the fund (name-based from rule, partner and period)
 * @param programId   the incentive program whose MDF rule allocated it
 * @param ruleId      the MDF rule
 * @param period      the fund's period, e.g. {@code 2026-Q1}
 * @param allocated   the amount allocated, in the fund's currency
 * @param allocatedAt when it was allocated
 */
public record MdfAllocated(
        String partnerId,
        String fundId,
        String programId,
        String ruleId,
        String period,
        Money allocated,
        Instant allocatedAt) {
}
