package io.partnerflow.portal.view;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateData;

/** One ledger line of a partner (payout-service's earning view), as the dashboard lists it. */
@TemplateData
public record EarningLine(String earningId, String kind, Amount amount, String status, String period, String dealName,
                          String occurredAt, String holdReason) {

    public static EarningLine of(JsonNode e) {
        JsonNode m = e.path("amount");
        return new EarningLine(e.path("earningId").asText(), e.path("kind").asText(e.path("lineType").asText("")),
                Amount.of(m.path("amount").asText("0"), m.path("currency").asText("XXX")), e.path("status").asText(""),
                e.path("bookingPeriod").asText(""), e.path("dealName").asText(""), date(e.path("occurredAt").asText("")),
                e.path("holdReason").asText(null));
    }

    private static String date(String instant) {
        return instant.length() >= 10 ? instant.substring(0, 10) : instant;
    }

    /** Label of the status for people ("pending" = in the hold window). */
    public String statusLabel() {
        return switch (status) {
            case "pending" -> "pending (hold window)";
            case "in_run" -> "in a payout run";
            default -> status;
        };
    }
}
