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

    /** Monthly FX rates (dated the 1st) between every pair of the demo's currencies, drifting a little each month. */
    static List<Map<String, Object>> fxRates(java.time.YearMonth month) {
        Map<String, java.math.BigDecimal> usdTo = DemoWorld.USD_TO;
        int m = month.getMonthValue() + month.getYear() * 12;
        java.math.BigDecimal drift = java.math.BigDecimal.ONE.add(new java.math.BigDecimal(m % 5 - 2).movePointLeft(3));
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        for (String from : usdTo.keySet()) {
            for (String to : usdTo.keySet()) {
                if (from.equals(to)) {
                    continue;
                }
                java.math.BigDecimal f = "USD".equals(from) ? java.math.BigDecimal.ONE : usdTo.get(from).multiply(drift);
                java.math.BigDecimal t = "USD".equals(to) ? java.math.BigDecimal.ONE : usdTo.get(to).multiply(drift);
                java.math.BigDecimal rate = t.divide(f, 6, java.math.RoundingMode.HALF_EVEN);
                out.add(Map.of("date", month.atDay(1).toString(), "from", from, "to", to, "rate", rate.toPlainString(),
                        "source", "demo"));
            }
        }
        return out;
    }

    /** The vendor's 2026 program: one rule of every kind (commission by tier x category, bounty, SPIFF with a cap, certification and activity rewards, volume rebate, accelerator, MDF). */
    static Map<String, Object> incentiveProgram() {
        List<Map<String, Object>> rates = new java.util.ArrayList<>();
        String[][] byTier = {{"registered", "0.04", "0.02"}, {"silver", "0.06", "0.03"}, {"gold", "0.08", "0.04"},
                {"platinum", "0.10", "0.05"}};
        for (String[] t : byTier) {
            rates.add(Map.of("tier", t[0], "category", "*", "sourced", t[1], "influenced", t[2]));
            // services and hardware pay half the software rate
            for (String cat : List.of("services", "hardware")) {
                rates.add(Map.of("tier", t[0], "category", cat,
                        "sourced", new java.math.BigDecimal(t[1]).divide(java.math.BigDecimal.valueOf(2)).toPlainString(),
                        "influenced", new java.math.BigDecimal(t[2]).divide(java.math.BigDecimal.valueOf(2)).toPlainString()));
            }
        }
        Map<String, Object> usd500 = money("500.00");
        List<Map<String, Object>> rules = List.of(
                Map.of("key", "commission", "name", "Commission by tier and category", "kind", "commission",
                        "commission", Map.of("rates", rates)),
                Map.of("key", "referral-bounty", "name", "Referral bounty", "kind", "referral_bounty",
                        "eligibility", Map.of("sourcedOnly", true, "minDealAmount", money("20000.00")),
                        "bounty", Map.of("fixed", usd500)),
                Map.of("key", "cloud-spiff-q3", "name", "Cloud storage SPIFF (Q3)", "kind", "spiff",
                        "spiff", Map.of("from", "2026-07-01T00:00:00Z", "to", "2026-10-01T00:00:00Z", "skus", List.of("NWC-CLOUD-TB"),
                                "perUnit", money("12.00")),
                        "cap", money("1500.00"), "capPeriod", "quarter"),
                Map.of("key", "certification-reward", "name", "Certification reward", "kind", "training_reward",
                        "training", Map.of("amount", money("150.00"))),
                Map.of("key", "go-live-reward", "name", "Implementation and adoption rewards", "kind", "activity_reward",
                        "activity", Map.of("activityTypes", List.of("implementation_go_live", "adoption_milestone"),
                                "amountsByTier", Map.of("registered", money("300.00"), "silver", money("300.00"), "gold", money("500.00"),
                                        "platinum", money("750.00")))),
                Map.of("key", "volume-rebate", "name", "Quarterly volume rebate", "kind", "volume_rebate",
                        "rebate", Map.of("period", "quarter", "mode", "retroactive", "baseCurrency", "USD", "bands", List.of(
                                Map.of("from", "0", "rate", "0"), Map.of("from", "150000", "rate", "0.01"),
                                Map.of("from", "400000", "rate", "0.02")))),
                Map.of("key", "accelerator", "name", "Over-target accelerator", "kind", "accelerator",
                        "accelerator", Map.of("period", "quarter", "commissionRuleKey", "commission", "target", money("250000.00"),
                                "multiplier", "1.5")),
                Map.of("key", "mdf", "name", "Market development funds (Gold and Platinum)", "kind", "mdf_reimbursement",
                        "eligibility", Map.of("tiers", List.of("gold", "platinum")),
                        "mdf", Map.of("period", "quarter", "fixed", money("4000.00"))));
        return Map.of("code", "global-partner-2026", "name", "Global Partner Program 2026", "priority", 10,
                "effectiveFrom", "2024-01-01T00:00:00Z", "rules", rules);
    }

    private static Map<String, Object> money(String usd) {
        return Map.of("amount", usd, "currency", "USD");
    }
}
