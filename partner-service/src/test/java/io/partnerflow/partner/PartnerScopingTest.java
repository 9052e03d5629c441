package io.partnerflow.partner;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

import static io.partnerflow.partner.Api.cm;
import static io.partnerflow.partner.Api.createPartner;
import static io.partnerflow.partner.Api.partnerUser;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A partner token sees only its own partner: for EVERY endpoint that takes a partner id, another partner's id
 * (and an id that does not exist) answers 404 — indistinguishable — while the own id answers 2xx for reads and
 * 403 for staff-only writes. Endpoints without a partner id are staff-only (403).
 */
@QuarkusTest
class PartnerScopingTest {

    record Endpoint(String name, int ownStatus, BiFunction<RequestSpecification, String, Response> call) {
    }

    static final Map<String, Object> PROFILE = Map.of("name", "X", "type", "MSP", "country", "DE", "payoutCurrency", "EUR");
    static final Map<String, Object> CERT = Map.of("personId", "p", "certificationCode", "c", "certificationName", "C",
            "completedAt", "2024-01-01T00:00:00Z");

    static List<Endpoint> partnerEndpoints() {
        return List.of(
                new Endpoint("GET /partners/{id}", 200, (r, id) -> r.get("/partners/" + id)),
                new Endpoint("PUT /partners/{id}", 403, (r, id) -> r.body(PROFILE).put("/partners/" + id)),
                new Endpoint("POST /partners/{id}/status", 403,
                        (r, id) -> r.body(Map.of("status", "ONBOARDING")).post("/partners/" + id + "/status")),
                new Endpoint("GET /partners/{id}/certifications", 200, (r, id) -> r.get("/partners/" + id + "/certifications")),
                new Endpoint("POST /partners/{id}/certifications", 403,
                        (r, id) -> r.body(CERT).post("/partners/" + id + "/certifications")),
                new Endpoint("GET /partners/{id}/tier", 200, (r, id) -> r.get("/partners/" + id + "/tier")),
                new Endpoint("GET /partners/{id}/tier-history", 200, (r, id) -> r.get("/partners/" + id + "/tier-history")),
                new Endpoint("GET /partners/{id}/tier-history/at", 200,
                        (r, id) -> r.queryParam("at", java.time.Instant.now().plusSeconds(5).toString())
                                .get("/partners/" + id + "/tier-history/at")),
                new Endpoint("GET /partners/{id}/tier-metrics", 200, (r, id) -> r.get("/partners/" + id + "/tier-metrics")),
                new Endpoint("GET /partners/{id}/tier-proposals", 200, (r, id) -> r.get("/partners/" + id + "/tier-proposals")),
                new Endpoint("POST /partners/{id}/tier-evaluations", 403,
                        (r, id) -> r.body(Map.of()).post("/partners/" + id + "/tier-evaluations")),
                new Endpoint("PUT /partners/{id}/tier-override", 403, (r, id) -> r.body(Map.of("tierCode", "silver",
                        "reason", "x", "expiresAt", "2099-01-01T00:00:00Z")).put("/partners/" + id + "/tier-override")),
                new Endpoint("DELETE /partners/{id}/tier-override", 403, (r, id) -> r.delete("/partners/" + id + "/tier-override")));
    }

    /** Proposal endpoints are addressed by proposal id; the id of another partner's proposal answers 404. */
    static List<Endpoint> proposalEndpoints() {
        return List.of(
                new Endpoint("POST /tier-proposals/{id}/approve", 403,
                        (r, id) -> r.body(Map.of()).post("/tier-proposals/" + id + "/approve")),
                new Endpoint("POST /tier-proposals/{id}/reject", 403,
                        (r, id) -> r.body(Map.of()).post("/tier-proposals/" + id + "/reject")));
    }

