package io.partnerflow.attribution.domain;

import java.util.Locale;

/** Partner touch types of the contract ({@code touchType} in contracts' common schema). */
public enum TouchType {
    REFERRAL, DEAL_REGISTRATION, LEAD_GENERATION, DEMO, CO_SELL_MEETING, TECHNICAL_VALIDATION, EVENT,
    MDF_CAMPAIGN, CONTENT_SYNDICATION, RESALE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TouchType fromWire(String value) {
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown touch type: " + value);
        }
    }
}
