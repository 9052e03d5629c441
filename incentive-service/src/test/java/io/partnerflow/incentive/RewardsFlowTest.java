package io.partnerflow.incentive;

import io.partnerflow.contracts.ContractValidator;
import io.partnerflow.contracts.EventJson;
import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.attribution.DealContext;
import io.partnerflow.contracts.incentive.EarningAccrued;
import io.partnerflow.contracts.reference.FxRatePublished;
import io.partnerflow.core.money.Money;
import io.partnerflow.testing.TestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.partnerflow.incentive.Fixtures.*;
import static io.partnerflow.testing.TestSupport.partnerBearer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Referral bounty, SPIFF, training and activity rewards: golden amounts to the cent, once each. */
@QuarkusTest
class RewardsFlowTest {

    static Map<String, Object> rule(String key, String kind, String section, Object body, Map<String, Object> eligibility) {
        Map<String, Object> r = new HashMap<>();
        r.put("key", key);
        r.put("name", "Rule " + key);
        r.put("kind", kind);
        r.put(section, body);
        if (eligibility != null) {
            r.put("eligibility", eligibility);
        }
        return r;
    }

    static void programOf(int year, List<Map<String, Object>> rules) {
        Map<String, Object> p = new HashMap<>();
        p.put("code", "rewards-" + year + "-" + id().substring(0, 8));
        p.put("name", "Rewards " + year);
        p.put("effectiveFrom", year + "-01-01T00:00:00Z");
        p.put("effectiveTo", (year + 1) + "-01-01T00:00:00Z");
        p.put("rules", rules);
        program(p);
    }

    static Map<String, String> money(String amount, String ccy) {
        return Map.of("amount", amount, "currency", ccy);
    }

    @Test
    void referralBountiesPayTheSourcingReferrerFixedOrAPercentage() {
        int year = 2038;
        programOf(year, List.of(
                rule("bounty-fixed", "referral_bounty", "bounty", Map.of("fixed", money("250.00", "EUR")), Map.of("partnerTypes", List.of("referral"))),
                rule("bounty-pct", "referral_bounty", "bounty", Map.of("percent", "0.025"), Map.of("partnerTypes", List.of("agent")))));
        String referrer = id();
        String agent = id();
        String influencer = id();
        registerPartner(referrer, "referral", "US", "USD", "registered");
        registerPartner(agent, "agent", "DE", "EUR", "registered");
        registerPartner(influencer, "referral", "DE", "EUR", "registered");
        awaitPartner(referrer);
        awaitPartner(agent);
        awaitPartner(influencer);
        fxRate("EUR", "USD", year + "-02-01", "1.0877");

        DealContext d1 = deal(id(), "Bounty One", year + "-02-10T10:00:00Z", "DE", "new_business", List.of(line(1, "A", "cloud", "1", "9000.00", "EUR")));
        send(EventType.DEAL_ATTRIBUTED, attributed(d1, "position_based",
                credit(referrer, "0.60000000", "sourced", List.of("referral"), d1, "1:5400.00"),
                credit(influencer, "0.40000000", "influenced", List.of("referral"), d1, "1:3600.00")));
        EarningAccrued fixed = EventJson.readString(earnings(referrer, ACCRUED, 1).get(0).value(), EarningAccrued.class);
        assertEquals("referral_bounty", fixed.kind());
        assertEquals(Money.of("271.92", "USD"), fixed.amount()); // 250.00 EUR x 1.0877 = 271.925 -> HALF_EVEN 271.92
        assertEquals(Money.of("250.00", "EUR"), fixed.originalAmount());
        assertTrue(fixed.explanation().summary().startsWith("Referral bounty of 250.00 EUR for sourcing deal Bounty One"), fixed.explanation().summary());
        assertEquals(0, earnings(influencer, ACCRUED, 0).size());

        // percentage: 2.5% of the deal's 10,000.00 EUR = 250.00 EUR, to the agent who sourced it through a referral
        DealContext d2 = deal(id(), "Bounty Two", year + "-03-10T10:00:00Z", "DE", "new_business",
                List.of(line(1, "A", "cloud", "1", "6000.00", "EUR"), line(2, "B", "services", "1", "4000.00", "EUR")));
        send(EventType.DEAL_ATTRIBUTED, attributed(d2, "first_touch", credit(agent, "1.00000000", "sourced", List.of("referral", "demo"), d2, "1:6000.00", "2:4000.00")));
        EarningAccrued pct = EventJson.readString(earnings(agent, ACCRUED, 1).get(0).value(), EarningAccrued.class);
        assertEquals(Money.of("250.00", "EUR"), pct.amount());
        // sourced without a referral touch: no bounty
        DealContext d3 = deal(id(), "No Referral", year + "-03-11T10:00:00Z", "DE", "new_business", List.of(line(1, "A", "cloud", "1", "100.00", "EUR")));
        send(EventType.DEAL_ATTRIBUTED, attributed(d3, "first_touch", credit(agent, "1.00000000", "sourced", List.of("deal_registration"), d3, "1:100.00")));
        assertEquals(1, settledCount(agent, 1));
    }

