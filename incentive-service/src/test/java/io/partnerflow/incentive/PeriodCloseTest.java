package io.partnerflow.incentive;

import io.partnerflow.contracts.EventJson;
import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.attribution.DealContext;
import io.partnerflow.contracts.incentive.EarningAccrued;
import io.partnerflow.contracts.incentive.EarningAdjusted;
import io.partnerflow.contracts.incentive.MdfAllocated;
import io.partnerflow.contracts.incentive.MdfClaimApproved;
import io.partnerflow.contracts.incentive.MdfClaimSubmitted;
import io.partnerflow.core.money.Money;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.partnerflow.incentive.Fixtures.*;
import static io.partnerflow.testing.TestSupport.bearer;
import static io.partnerflow.testing.TestSupport.partnerBearer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Period close: rebates (retroactive vs marginal), accelerators, caps — deterministic, idempotent — and MDF. */
@QuarkusTest
class PeriodCloseTest {

    static Map<String, Object> rule(String key, String kind, String section, Object body) {
        Map<String, Object> r = new HashMap<>();
        r.put("key", key);
        r.put("name", "Rule " + key);
        r.put("kind", kind);
        r.put(section, body);
        return r;
    }

    static void programOf(int year, List<Map<String, Object>> rules) {
        Map<String, Object> p = new HashMap<>();
        p.put("code", "period-" + year + "-" + id().substring(0, 8));
        p.put("name", "Period program " + year);
        p.put("effectiveFrom", year + "-01-01T00:00:00Z");
        p.put("effectiveTo", (year + 1) + "-01-01T00:00:00Z");
        p.put("rules", rules);
        program(p);
    }

    static List<Map<String, String>> bands() {
        return List.of(Map.of("from", "0", "rate", "0.01"), Map.of("from", "10000", "rate", "0.02"), Map.of("from", "50000", "rate", "0.03"));
    }

    static JsonPath close(String period) {
        return given().header("Authorization", bearer("fin", "finance")).post("/periods/" + period + "/close")
                .then().statusCode(200).extract().jsonPath();
    }

    /** The partner's MDF facts of one type on incentive.earnings, each valid by its contract and keyed by the partner. */
    static List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> mdfFacts(String partnerId, EventType type, int n) {
        var out = io.partnerflow.testing.TestSupport.await("incentive.earnings",
                r -> partnerId.equals(r.key()) && type.type().equals(io.partnerflow.testing.TestSupport.header(r, "ce_type")), n,
                java.time.Duration.ofSeconds(30));
        assertEquals(n, out.size(), type + " for " + partnerId);
        for (var r : out) {
            assertEquals(List.of(), io.partnerflow.contracts.ContractValidator.validate(type.type(), r.value()), r.value());
        }
        return out;
    }

    @Test
    void retroactiveAndMarginalRebatesOnTheSameDataAreSettledOnceAtClose() {
        int year = 2043;
        programOf(year, List.of(
                rule("rebate-retro", "volume_rebate", "rebate", Map.of("period", "quarter", "mode", "retroactive", "baseCurrency", "EUR", "bands", bands())),
                rule("rebate-marginal", "volume_rebate", "rebate", Map.of("period", "quarter", "mode", "marginal", "baseCurrency", "EUR", "bands", bands()))));
        String p = id();
        registerPartner(p, "distributor", "DE", "EUR", "gold");
        awaitPartner(p);
        DealContext d1 = deal(id(), "Rebate One", year + "-01-20T10:00:00Z", "DE", "new_business", List.of(line(1, "A", "cloud", "1", "20000.00", "EUR")));
        DealContext d2 = deal(id(), "Rebate Two", year + "-02-20T10:00:00Z", "DE", "new_business", List.of(line(1, "A", "cloud", "1", "40000.00", "EUR")));
        send(EventType.DEAL_ATTRIBUTED, attributed(d2, "first_touch", credit(p, "1.00000000", "sourced", List.of("resale"), d2, "1:40000.00")));
        send(EventType.DEAL_ATTRIBUTED, attributed(d1, "first_touch", credit(p, "1.00000000", "sourced", List.of("resale"), d1, "1:20000.00")));
        awaitRow("select 1 from attribution_event where deal_id = ?", d1.dealId());
        awaitRow("select 1 from attribution_event where deal_id = ?", d2.dealId());

        // before the close: estimates only, nothing published
        List<Map<String, String>> est = given().header("Authorization", partnerBearer("u", p)).queryParam("period", year + "-Q1")
                .get("/partners/" + p + "/estimates").then().statusCode(200).extract().jsonPath().getList("$");
        assertEquals(List.of("1200.00", "1800.00"), est.stream().map(e -> e.get("amount")).sorted().toList());
        assertEquals(0, earnings(p, ACCRUED, 0).size());
        assertEquals(0, settledCount(p, 0));

        JsonPath first = close(year + "-Q1");
        assertEquals(false, first.getBoolean("alreadyClosed"));
        List<EarningAccrued> rebates = earnings(p, ACCRUED, 2).stream().map(r -> EventJson.readString(r.value(), EarningAccrued.class)).toList();
        // retroactive: 60,000 reaches the 3% band -> 3% on all = 1,800.00 ; marginal: 10,000x1% + 40,000x2% + 10,000x3% = 1,200.00
        Map<String, String> byRule = new HashMap<>();
        rebates.forEach(e -> byRule.put(e.rule().name(), e.amount().amountString()));
        assertEquals(Map.of("Rule rebate-retro", "1800.00", "Rule rebate-marginal", "1200.00"), byRule);
        assertTrue(rebates.stream().allMatch(e -> e.kind().equals("volume_rebate") && e.source().kind().equals("period")
                && e.source().period().equals(year + "-Q1") && e.bookingPeriod().equals(year + "-Q1")));
        // idempotent: a second close publishes nothing and returns the first result
        JsonPath again = close(year + "-Q1");
        assertEquals(true, again.getBoolean("alreadyClosed"));
        assertEquals(first.getList("settlements").size(), again.getList("settlements").size());
        assertEquals(2, settledCount(p, 2));
        given().header("Authorization", partnerBearer("u", id())).queryParam("period", year + "-Q1")
                .get("/partners/" + p + "/estimates").then().statusCode(404);
    }

