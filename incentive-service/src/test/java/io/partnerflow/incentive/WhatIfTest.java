package io.partnerflow.incentive;

import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.attribution.DealContext;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.partnerflow.incentive.Fixtures.*;
import static io.partnerflow.testing.TestSupport.bearer;
import static io.partnerflow.testing.TestSupport.partnerBearer;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** What-if compares the programs in force with a proposed version over a date range and publishes nothing. */
@QuarkusTest
class WhatIfTest {

    @Test
    void aProposedVersionIsComparedPerPartnerWithoutPublishing() {
        int year = 2046;
        String code = "whatif-" + id().substring(0, 8);
        program(commissionProgram(code, year + "-01-01T00:00:00Z", (year + 1) + "-01-01T00:00:00Z",
                List.of(rate("gold", "cloud", "0.10", "0.05")), null));
        String p = id();
        registerPartner(p, "reseller", "DE", "EUR", "gold");
        awaitTier(p, "gold");
        DealContext d = deal(id(), "What If", year + "-04-10T10:00:00Z", "DE", "new_business",
                List.of(line(1, "A", "cloud", "1", "1000.00", "EUR"), line(2, "B", "services", "1", "500.00", "EUR")));
        send(EventType.DEAL_ATTRIBUTED, attributed(d, "first_touch", credit(p, "1.00000000", "sourced", List.of("resale"), d, "1:1000.00", "2:500.00")));
        earnings(p, ACCRUED, 1);
        awaitRow("select 1 from credit_compact where partner_id = ?", p);

        Map<String, Object> proposed = commissionProgram(code, year + "-01-01T00:00:00Z", (year + 1) + "-01-01T00:00:00Z",
                List.of(rate("gold", "cloud", "0.125", "0.05"), rate("*", "services", "0.021", null)), null);
        var result = given().header("Authorization", bearer("fin", "finance")).contentType(ContentType.JSON)
                .body(Map.of("from", year + "-04-01T00:00:00Z", "to", year + "-05-01T00:00:00Z", "proposed", proposed))
                .post("/what-if").then().statusCode(200).extract().jsonPath();
        List<Map<String, String>> rows = result.getList("partners");
        Map<String, String> mine = rows.stream().filter(r -> r.get("partnerId").equals(p)).findFirst().orElseThrow();
        assertEquals("100.00", mine.get("current"));   // 1000 x 10%
        assertEquals("135.50", mine.get("proposed"));  // 1000 x 12.5% + 500 x 2.1%
        assertEquals("35.50", mine.get("delta"));
        assertEquals(1, settledCount(p, 1), "what-if publishes nothing");
        // invalid proposals are refused; partners cannot run it
        given().header("Authorization", bearer("fin", "finance")).contentType(ContentType.JSON)
                .body(Map.of("from", year + "-04-01T00:00:00Z", "to", year + "-05-01T00:00:00Z", "proposed", Map.of("code", code)))
                .post("/what-if").then().statusCode(422);
        given().header("Authorization", partnerBearer("u", p)).contentType(ContentType.JSON)
                .body(Map.of("from", year + "-04-01T00:00:00Z", "to", year + "-05-01T00:00:00Z", "proposed", proposed))
                .post("/what-if").then().statusCode(403);
    }
}
