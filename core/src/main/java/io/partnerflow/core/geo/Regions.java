package io.partnerflow.core.geo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ONE country → region map of every report (analytics roll-ups and leaderboard filters, attribution reports) (partner events carry a country, no
 * region): {@code amer}, {@code emea}, {@code apac}; a country not listed here (or none) is {@code other}.
 */
public final class Regions {
    public static final Set<String> CODES = Set.of("amer", "emea", "apac", "other");
    private static final Map<String, String> BY_COUNTRY = new HashMap<>();

    static {
        put("amer", "US CA MX BR AR CL CO PE UY PY BO EC VE CR PA GT DO PR JM TT");
        put("emea", "GB IE FR DE NL BE LU AT CH LI IT ES PT DK SE NO FI IS PL CZ SK HU RO BG GR HR SI RS BA ME MK AL"
                + " EE LV LT UA MT CY TR IL AE SA QA KW BH OM JO LB EG MA TN DZ ZA NG KE GH");
        put("apac", "AU NZ JP CN HK TW KR SG MY TH ID PH VN IN PK BD LK");
    }

    private Regions() {
    }

    private static void put(String region, String countries) {
        List.of(countries.split(" ")).forEach(c -> BY_COUNTRY.put(c, region));
    }

    /** Every mapped country (upper case) → its region; the countries not in it are {@code other}. */
    public static Map<String, String> byCountry() {
        return java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(BY_COUNTRY));
    }

    /** The region of an ISO 3166-1 alpha-2 country code (case-insensitive); {@code other} when unmapped or null. */
    public static String of(String country) {
        return country == null ? "other" : BY_COUNTRY.getOrDefault(country.toUpperCase(java.util.Locale.ROOT), "other");
    }
}
