package io.partnerflow.incentive.domain.period;

/** How volume rebate bands apply to the period's net revenue. */
public enum RebateMode {
    /** The rate of the band the net revenue reached applies to ALL of the period's net revenue. */
    RETROACTIVE,
    /** Each band's rate applies only to the portion of net revenue inside that band (like income tax). */
    MARGINAL
}
