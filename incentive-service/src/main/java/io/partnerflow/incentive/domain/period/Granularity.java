package io.partnerflow.incentive.domain.period;

import java.util.Locale;

/** The length of a calendar period: ids "2026-03" (month), "2026-Q1" (quarter), "2026" (year). */
public enum Granularity {
    MONTH, QUARTER, YEAR;

    /** Parses "month", "quarter" or "year" in any case (as rules and configuration spell them). */
    public static Granularity of(String name) {
        if (name != null) {
            for (Granularity g : values()) {
                if (g.name().equalsIgnoreCase(name.trim())) {
                    return g;
                }
            }
        }
        throw new IllegalArgumentException("unknown period granularity \"" + name
                + "\"; expected month, quarter or year");
    }

    /** The lower-case name: "month", "quarter", "year". */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
