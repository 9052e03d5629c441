package io.partnerflow.incentive.domain.period;

/** The length of a calendar period: ids "2026-03" (month), "2026-Q1" (quarter), "2026" (year). */
public enum Granularity {
    MONTH, QUARTER, YEAR
}