    @Test
    void spiffsPayPerQualifyingDealOrPerCreditedUnitInsideTheirWindow() {
        int year = 2039;
        programOf(year, List.of(
                rule("spiff-deal", "spiff", "spiff", Map.of("from", year + "-03-01T00:00:00Z", "to", year + "-04-01T00:00:00Z",
                        "perDeal", money("100.00", "EUR")), Map.of("sourcedOnly", true)),
                rule("spiff-unit", "spiff", "spiff", Map.of("from", year + "-03-01T00:00:00Z", "to", year + "-04-01T00:00:00Z",
                        "skus", List.of("EDGE-BOX"), "perUnit", money("7.50", "EUR")), null)));
        String a = id();
        String b = id();
        registerPartner(a, "reseller", "DE", "EUR", "registered");
        registerPartner(b, "reseller", "DE", "EUR", "registered");
        awaitPartner(a);
        awaitPartner(b);
        DealContext in = deal(id(), "Edge Rollout", year + "-03-15T10:00:00Z", "DE", "new_business",
                List.of(line(1, "EDGE-BOX", "hardware", "10", "3000.00", "EUR"), line(2, "CLOUD", "cloud", "1", "1000.00", "EUR")));
        send(EventType.DEAL_ATTRIBUTED, attributed(in, "linear",
                credit(a, "0.50000000", "sourced", List.of("referral"), in, "1:1500.00", "2:500.00"),
                credit(b, "0.50000000", "influenced", List.of("demo"), in, "1:1500.00", "2:500.00")));
        // a: 100.00 per deal (sourced) + 5 credited units x 7.50 = 37.50 ; b: 37.50 only
        List<EarningAccrued> ofA = earnings(a, ACCRUED, 2).stream().map(r -> EventJson.readString(r.value(), EarningAccrued.class)).toList();
        assertEquals(Money.of("137.50", "EUR"), ofA.stream().map(EarningAccrued::amount).reduce(Money.zero("EUR"), Money::plus));
        EarningAccrued ofB = EventJson.readString(earnings(b, ACCRUED, 1).get(0).value(), EarningAccrued.class);
        assertEquals(Money.of("37.50", "EUR"), ofB.amount());
        assertTrue(ofB.explanation().summary().startsWith("SPIFF of 7.50 EUR per unit on 5 credited units of EDGE-BOX"), ofB.explanation().summary());
        // closed after the window: nothing
        DealContext out = deal(id(), "Too Late", year + "-04-01T00:00:00Z", "DE", "new_business", List.of(line(1, "EDGE-BOX", "hardware", "1", "300.00", "EUR")));
        send(EventType.DEAL_ATTRIBUTED, attributed(out, "first_touch", credit(b, "1.00000000", "sourced", List.of("referral"), out, "1:300.00")));
        assertEquals(1, settledCount(b, 1));
    }

    @Test
    void trainingRewardsPayOncePerPersonAndCertification() {
        int year = 2040;
        programOf(year, List.of(rule("training", "training_reward", "training",
                Map.of("certificationCodes", List.of("platform-admin"), "amount", money("300.00", "EUR")), null)));
        String p = id();
        registerPartner(p, "msp", "GB", "GBP", "registered");
        awaitPartner(p);
        fxRate("EUR", "GBP", year + "-01-01", "0.8555");
        String cert = id();
        certification(p, cert, "platform-admin", "person-1", year + "-05-05T10:00:00Z");
        EarningAccrued e = EventJson.readString(earnings(p, ACCRUED, 1).get(0).value(), EarningAccrued.class);
        assertEquals("training_reward", e.kind());
        assertEquals(Money.of("256.65", "GBP"), e.amount()); // 300.00 x 0.8555
        assertEquals("certification", e.source().kind());
        assertEquals("person-1", e.source().personId());
        // the same person certified again, and a certification the rule does not reward: nothing more
        certification(p, id(), "platform-admin", "person-1", year + "-08-05T10:00:00Z");
        certification(p, id(), "sales-basics", "person-2", year + "-08-05T10:00:00Z");
        // another person: a second reward — delivered twice with the same event id (redelivery): still one
        var third = new io.partnerflow.contracts.partner.PartnerCertificationCompleted(p, id(), "platform-admin", "Platform admin",
                "professional", "person-2", "Person 2", java.time.Instant.parse(year + "-09-05T10:00:00Z"), null, "lms");
        String eventId = id();
        send(EventType.PARTNER_CERTIFICATION_COMPLETED.topic(), p, EventType.PARTNER_CERTIFICATION_COMPLETED, third, eventId);
        send(EventType.PARTNER_CERTIFICATION_COMPLETED.topic(), p, EventType.PARTNER_CERTIFICATION_COMPLETED, third, eventId);
        earnings(p, ACCRUED, 2);
        assertEquals(2, settledCount(p, 2));
        assertEquals(1, count("select count(*) from partner_certification where certification_id = ?", third.certificationId()));
    }

