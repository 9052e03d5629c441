package io.partnerflow.partner.domain.tier;

/** The typed metrics tier criteria are made of. */
public enum MetricKind {
    /** Attributed (credited) revenue of won deals closed in a trailing window, in the base currency. */
    ATTRIBUTED_REVENUE("trailing_attributed_revenue", true),
    /** Won deals closed in a trailing window in which the partner holds a positive net credit. */
    WON_DEALS("won_deals", true),
    /** Won deals in the window the partner SOURCED (credit role {@code sourced}). */
    SOURCED_DEALS("sourced_deals", true),
    /** Distinct people with a certification valid at the evaluation instant. Not windowed. */
    CERTIFIED_PEOPLE("certified_people", false),
    /** Deal registrations of the partner approved in a trailing window. */
    APPROVED_REGISTRATIONS("approved_registrations", true);

    private final String wire;
    private final boolean windowed;

    MetricKind(String wire, boolean windowed) {
        this.wire = wire;
        this.windowed = windowed;
    }

    /** Name in {@code partner.tier-changed} metrics. */
    public String wire() {
        return wire;
    }

    public boolean windowed() {
        return windowed;
    }

    public boolean money() {
        return this == ATTRIBUTED_REVENUE;
    }
}
