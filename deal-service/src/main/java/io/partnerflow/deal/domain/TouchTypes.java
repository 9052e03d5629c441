package io.partnerflow.deal.domain;

import java.util.List;
import java.util.Locale;

/** The contract's touch types ({@code touchType} enum), with the spellings CRMs commonly use. */
public final class TouchTypes {
    public static final String DEAL_REGISTRATION = "deal_registration";
    public static final List<String> ALL = List.of("referral", DEAL_REGISTRATION, "lead_generation", "demo",
            "co_sell_meeting", "technical_validation", "event", "mdf_campaign", "content_syndication", "resale");

    private TouchTypes() {
    }

    private static final java.util.regex.Pattern SEPARATORS = java.util.regex.Pattern.compile("[\\s\\-/]+");

    public static String canonical(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidCrmDataException("touchpoint type is missing");
        }
        String k = SEPARATORS.matcher(raw.trim().toLowerCase(Locale.ROOT)).replaceAll("_");
        String mapped = switch (k) {
            case "registration", "deal_reg", "dealregistration" -> DEAL_REGISTRATION;
            case "lead", "lead_gen", "leadgeneration" -> "lead_generation";
            case "co_sell", "cosell", "cosell_meeting" -> "co_sell_meeting";
            case "tech_validation", "poc", "proof_of_concept" -> "technical_validation";
            case "mdf", "mdf_campaign_touch" -> "mdf_campaign";
            case "syndication" -> "content_syndication";
            case "resale_closing", "closing", "reseller", "resale" -> "resale";
            default -> k;
        };
        if (!ALL.contains(mapped)) {
            throw new InvalidCrmDataException("unknown touchpoint type '" + raw + "' (expected one of " + ALL + ")");
        }
        return mapped;
    }
}