    @Test
    void activityRewardsAreFixedOrTieredAndNeedTheScoreThreshold() {
        int year = 2041;
        programOf(year, List.of(
                rule("go-live", "activity_reward", "activity", Map.of("activityTypes", List.of("implementation_go_live"), "amount", money("500.00", "EUR")), null),
                rule("csat", "activity_reward", "activity", Map.of("activityTypes", List.of("satisfaction_score"), "minScore", "9",
                        "amountsByTier", Map.of("gold", money("200.00", "EUR"), "*", money("100.00", "EUR"))), null)));
        String p = id();
        registerPartner(p, "reseller", "DE", "EUR", "silver");
        tierChanged(p, "silver", "gold", "Gold", 2, year + "-06-01T00:00:00Z");
        awaitTier(p, "gold");
        String cm = staff();
        Map<String, Object> goLive = Map.of("activityId", "golive-" + p, "type", "implementation_go_live", "occurredAt", year + "-03-01T00:00:00Z",
                "description", "Acme go-live");
        given().header("Authorization", cm).contentType(ContentType.JSON).body(goLive).post("/partners/" + p + "/activities").then().statusCode(201);
        given().header("Authorization", cm).contentType(ContentType.JSON).body(goLive).post("/partners/" + p + "/activities").then().statusCode(201);
        post(cm, p, Map.of("type", "satisfaction_score", "occurredAt", year + "-04-01T00:00:00Z", "score", "8.5"));   // below 9: nothing
        post(cm, p, Map.of("type", "satisfaction_score", "occurredAt", year + "-05-01T00:00:00Z", "score", "9"));     // silver: 100.00
        post(cm, p, Map.of("type", "satisfaction_score", "occurredAt", year + "-07-01T00:00:00Z", "score", "9.6"));   // gold: 200.00
        List<EarningAccrued> all = earnings(p, ACCRUED, 3).stream().map(r -> EventJson.readString(r.value(), EarningAccrued.class)).toList();
        assertEquals(List.of("100.00", "200.00", "500.00"), all.stream().map(e -> e.amount().amountString()).sorted().toList());
        assertTrue(all.stream().allMatch(e -> e.kind().equals("activity_reward") && e.source().kind().equals("activity")));
        assertTrue(all.stream().anyMatch(e -> e.explanation().summary().equals("Activity reward of 200.00 EUR (Gold rate) for a satisfaction score of 9.6")),
                all.stream().map(e -> e.explanation().summary()).toList().toString());
        assertEquals(3, settledCount(p, 3));
        // bad input: nothing written
        given().header("Authorization", cm).contentType(ContentType.JSON).body(Map.of("type", "satisfaction_score", "occurredAt", year + "-07-01T00:00:00Z"))
                .post("/partners/" + p + "/activities").then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", cm).contentType(ContentType.JSON).body(Map.of("type", "webinar", "occurredAt", year + "-07-01T00:00:00Z"))
                .post("/partners/" + p + "/activities").then().statusCode(400);
        assertEquals(4, count("select count(*) from partner_activity where partner_id = ?", p));
        // a partner sees its own activities, never another's; it cannot report
        given().header("Authorization", partnerBearer("u", p)).get("/partners/" + p + "/activities").then().statusCode(200).body("size()", equalTo(4));
        given().header("Authorization", partnerBearer("u", id())).get("/partners/" + p + "/activities").then().statusCode(404);
        given().header("Authorization", partnerBearer("u", p)).contentType(ContentType.JSON).body(goLive).post("/partners/" + p + "/activities").then().statusCode(403);
    }

    static void post(String token, String partnerId, Map<String, Object> body) {
        given().header("Authorization", token).contentType(ContentType.JSON).body(body).post("/partners/" + partnerId + "/activities").then().statusCode(201);
    }

    @Test
    void eachFxRateIsPublishedOnReferenceEventsKeyedByPair() {
        fxRate("CHF", "JPY", "2041-02-03", "171.25");
        List<ConsumerRecord<String, String>> out = TestSupport.await("reference.events",
                r -> "CHF/JPY".equals(r.key()) && r.value().contains("2041-02-03"), 1, Duration.ofSeconds(30));
        assertEquals(1, out.size());
        assertEquals(List.of(), ContractValidator.validate(EventType.FX_RATE_PUBLISHED, out.get(0).value()));
        FxRatePublished r = EventJson.readString(out.get(0).value(), FxRatePublished.class);
        assertEquals(0, new BigDecimal("171.25").compareTo(r.rate()));
        assertEquals("fin-tests", r.publishedBy());
        given().header("Authorization", staff()).queryParam("from", "CHF").queryParam("to", "JPY").queryParam("date", "2041-12-31")
                .get("/fx-rates").then().statusCode(200).body("rate", equalTo("171.25")).body("date", equalTo("2041-02-03"));
        given().header("Authorization", staff()).queryParam("from", "CHF").queryParam("to", "JPY").queryParam("date", "2041-02-02")
                .get("/fx-rates").then().statusCode(404);
        given().header("Authorization", TestSupport.bearer("fin", "finance")).contentType(ContentType.JSON)
                .body(Map.of("from", "CHF", "to", "JPY", "date", "2041-02-03", "rate", "-1")).post("/fx-rates").then().statusCode(400);
    }
}
