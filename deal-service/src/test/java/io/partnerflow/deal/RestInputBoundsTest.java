package io.partnerflow.deal;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.partnerflow.deal.GenericWebhookTest.deal;
import static io.partnerflow.deal.PartnerEventsConsumerTest.count;
import static io.partnerflow.testing.TestSupport.bearer;
import static io.partnerflow.testing.TestSupport.partnerBearer;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** REST bodies and parameters of deal-service out of bounds: 400 problem+json naming the field, nothing written. */
@QuarkusTest
class RestInputBoundsTest {
    static final String CM = bearer("cm-bounds", "channel-manager");

    @Test
    void aManualTouchpointWithANulInItsEvidenceOrAnAbsurdDateIsRefusedAndNothingIsWritten() throws Exception {
        String crmId = "R-" + UUID.randomUUID();
        Crm.post(Crm.delivery(Crm.deal(crmId, 1, "Open", "10.00"))).then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> deal(crmId).then().statusCode(200));
        String dealId = Crm.dealId(crmId);
        Map<String, Object> base = Map.of("partnerId", UUID.randomUUID().toString(), "type", "demo",
                "occurredAt", "2026-10-05T10:00:00Z");

        given().header("Authorization", CM).contentType("application/json")
                .body(with(base, "evidence", "notes\u0000more")).post("/deals/" + dealId + "/touchpoints")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("evidence"));
        given().header("Authorization", CM).contentType("application/json")
                .body(with(base, "evidence", "x".repeat(4001))).post("/deals/" + dealId + "/touchpoints")
                .then().statusCode(400).body("errors.field", hasItem("evidence"));
        given().header("Authorization", CM).contentType("application/json")
                .body(with(base, "occurredAt", "1800-01-01T00:00:00Z")).post("/deals/" + dealId + "/touchpoints")
                .then().statusCode(400).body("errors.field", hasItem("occurredAt"));
        assertEquals(0, count("select count(*) from touchpoint where crm_deal_id = ?", crmId));
        // line breaks are fine in free text
        given().header("Authorization", CM).contentType("application/json")
                .body(with(base, "evidence", "line one\nline two")).post("/deals/" + dealId + "/touchpoints")
                .then().statusCode(201);
        assertEquals(1, count("select count(*) from touchpoint where crm_deal_id = ?", crmId));
    }

    @Test
    void aRegistrationWithAnExpectedAmountThatIsNegativeOrTooBigIsRefusedAndNothingIsWritten() throws Exception {
        String partner = RegistrationTest.knownPartner(false);
        for (String amount : List.of("-100.00", "0.00", "1000000000000000000000000000000", "1000000000000000")) {
            given().header("Authorization", partnerBearer("user-" + partner, partner)).contentType("application/json")
                    .body(Map.of("customer", Map.of("name", "Bounded " + amount, "country", "DE"),
                            "productCategories", List.of("software"),
                            "expectedAmount", Map.of("amount", amount, "currency", "EUR")))
                    .post("/registrations").then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("expectedAmount"));
        }
        given().header("Authorization", partnerBearer("user-" + partner, partner)).contentType("application/json")
                .body(Map.of("customer", Map.of("name", "Nul\u0000Corp", "country", "DE"),
                        "productCategories", List.of("soft\u0000ware")))
                .post("/registrations").then().statusCode(400)
                // the strict reader stops at the first control character it meets (the map's order decides which)
                .body("errors.field", anyOf(hasItem("customer.name"), hasItem("productCategories[0]")));
        given().header("Authorization", partnerBearer("user-" + partner, partner)).contentType("application/json")
                .body(Map.of("customer", Map.of("name", "Far Future", "country", "DE"), "productCategories", List.of("software"),
                        "expectedCloseDate", "+10000-01-01"))
                .post("/registrations").then().statusCode(400);
        assertEquals(0, count("select count(*) from registration where partner_id = ?::uuid", partner));
        // within bounds it is accepted
        given().header("Authorization", partnerBearer("user-" + partner, partner)).contentType("application/json")
                .body(Map.of("customer", Map.of("name", "Bounded Ltd " + partner, "country", "DE"),
                        "productCategories", List.of("software"),
                        "expectedAmount", Map.of("amount", "999999999999999.99", "currency", "EUR")))
                .post("/registrations").then().statusCode(201);
        assertEquals(1, count("select count(*) from registration where partner_id = ?::uuid", partner));
    }

    @Test
    void decisionNotesAndListFiltersAreChecked() {
        given().header("Authorization", CM).queryParam("status", "bogus").get("/registrations").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", containsString("status"));
        given().header("Authorization", CM).contentType("application/json").body(Map.of("note", "a\u0000b"))
                .post("/registrations/" + UUID.randomUUID() + "/approve").then().statusCode(400)
                .body("errors[0].field", equalTo("note"));
        given().header("Authorization", CM).contentType("application/json").body(Map.of("reason", "r".repeat(2001)))
                .post("/registrations/" + UUID.randomUUID() + "/reject").then().statusCode(400)
                .body("errors[0].field", containsString("reason"));
    }

    static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> m = new java.util.HashMap<>(base);
        m.put(key, value);
        return m;
    }
}
