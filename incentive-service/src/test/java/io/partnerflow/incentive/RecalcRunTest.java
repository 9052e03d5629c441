package io.partnerflow.incentive;

import io.partnerflow.contracts.EventJson;
import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.attribution.DealContext;
import io.partnerflow.contracts.incentive.EarningAdjusted;
import io.partnerflow.contracts.partner.PartnerTierChanged;
import io.partnerflow.core.money.Money;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static io.partnerflow.incentive.Fixtures.*;
import static io.partnerflow.testing.TestSupport.bearer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A recalculation run against real Kafka/PostgreSQL: preview = what apply posts, four eyes, idempotent, one open run per program. */
@QuarkusTest
class RecalcRunTest {
    static final String MAKER = bearer("cm-recalc-maker", "channel-manager");
    static final String CHECKER = bearer("fin-recalc-checker", "finance");

    static io.restassured.response.ValidatableResponse preview(String code, int version, String from, String to) {
        return given().header("Authorization", MAKER).contentType(ContentType.JSON)
                .body(Map.of("programCode", code, "version", version, "closedFrom", from, "closedTo", to))
                .post("/recalculations").then();
    }

    /** Apply by the checker: 202 applying, then the background job posts it; answers the applied run. */
    static JsonPath applyAndAwait(String runId) {
        given().header("Authorization", CHECKER).post("/recalculations/" + runId + "/apply").then().statusCode(202).body("status", equalTo("applying"));
        JsonPath[] run = new JsonPath[1];
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).pollInterval(java.time.Duration.ofMillis(100)).until(() -> {
            run[0] = given().header("Authorization", CHECKER).get("/recalculations/" + runId).then().statusCode(200).extract().jsonPath();
            return run[0].getString("status").equals("applied");
        });
        return run[0];
    }

    @Test
    void aNewRuleVersionIsPreviewedThenAppliedByAnotherUserExactlyOnce() {
        int year = 2073;
        String code = "recalc-" + id().substring(0, 8);
        String from = year + "-01-01T00:00:00Z";
        String to = (year + 1) + "-01-01T00:00:00Z";
        program(commissionProgram(code, from, to, List.of(rate("*", "*", "0.10", "0.10")), null));
        String p = id();
        registerPartner(p, "reseller", "DE", "EUR", "gold");
        awaitPartner(p);
        DealContext d1 = deal(id(), "Recalc One", year + "-03-05T10:00:00Z", "DE", "new_business", List.of(line(1, "A", "cloud", "1", "10000.00", "EUR")));
        DealContext d2 = deal(id(), "Recalc Two", year + "-03-20T10:00:00Z", "DE", "new_business", List.of(line(1, "A", "cloud", "1", "3333.33", "EUR")));
        send(EventType.DEAL_ATTRIBUTED, attributed(d1, "first_touch", credit(p, "1.00000000", "sourced", List.of("resale"), d1, "1:10000.00")));
        send(EventType.DEAL_ATTRIBUTED, attributed(d2, "first_touch", credit(p, "1.00000000", "sourced", List.of("resale"), d2, "1:3333.33")));
        earnings(p, ACCRUED, 2); // 1,000.00 + 333.33 under version 1

        // version 2 raises the rate: nothing already earned changes until a run is applied
        program(commissionProgram(code, from, to, List.of(rate("*", "*", "0.12", "0.12")), null));
        preview(code, 9, from, to).statusCode(422).contentType("application/problem+json").body("errors[0].field", equalTo("version"));
        preview(code, 2, to, from).statusCode(400).contentType("application/problem+json");

        JsonPath run = preview(code, 2, from, to).statusCode(201).extract().jsonPath();
        String runId = run.getString("runId");
        assertEquals("previewed", run.getString("status"));
        assertEquals(2, run.getInt("credits"));
        assertEquals(2, run.getInt("deltaCount"));
        // 10,000.00 x 0.12 - 1,000.00 = 200.00 ; 3,333.33 x 0.12 = 399.9996 -> 400.00 - 333.33 = 66.67
        assertEquals(List.of(Map.of("partnerId", p, "currency", "EUR", "delta", "266.67", "deltas", 2)), run.getList("partners"));
        assertEquals(2, settledCount(p, 2), "a preview posts nothing");
        preview(code, 2, from, to).statusCode(409); // one open run per program

        given().header("Authorization", bearer("cm-recalc-maker", "admin")).post("/recalculations/" + runId + "/apply")
                .then().statusCode(403).contentType("application/problem+json").body("type", equalTo("urn:partnerflow:problem:four-eyes"));
        JsonPath applied = applyAndAwait(runId);
        assertEquals(2, applied.getInt("processed"));

        List<EarningAdjusted> deltas = earnings(p, ADJUSTED, 2).stream().map(r -> EventJson.readString(r.value(), EarningAdjusted.class)).toList();
        Money posted = deltas.stream().map(EarningAdjusted::amount).reduce(Money.zero("EUR"), Money::plus);
        assertEquals(Money.of("266.67", "EUR"), posted, "apply posts exactly what the preview showed");
        String thisMonth = YearMonth.now(ZoneOffset.UTC).toString();
        assertTrue(deltas.stream().allMatch(e -> e.reason().equals("recalculation") && runId.equals(e.recalculationRunId())
                && e.bookingPeriod().equals(thisMonth) && e.rule().version() == 2 && e.adjustsEarningId() != null), deltas.toString());
        assertTrue(deltas.stream().anyMatch(e -> e.amount().equals(Money.of("66.67", "EUR"))
                && e.explanation().summary().contains("is now 400.00 EUR (was 333.33 EUR)")), deltas.toString());

        // applying twice posts nothing more; a new run over the same range finds nothing to do
        given().header("Authorization", CHECKER).post("/recalculations/" + runId + "/apply").then().statusCode(200).body("status", equalTo("applied"));
        JsonPath again = preview(code, 2, from, to).statusCode(201).extract().jsonPath();
        assertEquals(0, again.getInt("deltaCount"));
        given().header("Authorization", MAKER).post("/recalculations/" + again.getString("runId") + "/cancel").then().statusCode(200)
                .body("status", equalTo("cancelled"));
        // a replica that stopped before marking the run applied: the job takes it up again, finds everything posted
        try (var c = io.partnerflow.testing.TestSupport.jdbc();
             var st = c.prepareStatement("update recalc_run set status = 'applying', processed = 1 where run_id = cast(? as uuid)")) {
            st.setString(1, runId);
            assertEquals(1, st.executeUpdate());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).pollInterval(java.time.Duration.ofMillis(100)).until(() ->
                given().header("Authorization", CHECKER).get("/recalculations/" + runId).then().statusCode(200).extract().jsonPath()
                        .getString("status").equals("applied"));
        assertEquals(4, settledCount(p, 4), "2 accruals + 2 deltas, nothing more");
        given().header("Authorization", CHECKER).get("/recalculations/" + runId).then().statusCode(200)
                .body("status", equalTo("applied")).body("processed", equalTo(2)).body("decidedBy", equalTo("fin-recalc-checker"));
    }

    static Map<String, Object> spiffAndRebate(String code, int year, String spiffPerDeal, String topRate) {
        Map<String, Object> p = new java.util.HashMap<>();
        p.put("code", code);
        p.put("name", "Spiff and rebate " + year);
        p.put("effectiveFrom", year + "-01-01T00:00:00Z");
        p.put("effectiveTo", (year + 1) + "-01-01T00:00:00Z");
        p.put("rules", List.of(
                RewardsFlowTest.rule("spiff", "spiff", "spiff", Map.of("from", year + "-01-01T00:00:00Z", "to", (year + 1) + "-01-01T00:00:00Z",
                        "perDeal", RewardsFlowTest.money(spiffPerDeal, "EUR")), null),
                PeriodCloseTest.rule("rebate", "volume_rebate", "rebate", Map.of("period", "quarter", "mode", "retroactive", "baseCurrency", "EUR",
                        "bands", List.of(Map.of("from", "0", "rate", "0.01"), Map.of("from", "10000", "rate", "0.02"),
                                Map.of("from", "50000", "rate", topRate))))));
        return p;
    }

    @Test
    void aWhatIfOfARebateAndASpiffChangeOverHistoryEqualsWhatTheRecalculationThenPosts() {
        int year = 2037;
        String code = "whatif-" + id().substring(0, 8);
        String from = year + "-01-01T00:00:00Z";
        String to = year + "-04-01T00:00:00Z";
        program(spiffAndRebate(code, year, "100.00", "0.03"));
        String p = id();
        registerPartner(p, "distributor", "DE", "EUR", "gold");
        awaitPartner(p);
        DealContext d1 = deal(id(), "What-if One", year + "-01-20T10:00:00Z", "DE", "new_business", List.of(line(1, "A", "cloud", "1", "20000.00", "EUR")));
        DealContext d2 = deal(id(), "What-if Two", year + "-02-20T10:00:00Z", "DE", "new_business", List.of(line(1, "A", "cloud", "1", "40000.00", "EUR")));
        send(EventType.DEAL_ATTRIBUTED, attributed(d1, "first_touch", credit(p, "1.00000000", "sourced", List.of("resale"), d1, "1:20000.00")));
        send(EventType.DEAL_ATTRIBUTED, attributed(d2, "first_touch", credit(p, "1.00000000", "sourced", List.of("resale"), d2, "1:40000.00")));
        earnings(p, ACCRUED, 2); // two SPIFFs of 100.00
        PeriodCloseTest.close(year + "-Q1"); // the rebate: 60,000 x 3% = 1,800.00
        earnings(p, ACCRUED, 3);

        // what-if: SPIFF 150.00 per deal, top band 4% -> +50.00 twice, 2,400.00 - 1,800.00 = +600.00 on the closed quarter
        Map<String, Object> proposed = spiffAndRebate(code, year, "150.00", "0.04");
        JsonPath whatIf = given().header("Authorization", MAKER).contentType(ContentType.JSON)
                .body(Map.of("definition", proposed, "closedFrom", from, "closedTo", to)).post("/recalculations/what-if")
                .then().statusCode(200).extract().jsonPath();
        assertEquals("what-if", whatIf.getString("status"));
        assertEquals(3, whatIf.getInt("deltaCount"));
        assertEquals(1, whatIf.getInt("periodDeltaCount"));
        assertEquals(List.of(year + "-Q1"), whatIf.getList("periods"));
        assertEquals(List.of(Map.of("partnerId", p, "currency", "EUR", "delta", "700.00", "deltas", 3)), whatIf.getList("partners"));
        // the same as a background job: queued (202), then done with the same result
        JsonPath queued = given().header("Authorization", MAKER).contentType(ContentType.JSON)
                .body(Map.of("definition", proposed, "closedFrom", from, "closedTo", to)).post("/recalculations/what-if-runs")
                .then().statusCode(202).extract().jsonPath();
        String jobId = queued.getString("runId");
        JsonPath[] job = new JsonPath[1];
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).pollInterval(java.time.Duration.ofMillis(100)).until(() -> {
            job[0] = given().header("Authorization", CHECKER).get("/recalculations/what-if-runs/" + jobId).then().statusCode(200).extract().jsonPath();
            assertTrue(List.of("queued", "running", "done").contains(job[0].getString("status")), job[0].prettify());
            return job[0].getString("status").equals("done");
        });
        assertEquals(whatIf.getList("partners"), job[0].getList("result.partners"));
        assertEquals(whatIf.getMap("totals"), job[0].getMap("result.totals"));
        assertEquals(3, settledCount(p, 3), "a what-if posts nothing");
        Map<String, Object> invalid = spiffAndRebate(code, year, "150.00", "0.04");
        invalid.put("rules", List.of(Map.of("key", "x", "name", "x", "kind", "volume_rebate")));
        given().header("Authorization", MAKER).contentType(ContentType.JSON).body(Map.of("definition", invalid, "closedFrom", from, "closedTo", to))
                .post("/recalculations/what-if").then().statusCode(422).contentType("application/problem+json");

        // the same version published, previewed and applied by another user: exactly the what-if, once
        program(proposed);
        JsonPath run = preview(code, 2, from, to).statusCode(201).extract().jsonPath();
        assertEquals(whatIf.getList("partners"), run.getList("partners"));
        assertEquals(whatIf.getMap("totals"), run.getMap("totals"));
        String runId = run.getString("runId");
        assertEquals(3, applyAndAwait(runId).getInt("processed"));
        List<EarningAdjusted> deltas = earnings(p, ADJUSTED, 3).stream().map(r -> EventJson.readString(r.value(), EarningAdjusted.class)).toList();
        assertEquals(Money.of("700.00", "EUR"), deltas.stream().map(EarningAdjusted::amount).reduce(Money.zero("EUR"), Money::plus));
        assertEquals(List.of("spiff", "spiff", "volume_rebate"), deltas.stream().map(EarningAdjusted::kind).sorted().toList());
        EarningAdjusted rebate = deltas.stream().filter(e -> e.kind().equals("volume_rebate")).findFirst().orElseThrow();
        assertEquals(Money.of("600.00", "EUR"), rebate.amount());
        assertEquals(year + "-Q1", rebate.source().period());
        assertTrue(rebate.reason().equals("recalculation") && runId.equals(rebate.recalculationRunId()) && rebate.adjustsEarningId() != null, rebate.toString());
        assertTrue(!rebate.bookingPeriod().equals(year + "-Q1") && !rebate.bookingPeriod().startsWith(year + "-0"), "never booked in the closed quarter");

        // applied twice: nothing more; a what-if of the same version now finds nothing
        given().header("Authorization", CHECKER).post("/recalculations/" + runId + "/apply").then().statusCode(200);
        given().header("Authorization", MAKER).contentType(ContentType.JSON).body(Map.of("definition", proposed, "closedFrom", from, "closedTo", to))
                .post("/recalculations/what-if").then().statusCode(200).body("deltaCount", equalTo(0));
        assertEquals(6, settledCount(p, 6), "3 accruals + 3 deltas, nothing more");
    }

    @Test
    void aBackdatedTierOverrideOverThreeClosedDealsGivesThreeDeltasSummingToTheExactDifferenceAndEditsNoClosedPeriod() {
        int year = 2074;
        String code = "tiered-" + id().substring(0, 8);
        String from = year + "-01-01T00:00:00Z";
        String to = (year + 1) + "-01-01T00:00:00Z";
        program(commissionProgram(code, from, to, List.of(rate("gold", "*", "0.10", "0.10"), rate("silver", "*", "0.05", "0.05")), null));
        String p = id();
        registerPartner(p, "reseller", "DE", "EUR", "silver");
        awaitPartner(p);
        DealContext d0 = deal(id(), "Before", year + "-02-10T10:00:00Z", "DE", "new_business", List.of(line(1, "A", "cloud", "1", "800.00", "EUR")));
        DealContext d1 = deal(id(), "March One", year + "-03-05T10:00:00Z", "DE", "new_business", List.of(line(1, "A", "cloud", "1", "1000.00", "EUR")));
        DealContext d2 = deal(id(), "March Two", year + "-03-20T10:00:00Z", "DE", "new_business", List.of(line(1, "A", "cloud", "1", "2345.67", "EUR")));
        DealContext d3 = deal(id(), "April", year + "-04-02T10:00:00Z", "DE", "new_business", List.of(line(1, "A", "cloud", "1", "500.00", "EUR")));
        for (DealContext d : List.of(d0, d1, d2, d3)) {
            send(EventType.DEAL_ATTRIBUTED, attributed(d, "first_touch", credit(p, "1.00000000", "sourced", List.of("resale"),
                    d, "1:" + d.lines().get(0).amount().amountString())));
        }
        earnings(p, ACCRUED, 4); // silver 5%: 40.00, 50.00, 117.28 (117.2835), 25.00
        PeriodCloseTest.close(year + "-03"); // March is locked

        // an override to Gold, effective 1 March, arrives after all four deals were earned: the recalculation starts by itself
        String tierEventId = id();
        PartnerTierChanged override = new PartnerTierChanged(p, new PartnerTierChanged.TierRef("silver", "Silver", 2),
                new PartnerTierChanged.TierRef("gold", "Gold", 3), Instant.parse(year + "-03-01T00:00:00Z"), Instant.now(),
                "override", "backdated override", "cm-1", id(), 1, List.of(), List.of());
        send(EventType.PARTNER_TIER_CHANGED.topic(), p, EventType.PARTNER_TIER_CHANGED, override, tierEventId);
        List<EarningAdjusted> deltas = earnings(p, ADJUSTED, 3).stream().map(r -> EventJson.readString(r.value(), EarningAdjusted.class)).toList();
        // Gold 10%: 100.00 + 234.57 + 50.00 = 384.57 ; Silver: 50.00 + 117.28 + 25.00 = 192.28 ; difference 192.29
        assertEquals(Money.of("192.29", "EUR"), deltas.stream().map(EarningAdjusted::amount).reduce(Money.zero("EUR"), Money::plus));
        assertEquals(List.of("117.29", "25.00", "50.00"), deltas.stream().map(e -> e.amount().amountString()).sorted().toList());
        assertTrue(deltas.stream().noneMatch(e -> e.source().dealId().equals(d0.dealId())), "the deal before the override is untouched");
        String thisMonth = YearMonth.now(ZoneOffset.UTC).toString();
        assertTrue(deltas.stream().allMatch(e -> e.bookingPeriod().equals(thisMonth)), "booked in an open period, never in locked March");
        assertEquals(2, count("select count(*) from earning where partner_id = ? and booking_period = '" + year + "-03'", p),
                "nothing written into the locked period");
        String runId = deltas.get(0).recalculationRunId();
        assertTrue(deltas.stream().allMatch(e -> e.reason().equals("recalculation") && runId.equals(e.recalculationRunId())), deltas.toString());
        given().header("Authorization", CHECKER).get("/recalculations/" + runId).then().statusCode(200)
                .body("status", equalTo("applied")).body("deltaCount", equalTo(3)).body("partnerId", equalTo(p))
                .body("decidedBy", equalTo("tier-change " + tierEventId));

        // redelivery of the same tier change, and a manual run over the same range afterwards: nothing more
        send(EventType.PARTNER_TIER_CHANGED.topic(), p, EventType.PARTNER_TIER_CHANGED, override, tierEventId);
        JsonPath manual = given().header("Authorization", MAKER).contentType(ContentType.JSON)
                .body(Map.of("programCode", code, "version", 1, "closedFrom", from, "closedTo", to, "partnerId", p))
                .post("/recalculations").then().statusCode(201).extract().jsonPath();
        assertEquals(0, manual.getInt("deltaCount"), "the automatic run already posted every delta");
        given().header("Authorization", MAKER).post("/recalculations/" + manual.getString("runId") + "/cancel").then().statusCode(200);
        assertEquals(7, settledCount(p, 7), "4 accruals + 3 deltas, nothing more");
        assertEquals(1, count("select count(*) from recalc_run where created_by = ?", "tier-change " + tierEventId));
    }
}