    @Test
    void aRefundAfterTheCloseReSettlesThePeriodsRebateWithOneDeltaInTheNextOpenMonth() {
        int year = 2047;
        programOf(year, List.of(
                rule("rebate-retro", "volume_rebate", "rebate", Map.of("period", "quarter", "mode", "retroactive", "baseCurrency", "EUR", "bands", bands()))));
        String p = id();
        registerPartner(p, "distributor", "DE", "EUR", "gold");
        awaitPartner(p);
        DealContext d1 = deal(id(), "Resettle One", year + "-01-20T10:00:00Z", "DE", "new_business", List.of(line(1, "A", "cloud", "1", "20000.00", "EUR")));
        DealContext d2 = deal(id(), "Resettle Two", year + "-02-20T10:00:00Z", "DE", "new_business", List.of(line(1, "A", "cloud", "1", "40000.00", "EUR")));
        var a1 = attributed(d1, "first_touch", credit(p, "1.00000000", "sourced", List.of("resale"), d1, "1:20000.00"));
        var a2 = attributed(d2, "first_touch", credit(p, "1.00000000", "sourced", List.of("resale"), d2, "1:40000.00"));
        send(EventType.DEAL_ATTRIBUTED, a1);
        send(EventType.DEAL_ATTRIBUTED, a2);
        awaitRow("select 1 from attribution_event where deal_id = ?", d1.dealId());
        awaitRow("select 1 from attribution_event where deal_id = ?", d2.dealId());
        close(year + "-Q1");
        // 60,000 reaches the 3% band: 1,800.00
        EarningAccrued rebate = EventJson.readString(earnings(p, ACCRUED, 1).get(0).value(), EarningAccrued.class);
        assertEquals(Money.of("1800.00", "EUR"), rebate.amount());

        // a refund of 15,000 on deal two arrives after the close (inside the clawback window), twice (redelivery under a new id)
        var refund = reversed(a2, "refund", year + "-04-10T00:00:00Z", credit(p, "1.00000000", "sourced", List.of("resale"), d2, "1:-15000.00"));
        send(EventType.DEAL_ATTRIBUTION_REVERSED, refund);
        send(EventType.DEAL_ATTRIBUTION_REVERSED, refund);
        // 45,000 now sits in the 2% band: 900.00 -> ONE delta of -900.00, booked in the next open month, the closed quarter untouched
        List<EarningAdjusted> deltas = earnings(p, ADJUSTED, 1).stream().map(r -> EventJson.readString(r.value(), EarningAdjusted.class)).toList();
        EarningAdjusted d = deltas.get(0);
        assertEquals(Money.of("-900.00", "EUR"), d.amount());
        assertEquals("period_settlement", d.reason());
        assertEquals("volume_rebate", d.kind());
        assertEquals(rebate.earningId(), d.adjustsEarningId());
        assertEquals(year + "-04", d.bookingPeriod());
        assertEquals(year + "-Q1", d.source().period());
        assertTrue(d.explanation().summary().contains("was 1800.00 EUR"), d.explanation().summary());
        assertEquals(rebate.amount().plus(d.amount()), Money.of("900.00", "EUR"));
        assertEquals(2, settledCount(p, 2), "the accrual and one delta, nothing more under redelivery");
        assertEquals(1, count("select count(*) from earning where partner_id = ? and booking_period = ?", p, year + "-Q1"),
                "nothing booked in the closed quarter but its settlement");
    }

