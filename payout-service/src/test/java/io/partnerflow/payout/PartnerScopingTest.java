package io.partnerflow.payout;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import static io.partnerflow.payout.Api.finance;
import static io.partnerflow.payout.Api.partnerUser;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A partner token reaches only its own partner's data: for EVERY endpoint that names a partner (directly, or through
 * an earning or a dispute), another partner's resource answers 404 — like one that does not exist — while the own
 * resource answers 2xx (reads, opening a dispute) or 403 (finance's decisions). Finance-only endpoints answer 403.
 */
@QuarkusTest
class PartnerScopingTest {

    record Endpoint(String name, int ownStatus, BiFunction<RequestSpecification, Ids, Response> call) {
    }

    /** The ids of one partner's resources. */
    record Ids(String partner, String earning, String dispute) {
    }

    static final Map<String, Object> REASON = Map.of("reason", "test");

    static List<Endpoint> endpoints() {
        return List.of(
                new Endpoint("GET /partners/{id}/balance", 200, (r, i) -> r.get("/partners/" + i.partner() + "/balance")),
                new Endpoint("GET /partners/{id}/earnings", 200, (r, i) -> r.get("/partners/" + i.partner() + "/earnings")),
                new Endpoint("GET /earnings/{id}", 200, (r, i) -> r.get("/earnings/" + i.earning())),
                new Endpoint("POST /earnings/{id}/approve", 403, (r, i) -> r.body(REASON).post("/earnings/" + i.earning() + "/approve")),
                new Endpoint("POST /earnings/{id}/decline", 403, (r, i) -> r.body(REASON).post("/earnings/" + i.earning() + "/decline")),
                new Endpoint("POST /earnings/{id}/hold", 403, (r, i) -> r.body(REASON).post("/earnings/" + i.earning() + "/hold")),
                new Endpoint("POST /earnings/{id}/release", 403, (r, i) -> r.body(REASON).post("/earnings/" + i.earning() + "/release")),
                new Endpoint("GET /partners/{id}/payout-profile", 200, (r, i) -> r.get("/partners/" + i.partner() + "/payout-profile")),
                new Endpoint("PUT /partners/{id}/payout-profile", 403,
                        (r, i) -> r.body(Profiles.sepa(null, null, null)).put("/partners/" + i.partner() + "/payout-profile")),
                new Endpoint("GET /partners/{id}/payout-profile/audit", 403,
                        (r, i) -> r.get("/partners/" + i.partner() + "/payout-profile/audit")),
                new Endpoint("GET /partners/{id}/payouts", 200, (r, i) -> r.get("/partners/" + i.partner() + "/payouts")),
                new Endpoint("GET /partners/{id}/statements/{period}", 200,
                        (r, i) -> r.get("/partners/" + i.partner() + "/statements/2025-01")),
                new Endpoint("GET /partners/{id}/statements?from&to", 200,
                        (r, i) -> r.get("/partners/" + i.partner() + "/statements?from=2025-01-01&to=2025-03-31")),
                new Endpoint("GET /partners/{id}/statements/{period}/csv", 200,
                        (r, i) -> r.get("/partners/" + i.partner() + "/statements/2025-01/csv")),
                new Endpoint("POST /partners/{id}/statements/{period}/issue", 403,
                        (r, i) -> r.post("/partners/" + i.partner() + "/statements/2025-01/issue")),
                new Endpoint("GET /partners/{id}/disputes", 200, (r, i) -> r.get("/partners/" + i.partner() + "/disputes")),
                new Endpoint("GET /disputes/{id}", 200, (r, i) -> r.get("/disputes/" + i.dispute())),
                new Endpoint("POST /disputes/{id}/resolve", 403,
                        (r, i) -> r.body(Map.of("outcome", "rejected", "resolution", "no")).post("/disputes/" + i.dispute() + "/resolve")),
                // opening a dispute last: on the own line it succeeds (another line of the partner)
                new Endpoint("POST /partners/{id}/disputes", 201,
                        (r, i) -> r.body(Map.of("earningId", i.earning(), "reason", "scoping")).post("/partners/" + i.partner() + "/disputes")));
    }

    static List<Endpoint> financeOnly() {
        return List.of(
                new Endpoint("POST /payout-runs", 403, (r, i) -> r.header("Idempotency-Key", Api.newId())
                        .body(Map.of("cutoff", "2025-01-01")).post("/payout-runs")),
                new Endpoint("GET /payout-runs", 403, (r, i) -> r.get("/payout-runs")),
                new Endpoint("GET /payout-runs/{id}", 403, (r, i) -> r.get("/payout-runs/" + Api.newId())),
                new Endpoint("POST /payout-runs/{id}/approve", 403, (r, i) -> r.post("/payout-runs/" + Api.newId() + "/approve")),
                new Endpoint("GET /payout-runs/{id}/exports/items.csv", 403, (r, i) -> r.get("/payout-runs/" + Api.newId() + "/exports/items.csv")),
                new Endpoint("GET /journals", 403, (r, i) -> r.get("/journals")),
                new Endpoint("GET /journals/export.csv", 403, (r, i) -> r.get("/journals/export.csv")),
                new Endpoint("POST /journals/{id}/reversals", 403,
                        (r, i) -> r.body(REASON).post("/journals/" + Api.newId() + "/reversals")),
                new Endpoint("POST /journal-reversals/{id}/approve", 403, (r, i) -> r.post("/journal-reversals/" + Api.newId() + "/approve")),
                new Endpoint("GET /journal-reversals", 403, (r, i) -> r.get("/journal-reversals")),
                new Endpoint("GET /earnings/waiting", 403, (r, i) -> r.get("/earnings/waiting")),
                new Endpoint("POST /earnings/approvals", 403, (r, i) -> r.post("/earnings/approvals")),
                new Endpoint("GET /disputes", 403, (r, i) -> r.get("/disputes")),
                new Endpoint("POST /statements/{period}/issue", 403, (r, i) -> r.post("/statements/2025-01/issue")));
    }

    @BeforeEach
    void tokens() {
        Api.token("fin-maker", "finance");
    }

    Ids setUp() throws Exception {
        String p = Api.knownPartner("DE", "EUR");
        Profiles.put(p, Profiles.sepa(null, "EU_VAT_ID", null));
        String e1 = Api.accrue(p, "10.00", "EUR", Instant.parse("2025-01-10T10:00:00Z"));
        String e2 = Api.accrue(p, "11.00", "EUR", Instant.parse("2025-01-10T10:00:00Z"));
        Api.awaitEarning(e1);
        Api.awaitEarning(e2);
        String dispute = partnerUser(p).body(Map.of("earningId", e1, "reason", "setup")).post("/partners/" + p + "/disputes")
                .then().statusCode(201).extract().path("disputeId");
        return new Ids(p, e2, dispute);
    }

    @Test
    void everyPartnerEndpointAnswers404ForAnotherPartnersResourcesAndServesTheOwn() throws Exception {
        Ids own = setUp();
        Ids other = setUp();
        Ids missing = new Ids(Api.newId(), Api.newId(), Api.newId());
        for (Endpoint e : endpoints()) {
            assertEquals(404, e.call().apply(partnerUser(own.partner()), other).statusCode(), e.name() + " on another partner's resource");
            assertEquals(404, e.call().apply(partnerUser(own.partner()), missing).statusCode(), e.name() + " on a missing resource");
            assertEquals(e.ownStatus(), e.call().apply(partnerUser(own.partner()), own).statusCode(), e.name() + " on the own resource");
        }
        // nothing of the other partner was touched
        assertEquals("approved", finance().get("/earnings/" + other.earning()).then().extract().path("status"));
        assertEquals(1, Api.count("select count(*) from dispute where partner_id = ?", other.partner()));
    }

    @Test
    void financeOnlyEndpointsAnswer403ToAPartner() throws Exception {
        String p = Api.newId();
        for (Endpoint e : financeOnly()) {
            assertEquals(403, e.call().apply(partnerUser(p), new Ids(p, null, null)).statusCode(), e.name());
        }
    }
}
