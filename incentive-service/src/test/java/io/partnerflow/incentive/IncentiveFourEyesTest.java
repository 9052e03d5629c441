package io.partnerflow.incentive;

import io.partnerflow.testing.TestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.partnerflow.incentive.Fixtures.awaitPartner;
import static io.partnerflow.incentive.Fixtures.count;
import static io.partnerflow.incentive.Fixtures.id;
import static io.partnerflow.incentive.Fixtures.registerPartner;
import static io.partnerflow.incentive.RewardsFlowTest.programOf;
import static io.partnerflow.incentive.RewardsFlowTest.rule;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * MDF money needs four eyes: whoever files a request or a claim (a channel manager may, for a partner) cannot decide
 * it, compared by canonical identity; and bad input is a 4xx naming the field with nothing written.
 */
@QuarkusTest
class IncentiveFourEyesTest {
    private static String cm(String subject) {
        return TestSupport.bearer(subject, "channel-manager");
    }

    @Test
    void whoeverFiledAnMdfRequestOrClaimCannotDecideItNotEvenUnderACaseVariant() {
        String anna = cm("cm-anna");
        String annaUpper = cm("CM-ANNA");
        String bob = cm("cm-bob");
        String fin = TestSupport.bearer("fin-eyes", "finance");
        String finUpper = TestSupport.bearer("Fin-Eyes ", "finance");
        programOf(2047, List.of(rule("mdf", "mdf_reimbursement", "mdf", Map.of("period", "quarter", "fixed", Map.of("amount", "5000.00", "currency", "EUR")), null)));
        String p = id();
        registerPartner(p, "reseller", "FR", "EUR", "gold");
        awaitPartner(p);
        String fundId = given().header("Authorization", anna).contentType(ContentType.JSON).body(Map.of("partnerId", p, "period", "2047-Q1"))
                .post("/mdf/allocations").then().statusCode(200).extract().path("[0].fundId");
        given().header("Authorization", anna).contentType(ContentType.JSON)
                .body(Map.of("requestId", "r1", "amount", Map.of("amount", "1000.00", "currency", "EUR")))
                .post("/mdf/funds/" + fundId + "/requests").then().statusCode(200);
        for (String self : List.of(anna, annaUpper)) {
            given().header("Authorization", self).contentType(ContentType.JSON).body(Map.of())
                    .post("/mdf/funds/" + fundId + "/requests/r1/approve").then().statusCode(403)
                    .contentType("application/problem+json").body("type", equalTo("urn:partnerflow:problem:four-eyes"));
        }
        given().header("Authorization", bob).contentType(ContentType.JSON).body(Map.of())
                .post("/mdf/funds/" + fundId + "/requests/r1/approve").then().statusCode(200);

        // a finance user files the claim for the partner: that same person (any spelling) cannot approve it
        given().header("Authorization", TestSupport.bearer("fin-eyes", "channel-manager", "finance")).contentType(ContentType.JSON)
                .body(Map.of("claimId", "c1", "requestId", "r1", "amount", Map.of("amount", "800.00", "currency", "EUR"), "proofRef", "inv-1.pdf"))
                .post("/mdf/funds/" + fundId + "/claims").then().statusCode(200);
        for (String self : List.of(fin, finUpper)) {
            given().header("Authorization", self).contentType(ContentType.JSON).body(Map.of())
                    .post("/mdf/funds/" + fundId + "/claims/c1/approve").then().statusCode(403)
                    .body("type", equalTo("urn:partnerflow:problem:four-eyes"));
        }
        assertEquals(0, count("select count(*) from earning where partner_id = ? and kind = 'mdf_reimbursement'", p));
        given().header("Authorization", bob).contentType(ContentType.JSON).body(Map.of())
                .post("/mdf/funds/" + fundId + "/claims/c1/approve").then().statusCode(200).body("reimbursed", equalTo("800.00"));
        assertEquals(1, count("select count(*) from mdf_submission where fund_id = cast(? as uuid) and item_kind = 'claim'"
                + " and submitted_by = 'fin-eyes' and decided_by = 'cm-bob'", fundId));

        // money typed in is bounded and positive
        given().header("Authorization", anna).contentType(ContentType.JSON)
                .body(Map.of("requestId", "r2", "amount", Map.of("amount", "1000000000000000000000000000000.00", "currency", "EUR")))
                .post("/mdf/funds/" + fundId + "/requests").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("amount.amount"));
        given().header("Authorization", anna).contentType(ContentType.JSON)
                .body(Map.of("requestId", "r3", "amount", Map.of("amount", "-5.00", "currency", "EUR")))
                .post("/mdf/funds/" + fundId + "/requests").then().statusCode(400).body("errors.field", hasItem("amount.amount"));
        assertEquals(1, count("select count(*) from mdf_submission where fund_id = cast(? as uuid) and item_kind = 'request'", fundId));
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndWritesNothing() {
        String cm = Fixtures.staff();
        String code = "bounds-" + id().substring(0, 8);
        Map<String, Object> program = new java.util.HashMap<>();
        program.put("code", code);
        program.put("name", "Bounds");
        program.put("effectiveFrom", 1e308);
        program.put("rules", List.of(rule("c", "commission", "commission", Map.of("rates", List.of(Map.of("tier", "gold",
                "category", "cloud", "sourced", "0.10", "influenced", "0.05"))), null)));
        // 1e308 (not a date) is refused — by the strict body reading or by the program's validation — naming the field
        given().header("Authorization", cm).contentType(ContentType.JSON).body(program).post("/programs").then()
                .statusCode(org.hamcrest.Matchers.anyOf(equalTo(400), equalTo(422))).contentType("application/problem+json")
                .body("errors.field", hasItem(containsString("effectiveFrom")));
        program.put("effectiveFrom", "1970-01-01T00:00:00Z");
        given().header("Authorization", cm).contentType(ContentType.JSON).body(program).post("/programs").then()
                .statusCode(422).body("errors.field", hasItem("effectiveFrom"));
        assertEquals(0, count("select count(*) from program where code = ?", code));

        given().header("Authorization", cm).get("/earnings?limit=-5").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem(containsString("limit")));
        given().header("Authorization", cm).contentType(ContentType.JSON)
                .body(Map.of("from", "2026-06-01T00:00:00Z", "to", "2026-01-01T00:00:00Z", "proposed", program))
                .post("/what-if").then().statusCode(400).body("errors.field", hasItem("from"));
    }
}
