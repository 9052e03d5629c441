package io.partnerflow.attribution;

import io.partnerflow.testing.TestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static io.partnerflow.testing.TestSupport.bearer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** attribution-service REST input out of bounds: 400 problem+json naming the field (it used to be 500 or 200), nothing written. */
@QuarkusTest
class AttributionInputBoundsTest {
    static final String CM = bearer("cm-bounds", "channel-manager");

    static long count(String sql) throws Exception {
        try (Connection c = TestSupport.jdbc(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static Map<String, Object> run(String reason) {
        Map<String, Object> m = new HashMap<>(Map.of("from", "2030-01-01T00:00:00Z", "to", "2030-02-01T00:00:00Z",
                "modelName", "default", "reason", reason));
        return m;
    }

    @Test
    void aReattributionReasonTooLongOrWithANulOrAnInvertedPeriodIsRefusedAndNoRunIsRecorded() throws Exception {
        long runs = count("select count(*) from reattribution_run");
        given().header("Authorization", CM).contentType(ContentType.JSON).body(run("r".repeat(100_000)))
                .post("/reattributions").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("reason"));
        given().header("Authorization", CM).contentType(ContentType.JSON).body(run("bad\u0000reason"))
                .post("/reattributions").then().statusCode(400).body("errors.field", hasItem("reason"));
        Map<String, Object> inverted = run("inverted");
        inverted.put("from", "2030-03-01T00:00:00Z");
        given().header("Authorization", CM).contentType(ContentType.JSON).body(inverted)
                .post("/reattributions").then().statusCode(400).body("errors[0].field", equalTo("to"));
        Map<String, Object> version = run("negative version");
        version.put("modelVersion", -1);
        given().header("Authorization", CM).contentType(ContentType.JSON).body(version)
                .post("/reattributions").then().statusCode(400).body("errors.field", hasItem("modelVersion"));
        assertEquals(runs, count("select count(*) from reattribution_run"));
    }

    @Test
    void aReportWhosePeriodEndsBeforeItStartsIsRefused() {
        String partner = UUID.randomUUID().toString();
        given().header("Authorization", CM).queryParam("from", "2028-03-01T00:00:00Z").queryParam("to", "2028-02-01T00:00:00Z")
                .get("/reports/partners/" + partner).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("to")).body("detail", containsString("from must not be after to"));
        // an empty period is fine
        given().header("Authorization", CM).queryParam("from", "2028-02-01T00:00:00Z").queryParam("to", "2028-02-01T00:00:00Z")
                .get("/reports/partners/" + partner).then().statusCode(200);
        given().header("Authorization", CM).contentType(ContentType.JSON)
                .body(Map.of("from", "2030-03-01T00:00:00Z", "to", "2030-02-01T00:00:00Z", "proposed", Map.of("kind", "LINEAR")))
                .post("/what-if").then().statusCode(400).body("errors[0].field", equalTo("to"));
    }

    @Test
    void selectionRulesAndModelsKeepToTheirColumns() throws Exception {
        long rules = count("select count(*) from model_selection_rule");
        given().header("Authorization", CM).contentType(ContentType.JSON)
                .body(Map.of("priority", 900_001, "minAmount", "1e40", "amountCurrency", "EUR", "modelName", "default"))
                .post("/model-rules").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("minAmount"));
        given().header("Authorization", CM).contentType(ContentType.JSON)
                .body(Map.of("priority", 900_002, "minAmount", "-5", "amountCurrency", "EUR", "modelName", "default"))
                .post("/model-rules").then().statusCode(400).body("errors.field", hasItem("minAmount"));
        given().header("Authorization", CM).contentType(ContentType.JSON)
                .body(Map.of("priority", 900_003, "minAmount", "500", "maxAmount", "100", "amountCurrency", "EUR", "modelName", "default"))
                .post("/model-rules").then().statusCode(400).body("errors[0].field", equalTo("maxAmount"));
        given().header("Authorization", CM).contentType(ContentType.JSON)
                .body(Map.of("priority", 900_004, "productCategory", "c".repeat(101), "modelName", "default"))
                .post("/model-rules").then().statusCode(400).body("errors.field", hasItem("productCategory"));
        given().header("Authorization", CM).contentType(ContentType.JSON)
                .body(Map.of("priority", -1, "modelName", "default"))
                .post("/model-rules").then().statusCode(400).body("errors.field", hasItem("priority"));
        assertEquals(rules, count("select count(*) from model_selection_rule"));

        long models = count("select count(*) from attribution_model");
        given().header("Authorization", CM).contentType(ContentType.JSON)
                .body(Map.of("name", "bounded-u", "config", Map.of("kind", "POSITION_BASED",
                        "shares", Map.of("FIRST", "1e-100000", "LAST", "0.5", "MIDDLE", "0.5"))))
                .post("/models").then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", CM).contentType(ContentType.JSON)
                .body(Map.of("name", "bounded-far", "effectiveFrom", "+10000-01-01T00:00:00Z", "config", Map.of("kind", "LINEAR")))
                .post("/models").then().statusCode(400);
        assertEquals(models, count("select count(*) from attribution_model"));
    }

    @Test
    void idsInPathsAreBounded() {
        given().header("Authorization", CM).get("/partners/" + "p".repeat(101) + "/credits").then().statusCode(400)
                .contentType("application/problem+json");
        given().header("Authorization", CM).get("/attributions/deals/" + "d".repeat(101)).then().statusCode(400);
    }
}
