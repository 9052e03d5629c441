package io.partnerflow.partner;

import io.partnerflow.contracts.ContractValidator;
import io.partnerflow.contracts.EventJson;
import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.reference.FxRateCorrected;
import io.partnerflow.contracts.reference.FxRatePublished;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.partnerflow.partner.Api.cm;
import static io.partnerflow.partner.Api.count;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Bad dates and amounts are refused naming the field (nothing written); FX corrections and withdrawals are applied. */
@QuarkusTest
class InputBoundsAndFxCorrectionTest {

    @Test
    void datesOutsideASaneRangeAndHugeThresholdsAreRefusedNamingTheField() throws Exception {
        String p = Api.createPartner(Api.partnerBody("Bounds GmbH"));
        Map<String, Object> cert = new HashMap<>(Map.of("personId", "x-1", "certificationCode", "platform-admin",
                "certificationName", "Admin", "completedAt", 1e308));
        cm().body(cert).post("/partners/" + p + "/certifications").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem(containsString("completedAt")));
        cert.put("completedAt", "1970-01-01T00:00:00Z");
        cm().body(cert).post("/partners/" + p + "/certifications").then().statusCode(400).body("errors.field", hasItem("completedAt"));
        cert.put("completedAt", "2026-01-01T00:00:00Z");
        cert.put("expiresAt", "2025-01-01T00:00:00Z");
        cm().body(cert).post("/partners/" + p + "/certifications").then().statusCode(400).body("errors.field", hasItem("expiresAt"));
        assertEquals(0, count("select count(*) from partner_certification where partner_id = cast(? as uuid)", p));

        cm().body(Map.of("tierCode", "gold", "reason", "typo", "expiresAt", "+57443-04-18T00:00:00Z"))
                .put("/partners/" + p + "/tier-override").then().statusCode(400).body("errors.field", hasItem("expiresAt"));
        cm().get("/partners/" + p + "/tier-history/at?at=+57443-04-18").then().statusCode(400).body("errors.field", hasItem("at"));
        cm().get("/partners?size=-5").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem(containsString("size")));

        long ladders = count("select count(*) from tier_ladder_version");
        Map<String, Object> ladder = Map.of("demotionGraceDays", 30, "promotionRequiresApproval", false, "tiers", List.of(
                Map.of("code", "registered", "name", "Registered", "rank", 0),
                Map.of("code", "gold", "name", "Gold", "rank", 1, "criteria", List.of(Map.of("metric", "ATTRIBUTED_REVENUE",
                        "threshold", "1000000000000000000000000000000", "windowMonths", 12)))));
        Api.admin().body(ladder).put("/tier-ladder").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem(containsString("threshold")));
        assertEquals(ladders, count("select count(*) from tier_ladder_version"));
    }

    @Test
    void aCorrectedRateReplacesTheStoredOneAndAWithdrawnRateIsRemoved() throws Exception {
        LocalDate date = LocalDate.parse("2043-05-02");
        String published = EventJson.writeString(new FxRatePublished("NZD", "CHF", date, new BigDecimal("0.5300"), "ecb",
                Instant.parse("2043-05-02T16:00:00Z"), "fin"));
        Tiers.awaitApplied(Tiers.send(EventType.FX_RATE_PUBLISHED, "NZD/CHF", published));
        assertEquals(1, count("select count(*) from fx_rate where from_ccy = 'NZD' and rate = 0.53"));

        String corrected = EventJson.writeString(new FxRateCorrected("NZD", "CHF", date, FxRateCorrected.CORRECTED, 2, 1,
                new BigDecimal("0.5030"), new BigDecimal("0.5300"), "digits transposed", Instant.parse("2043-05-02T17:00:00Z"), "fin-b"));
        assertEquals(List.of(), ContractValidator.validate(EventType.FX_RATE_CORRECTED, corrected));
        Tiers.awaitApplied(Tiers.send(EventType.FX_RATE_CORRECTED, "NZD/CHF", corrected));
        assertEquals(1, count("select count(*) from fx_rate where from_ccy = 'NZD' and rate = 0.503"));

        String withdrawn = EventJson.writeString(new FxRateCorrected("NZD", "CHF", date, FxRateCorrected.WITHDRAWN, 3, 2,
                null, new BigDecimal("0.5030"), "no fixing that day", Instant.parse("2043-05-02T18:00:00Z"), "fin-b"));
        assertEquals(List.of(), ContractValidator.validate(EventType.FX_RATE_CORRECTED, withdrawn));
        Tiers.awaitApplied(Tiers.send(EventType.FX_RATE_CORRECTED, "NZD/CHF", withdrawn));
        assertEquals(0, count("select count(*) from fx_rate where from_ccy = 'NZD' and to_ccy = 'CHF'"));
    }
}
