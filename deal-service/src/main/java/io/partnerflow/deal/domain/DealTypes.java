package io.partnerflow.deal.domain;

import java.util.Locale;

/** Canonical deal types: {@code new_business}, {@code renewal}, {@code upsell}. */
public final class DealTypes {
    public static final String NEW_BUSINESS = "new_business";
    public static final String RENEWAL = "renewal";
    public static final String UPSELL = "upsell";

    private DealTypes() {
    }

    /** Absent → new business; known synonyms are mapped; anything else is refused. */
    public static String canonical(String raw) {
        if (raw == null || raw.isBlank()) {
            return NEW_BUSINESS;
        }
        String k = raw.trim().toLowerCase(Locale.ROOT).replaceAll("[\\s\\-]+", "_");
        return switch (k) {
            case "new", "new_business", "newbusiness", "new_customer" -> NEW_BUSINESS;
            case "renewal", "existing_business_renewal" -> RENEWAL;
            case "upsell", "upgrade", "expansion", "cross_sell", "existing_business", "existingbusiness" -> UPSELL;
            default -> throw InvalidCrmDataException.of("type", "unknown deal type '" + raw
                    + "' (expected new, renewal or upsell)");
        };
    }
}