    @Test
    void acceleratorsAndCapsAreSettledByCloseTimeThenDealIdNeverByArrival() {
        int year = 2044;
        Map<String, Object> commission = rule("commission", "commission", "commission", Map.of("rates", List.of(rate("*", "*", "0.10", "0.10"))));
        commission.put("cap", Map.of("amount", "1300.00", "currency", "EUR"));
        commission.put("capPeriod", "month");
        programOf(year, List.of(commission,
                rule("accelerator", "accelerator", "accelerator", Map.of("period", "month", "commissionRuleKey", "commission",
                        "target", Map.of("amount", "10000.00", "currency", "EUR"), "multiplier", "1.5"))));
        String p = id();
        registerPartner(p, "reseller", "DE", "EUR", "gold");
        awaitPartner(p);
        DealContext d1 = deal(id(), "Early March", year + "-03-05T10:00:00Z", "DE", "new_business", List.of(line(1, "A", "cloud", "1", "8000.00", "EUR")));
        DealContext d2 = deal(id(), "Late March", year + "-03-10T10:00:00Z", "DE", "new_business", List.of(line(1, "A", "cloud", "1", "6000.00", "EUR")));
        // arrival order is the reverse of close order
        send(EventType.DEAL_ATTRIBUTED, attributed(d2, "first_touch", credit(p, "1.00000000", "sourced", List.of("resale"), d2, "1:6000.00")));
        earnings(p, ACCRUED, 1);
        send(EventType.DEAL_ATTRIBUTED, attributed(d1, "first_touch", credit(p, "1.00000000", "sourced", List.of("resale"), d1, "1:8000.00")));
        earnings(p, ACCRUED, 2); // 600.00 + 800.00 commission on arrival

        close(year + "-03");
        // accelerator: revenue above 10,000 is 4,000 of Late March's 6,000 -> 0.5 x 600.00 x 4000/6000 = 200.00
        EarningAccrued accel = EventJson.readString(earnings(p, ACCRUED, 1, v -> v.contains("\"accelerator\"")).get(0).value(), EarningAccrued.class);
        assertEquals(Money.of("200.00", "EUR"), accel.amount());
        // cap: 1,400.00 commission in March against a 1,300.00 cap -> -100.00, cut from the latest (Late March)
        EarningAdjusted cap = EventJson.readString(earnings(p, ADJUSTED, 1).get(0).value(), EarningAdjusted.class);
        assertEquals("period_settlement", cap.reason());
        assertEquals(Money.of("-100.00", "EUR"), cap.amount());
        String lateMarchEarning = EventJson.readString(earnings(p, ACCRUED, 1,
                v -> v.contains(d2.dealId()) && EventJson.readTree(v).get("kind").asText().equals("commission")).get(0).value(), EarningAccrued.class).earningId();
        assertEquals(lateMarchEarning, cap.adjustsEarningId());
        // a deal closing in the closed month afterwards is booked in the next open month
        DealContext d3 = deal(id(), "Straggler", year + "-03-20T10:00:00Z", "DE", "new_business", List.of(line(1, "A", "cloud", "1", "100.00", "EUR")));
        send(EventType.DEAL_ATTRIBUTED, attributed(d3, "first_touch", credit(p, "1.00000000", "sourced", List.of("resale"), d3, "1:100.00")));
        EarningAccrued late = EventJson.readString(earnings(p, ACCRUED, 1, v -> v.contains(d3.dealId())).get(0).value(), EarningAccrued.class);
        assertEquals(year + "-04", late.bookingPeriod());
    }