    static List<Endpoint> staffOnlyEndpoints() {
        return List.of(
                new Endpoint("GET /partners", 403, (r, id) -> r.get("/partners")),
                new Endpoint("POST /partners", 403, (r, id) -> r.body(PROFILE).post("/partners")),
                new Endpoint("GET /tier-proposals", 403, (r, id) -> r.get("/tier-proposals")),
                new Endpoint("POST /tier-evaluations", 403, (r, id) -> r.body(Map.of()).post("/tier-evaluations")),
                new Endpoint("PUT /tier-ladder", 403, (r, id) -> r.body(Tiers.ladder(1, false)).put("/tier-ladder")),
                new Endpoint("GET /tier-ladder/audit", 403, (r, id) -> r.get("/tier-ladder/audit")));
    }

    @Test
    void everyPartnerEndpointAnswers404ForAnotherPartnersIdAndServesTheOwnId() throws Exception {
        Tiers.putLadder(30, false);
        String own = createPartner();
        String other = createPartner();
        for (Endpoint e : partnerEndpoints()) {
            Response o = e.call().apply(partnerUser(own), other);
            assertEquals(404, o.statusCode(), e.name() + " with another partner's id: " + o.asString());
            assertEquals("application/problem+json", o.contentType(), e.name());
            Response missing = e.call().apply(partnerUser(own), UUID.randomUUID().toString());
            assertEquals(404, missing.statusCode(), e.name() + " with an unknown id");
            assertEquals(o.jsonPath().getString("title"), missing.jsonPath().getString("title"),
                    e.name() + ": another partner's id looks exactly like a missing one");
            Response mine = e.call().apply(partnerUser(own), own);
            assertEquals(e.ownStatus(), mine.statusCode(), e.name() + " with the own id: " + mine.asString());
        }
        String ownProposal = proposal(own);
        String otherProposal = proposal(other);
        for (Endpoint e : proposalEndpoints()) {
            Response o = e.call().apply(partnerUser(own), otherProposal);
            assertEquals(404, o.statusCode(), e.name() + " with another partner's proposal: " + o.asString());
            assertEquals(404, e.call().apply(partnerUser(own), UUID.randomUUID().toString()).statusCode(), e.name());
            assertEquals(e.ownStatus(), e.call().apply(partnerUser(own), ownProposal).statusCode(), e.name() + " own");
        }
        for (Endpoint e : staffOnlyEndpoints()) {
            assertEquals(403, e.call().apply(partnerUser(own), own).statusCode(), e.name());
        }
        // Reading the ladder (benefits are public to partners) is allowed.
        partnerUser(own).get("/tier-ladder").then().statusCode(200);
        // The proposals are untouched.
        assertEquals(2, Api.count("select count(*) from tier_proposal where id in (?::uuid, ?::uuid) and status = 'pending'",
                ownProposal, otherProposal));
        // Nothing the partner user tried changed the other partner.
        cm().get("/partners/" + other).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("PROSPECT"))
                .body("revision", org.hamcrest.Matchers.equalTo(1));
    }

    @Test
    void financeReadsButDoesNotWrite() {
        String id = createPartner();
        var finance = io.restassured.RestAssured.given()
                .header("Authorization", io.partnerflow.testing.TestSupport.bearer("fin-1", "finance"))
                .contentType(io.restassured.http.ContentType.JSON);
        finance.get("/partners/" + id).then().statusCode(200);
        io.restassured.RestAssured.given()
                .header("Authorization", io.partnerflow.testing.TestSupport.bearer("fin-1", "finance"))
                .contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of("status", "ONBOARDING")).post("/partners/" + id + "/status").then().statusCode(403);
    }

    /** A pending proposal for {@code partnerId}, written directly (the approval flow is TierEvaluationTest's). */
    static String proposal(String partnerId) throws Exception {
        String id = UUID.randomUUID().toString();
        try (var c = io.partnerflow.testing.TestSupport.jdbc(); var st = c.prepareStatement(
                "insert into tier_proposal (id, partner_id, to_code, to_rank, effective_at, proposed_at, ladder_id,"
                        + " ladder_version, metrics, status) select ?::uuid, ?::uuid, 'silver', 1, now(), now(), ladder_id,"
                        + " version, '[]', 'pending' from tier_ladder_version order by version desc limit 1")) {
            st.setString(1, id);
            st.setString(2, partnerId);
            assertEquals(1, st.executeUpdate());
        }
        return id;
    }
}
