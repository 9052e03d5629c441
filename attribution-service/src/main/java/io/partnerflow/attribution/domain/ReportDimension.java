package io.partnerflow.attribution.domain;

import io.partnerflow.core.geo.Regions;

import java.util.Arrays;
import java.util.Optional;

/**
 * How revenue and pipeline reports group credits: by the partner's tier, region (its country through the shared
 * {@link Regions} map: amer, emea, apac, other — the same regions as analytics-service's roll-ups), partner type, or the
 * close's calendar month / quarter (UTC). Partners not (yet) known from partner.events fall into {@value #UNKNOWN}.
 */
public enum ReportDimension {
    TIER("tier", false), REGION("region", false), PARTNER_TYPE("partner-type", false), PARTNER("partner", false),
    MONTH("month", true), QUARTER("quarter", true);

    public static final String UNKNOWN = "unknown";

    private final String param;
    private final boolean period;

    ReportDimension(String param, boolean period) {
        this.param = param;
        this.period = period;
    }

    public String param() {
        return param;
    }

    /** Grouping by the close date (not meaningful for open pipeline). */
    public boolean isPeriod() {
        return period;
    }

    public static Optional<ReportDimension> of(String param) {
        return Arrays.stream(values()).filter(d -> d.param.equals(param)).findFirst();
    }

    /** The partner's region by the ONE shared map ({@link Regions}); {@code unknown} when its country is not known. */
    public static String region(String country) {
        return country == null ? UNKNOWN : Regions.of(country);
    }
}