    @Test
    void mdfFlowsFromAllocationToReimbursementAndExpiresUnclaimedFundsAtClose() {
        int year = 2045;
        programOf(year, List.of(rule("mdf", "mdf_reimbursement", "mdf", Map.of("period", "quarter", "fixed", Map.of("amount", "5000.00", "currency", "EUR")))));
        String p = id();
        registerPartner(p, "reseller", "FR", "EUR", "gold");
        awaitPartner(p);
        String cm = staff();
        String fundId = given().header("Authorization", cm).contentType(ContentType.JSON).body(Map.of("partnerId", p, "period", year + "-Q1"))
                .post("/mdf/allocations").then().statusCode(200).body("$", hasSize(1)).body("[0].allocated", equalTo("5000.00"))
                .extract().path("[0].fundId");
        String partner = partnerBearer("u", p);
        given().header("Authorization", partner).contentType(ContentType.JSON)
                .body(Map.of("requestId", "r1", "amount", Map.of("amount", "3000.00", "currency", "EUR")))
                .post("/mdf/funds/" + fundId + "/requests").then().statusCode(200).body("availableToRequest", equalTo("2000.00"));
        given().header("Authorization", cm).contentType(ContentType.JSON).body(Map.of("amount", Map.of("amount", "2500.00", "currency", "EUR")))
                .post("/mdf/funds/" + fundId + "/requests/r1/approve").then().statusCode(200);
        // a blank deal id is refused with the field named, and nothing is written
        given().header("Authorization", partner).contentType(ContentType.JSON)
                .body(Map.of("claimId", "c1", "requestId", "r1", "amount", Map.of("amount", "2000.00", "currency", "EUR"), "proofRef", "invoice-77.pdf",
                        "dealIds", List.of("D-1", " ")))
                .post("/mdf/funds/" + fundId + "/claims").then().statusCode(400).contentType("application/problem+json")
                .body(org.hamcrest.Matchers.containsString("dealIds"));
        given().header("Authorization", partner).contentType(ContentType.JSON)
                .body(Map.of("claimId", "c1", "requestId", "r1", "amount", Map.of("amount", "2000.00", "currency", "EUR"), "proofRef", "invoice-77.pdf",
                        "dealIds", List.of("D-7", "D-3", "D-7")))
                .post("/mdf/funds/" + fundId + "/claims").then().statusCode(200);
        // more than the request has left is refused, nothing changes
        given().header("Authorization", partner).contentType(ContentType.JSON)
                .body(Map.of("claimId", "c2", "requestId", "r1", "amount", Map.of("amount", "600.00", "currency", "EUR"), "proofRef", "invoice-78.pdf"))
                .post("/mdf/funds/" + fundId + "/claims").then().statusCode(422).contentType("application/problem+json");
        given().header("Authorization", bearer("fin", "finance")).contentType(ContentType.JSON).body(Map.of())
                .post("/mdf/funds/" + fundId + "/claims/c1/approve").then().statusCode(200).body("reimbursed", equalTo("2000.00"));
        EarningAccrued reimbursement = EventJson.readString(earnings(p, ACCRUED, 1).get(0).value(), EarningAccrued.class);
        assertEquals("mdf_reimbursement", reimbursement.kind());
        assertEquals(Money.of("2000.00", "EUR"), reimbursement.amount());
        assertEquals("mdf_claim", reimbursement.source().kind());
        // the MDF facts for analytics' MDF ROI, on incentive.earnings under the partner's key, valid by the contract
        MdfAllocated allocated = EventJson.readString(mdfFacts(p, EventType.MDF_ALLOCATED, 1).get(0).value(), MdfAllocated.class);
        assertEquals(fundId, allocated.fundId());
        assertEquals(year + "-Q1", allocated.period());
        assertEquals(Money.of("5000.00", "EUR"), allocated.allocated());
        MdfClaimSubmitted submitted = EventJson.readString(mdfFacts(p, EventType.MDF_CLAIM_SUBMITTED, 1).get(0).value(), MdfClaimSubmitted.class);
        assertEquals(List.of("D-7", "D-3"), submitted.dealIds());
        assertEquals("r1", submitted.campaignId());
        assertEquals(Money.of("2000.00", "EUR"), submitted.claimed());
        MdfClaimApproved approved = EventJson.readString(mdfFacts(p, EventType.MDF_CLAIM_APPROVED, 1).get(0).value(), MdfClaimApproved.class);
        assertEquals("c1", approved.claimId());
        assertEquals(Money.of("2000.00", "EUR"), approved.reimbursed());
        assertEquals(List.of("D-3", "D-7"), approved.dealIds());
        // another partner cannot see or touch the fund
        given().header("Authorization", partnerBearer("u", id())).get("/mdf/funds/" + fundId).then().statusCode(404);
        given().header("Authorization", partnerBearer("u", id())).contentType(ContentType.JSON)
                .body(Map.of("requestId", "r9", "amount", Map.of("amount", "1.00", "currency", "EUR")))
                .post("/mdf/funds/" + fundId + "/requests").then().statusCode(404);
        // close: the unclaimed 3,000.00 expire; nothing can be requested any more
        close(year + "-Q1");
        given().header("Authorization", partner).get("/mdf/funds/" + fundId).then().statusCode(200)
                .body("status", equalTo("expired")).body("expired", equalTo("3000.00"));
        given().header("Authorization", partner).contentType(ContentType.JSON)
                .body(Map.of("requestId", "r2", "amount", Map.of("amount", "1.00", "currency", "EUR")))
                .post("/mdf/funds/" + fundId + "/requests").then().statusCode(409);
        assertEquals(4, settledCount(p, 4), "one earning and three MDF facts; the close publishes nothing more");
    }
}
