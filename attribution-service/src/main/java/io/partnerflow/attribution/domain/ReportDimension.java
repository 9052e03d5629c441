package io.partnerflow.attribution.domain;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How revenue and pipeline reports group credits: by the partner's tier, region (its country through
 * {@link #REGIONS}), partner type, or the close's calendar month / quarter (UTC). Partners not (yet) known from
 * partner.events, and countries not in the map, fall into {@value #UNKNOWN}.
 */
public enum ReportDimension {
    TIER("tier", false), REGION("region", false), PARTNER_TYPE("partner-type", false), PARTNER("partner", false),
    MONTH("month", true), QUARTER("quarter", true);

    public static final String UNKNOWN = "unknown";

    /** Country (ISO 3166-1 alpha-2) → sales region. Documented in the README; anything else is "unknown". */
    public static final Map<String, String> REGIONS = regions();

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

    public static String region(String country) {
        return country == null ? UNKNOWN : REGIONS.getOrDefault(country, UNKNOWN);
    }

    private static Map<String, String> regions() {
        Map<String, String> m = new TreeMap<>();
        for (String c : "US CA MX".split(" ")) {
            m.put(c, "north-america");
        }
        for (String c : "BR AR CL CO PE UY".split(" ")) {
            m.put(c, "latin-america");
        }
        for (String c : "DE AT CH FR BE NL LU GB IE IT ES PT DK SE NO FI IS PL CZ SK HU SI HR RO BG GR EE LV LT MT CY".split(" ")) {
            m.put(c, "europe");
        }
        for (String c : "AE SA IL TR EG ZA NG KE MA QA".split(" ")) {
            m.put(c, "middle-east-africa");
        }
        for (String c : "JP CN KR IN SG HK TW AU NZ ID MY TH VN PH".split(" ")) {
            m.put(c, "asia-pacific");
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
