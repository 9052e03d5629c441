package io.partnerflow.infra.demo;

import java.util.List;
import java.util.Map;

/** The sample program the demo configures: a four-tier ladder and attribution models chosen by rule. */
final class DemoProgram {
    private DemoProgram() {
    }

    /** Registered < Silver < Gold < Platinum; revenue thresholds in the platform base currency (USD), 12-month windows. */
    static Map<String, Object> ladder() {
        return Map.of("demotionGraceDays", 30, "promotionRequiresApproval", false, "tiers", List.of(
                Map.of("code", "registered", "name", "Registered", "rank", 0,
                        "benefits", List.of(benefit("registration_protection_days", "30", "days"))),
                Map.of("code", "silver", "name", "Silver", "rank", 1,
                        "benefits", List.of(benefit("registration_protection_days", "60", "days")),
                        "criteria", List.of(revenue("40000.00"), won(3))),
                Map.of("code", "gold", "name", "Gold", "rank", 2,
                        "benefits", List.of(benefit("registration_protection_days", "90", "days"), benefit("mdf_eligible", "1", "flag")),
                        "criteria", List.of(revenue("150000.00"), won(8), certified(1))),
                Map.of("code", "platinum", "name", "Platinum", "rank", 3,
                        "benefits", List.of(benefit("registration_protection_days", "120", "days"), benefit("mdf_eligible", "1", "flag")),
                        "criteria", List.of(revenue("400000.00"), won(15), certified(2)))));
    }

    private static Map<String, Object> benefit(String code, String value, String unit) {
        return Map.of("code", code, "value", value, "unit", unit);
    }

    private static Map<String, Object> revenue(String threshold) {
        return Map.of("metric", "ATTRIBUTED_REVENUE", "threshold", threshold, "windowMonths", 12);
    }

    private static Map<String, Object> won(int n) {
        return Map.of("metric", "WON_DEALS", "threshold", n, "windowMonths", 12);
    }

    private static Map<String, Object> certified(int n) {
        return Map.of("metric", "CERTIFIED_PEOPLE", "threshold", n);
    }

    /** Attribution models: position-based for new business, linear for renewals, W-shaped for large deals. */
    static List<Map<String, Object>> models() {
        return List.of(
                Map.of("name", "demo-position-based", "effectiveFrom", "2020-01-01T00:00:00Z", "config", Map.of("kind", "POSITION_BASED")),
                Map.of("name", "demo-linear", "effectiveFrom", "2020-01-01T00:00:00Z", "config", Map.of("kind", "LINEAR")),
                Map.of("name", "demo-w-shaped", "effectiveFrom", "2020-01-01T00:00:00Z", "config", Map.of("kind", "W_SHAPED")));
    }

    static List<Map<String, Object>> modelRules() {
        return List.of(
                Map.of("priority", 10, "minAmount", "100000", "amountCurrency", "USD", "modelName", "demo-w-shaped"),
                Map.of("priority", 20, "dealType", "renewal", "modelName", "demo-linear"),
                Map.of("priority", 30, "modelName", "demo-position-based"));
    }
}
