package io.partnerflow.partner;

import io.partnerflow.contracts.EventType;
import io.partnerflow.testing.TestSupport;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.partnerflow.partner.Api.cm;
import static io.partnerflow.partner.Api.count;
import static io.partnerflow.partner.Api.createPartner;
import static io.partnerflow.partner.Tiers.awaitApplied;
import static io.partnerflow.partner.Tiers.send;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The metric consumers against the real broker and database: dedupe, reversals, re-attribution, FX, poison. */
@QuarkusTest
class MetricsConsumerTest {
    static final Instant CLOSED = Instant.now().minus(Duration.ofDays(20));

    @BeforeEach
    void ladder() {
        Tiers.putLadder(30, false);
    }

    static io.restassured.response.ValidatableResponse metrics(String partnerId) {
        return cm().get("/partners/" + partnerId + "/tier-metrics").then().statusCode(200);
    }

    @Test
    void anAttributionDeliveredTwiceCountsOnceAndAReversalLowersTheMetric() throws Exception {
        String partner = createPartner();
        String deal = UUID.randomUUID().toString();
        String attribution = UUID.randomUUID().toString();
        String json = Tiers.attributed(attribution, deal, partner, "15000.00", "USD", CLOSED, "sourced");
        String eventId = UUID.randomUUID().toString();
        send(EventType.DEAL_ATTRIBUTED, deal, json, eventId);
        send(EventType.DEAL_ATTRIBUTED, deal, json, eventId); // redelivery
        // A later event on the same key: once applied, both copies before it have been seen.
        String reversal = send(EventType.DEAL_ATTRIBUTION_REVERSED, deal, Tiers.reversed(UUID.randomUUID().toString(),
                attribution, deal, partner, "15000.00", "-4000.00", "USD", CLOSED));
        awaitApplied(reversal);

        assertEquals(1, count("select count(*) from processed_event where consumer = 'partner-service' and event_id = ?", eventId));
        assertEquals(2, count("select count(*) from revenue_fact where deal_id = ?", deal), "one credit, one reversal");
        metrics(partner)
                .body("values.find { it.metric == 'ATTRIBUTED_REVENUE' }.value", equalTo("11000.00"))
                .body("values.find { it.metric == 'WON_DEALS' }.value", equalTo("1"))
                .body("values.find { it.metric == 'SOURCED_DEALS' }.value", equalTo("1"))
                .body("qualified.code", equalTo("silver"));

        // Reversing the rest takes the deal out of the won deals.
        String rest = send(EventType.DEAL_ATTRIBUTION_REVERSED, deal, Tiers.reversed(UUID.randomUUID().toString(),
                attribution, deal, partner, "11000.00", "-11000.00", "USD", CLOSED));
        awaitApplied(rest);
        metrics(partner)
                .body("values.find { it.metric == 'ATTRIBUTED_REVENUE' }.value", equalTo("0.00"))
                .body("values.find { it.metric == 'WON_DEALS' }.value", equalTo("0"))
                .body("qualified.code", equalTo("registered"));
    }

    @Test
    void aReattributionReplacesTheSupersededCreditsAndTheirReversals() {
        String partner = createPartner();
        String deal = UUID.randomUUID().toString();
        String first = UUID.randomUUID().toString();
        send(EventType.DEAL_ATTRIBUTED, deal, Tiers.attributed(first, deal, partner, "30000.00", "USD", CLOSED, "influenced"));
        send(EventType.DEAL_ATTRIBUTION_REVERSED, deal, Tiers.reversed(UUID.randomUUID().toString(), first, deal, partner,
                "30000.00", "-1000.00", "USD", CLOSED));
        String re = send(EventType.DEAL_REATTRIBUTED, deal, Tiers.reattributed(UUID.randomUUID().toString(), first, deal,
                partner, "12500.00", "USD", CLOSED));
        awaitApplied(re);
        metrics(partner).body("values.find { it.metric == 'ATTRIBUTED_REVENUE' }.value", equalTo("12500.00"))
                .body("values.find { it.metric == 'WON_DEALS' }.value", equalTo("1"))
                .body("values.find { it.metric == 'SOURCED_DEALS' }.value", equalTo("0"));
    }

    @Test
    void revenueInAnotherCurrencyWaitsVisiblyForItsRateThenConverts() {
        String partner = createPartner();
        String deal = UUID.randomUUID().toString();
        Instant closed = Instant.now().minus(Duration.ofDays(40));
        LocalDate closedOn = LocalDate.ofInstant(closed, ZoneOffset.UTC);
        String a = send(EventType.DEAL_ATTRIBUTED, deal, Tiers.attributed(UUID.randomUUID().toString(), deal, partner,
                "20000.00", "CHF", closed, "influenced"));
        awaitApplied(a);
        metrics(partner).body("missing", contains("FX rate CHF/USD on or before " + closedOn)).body("values", hasSize(0));
        Tiers.evaluate(partner).then().statusCode(200).body("outcome", equalTo("pending"))
                .body("missing[0]", equalTo("FX rate CHF/USD on or before " + closedOn));
        cm().get("/partners/" + partner + "/tier").then().statusCode(200)
                .body("evaluationStatus", equalTo("pending")).body("tier.code", equalTo("registered"));

        // A rate dated AFTER the close does not help (latest on or before, never a guess)…
        String later = send(EventType.FX_RATE_PUBLISHED, "CHF/USD", Tiers.fxRate("CHF", "USD", closedOn.plusDays(1),
                "1.20", Instant.now()));
        awaitApplied(later);
        metrics(partner).body("missing", hasSize(1));
        // …one dated before it does; a later publication for the same date replaces the earlier one.
        String early = send(EventType.FX_RATE_PUBLISHED, "CHF/USD", Tiers.fxRate("CHF", "USD", closedOn.minusDays(3),
                "1.10", Instant.now().minusSeconds(60)));
        String corrected = send(EventType.FX_RATE_PUBLISHED, "CHF/USD", Tiers.fxRate("CHF", "USD", closedOn.minusDays(3),
                "1.125", Instant.now()));
        String stale = send(EventType.FX_RATE_PUBLISHED, "CHF/USD", Tiers.fxRate("CHF", "USD", closedOn.minusDays(3),
                "9.99", Instant.now().minusSeconds(3600)));
        awaitApplied(early);
        awaitApplied(corrected);
        awaitApplied(stale);
        metrics(partner).body("missing", hasSize(0))
                .body("values.find { it.metric == 'ATTRIBUTED_REVENUE' }.value", equalTo("22500.00"));
        // The waiting evaluation completed by itself once the rate arrived.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                cm().get("/partners/" + partner + "/tier").then().body("evaluationStatus", equalTo("evaluated"))
                        .body("tier.code", equalTo("silver")));
        cm().get("/partners/" + partner + "/tier-history").then().body("reason", contains("initial", "promotion"))
                .body("[1].decidedBy", equalTo("tier-evaluation"));
        Tiers.evaluate(partner).then().statusCode(200).body("outcome", equalTo("unchanged"));
    }

    @Test
    void approvedRegistrationsAndCertificationsCount() {
        String partner = createPartner();
        String r1 = UUID.randomUUID().toString();
        send(EventType.DEAL_REGISTRATION_APPROVED, r1, Tiers.registrationApproved(r1, partner, CLOSED));
        String r2 = UUID.randomUUID().toString();
        String id = send(EventType.DEAL_REGISTRATION_APPROVED, r2, Tiers.registrationApproved(r2, partner, CLOSED));
        send(EventType.DEAL_REGISTRATION_APPROVED, r2, Tiers.registrationApproved(r2, partner, CLOSED)); // another delivery id, same registration
        awaitApplied(id);
        Tiers.certify(partner, "person-a", Instant.now().minus(Duration.ofDays(3)));
        Tiers.certify(partner, "person-b", Instant.now().minus(Duration.ofDays(2)));
        cm().body(Map.of("personId", "person-a", "certificationCode", "sales", "certificationName", "Sales",
                "completedAt", Instant.now().minus(Duration.ofDays(2)).toString()))
                .post("/partners/" + partner + "/certifications").then().statusCode(201);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> metrics(partner)
                .body("values.find { it.metric == 'APPROVED_REGISTRATIONS' }.value", equalTo("2")));
        metrics(partner).body("values.find { it.metric == 'CERTIFIED_PEOPLE' }.value", equalTo("2"));
    }

    @Test
    void aPoisonAttributionIsDeadLetteredWithItsReasonAndTheNextOneIsApplied() {
        String partner = createPartner();
        String deal = UUID.randomUUID().toString();
        String someone = UUID.randomUUID().toString();
        String poison = send(EventType.DEAL_ATTRIBUTED, deal, Tiers.attributed(UUID.randomUUID().toString(), deal,
                someone, "100.00", "USD", CLOSED, "sourced").replace(someone, "nope"));
        String good = send(EventType.DEAL_ATTRIBUTED, deal, Tiers.attributed(UUID.randomUUID().toString(), deal, partner,
                "100.00", "USD", CLOSED, "sourced"));
        awaitApplied(good);
        List<ConsumerRecord<String, String>> dead = TestSupport.await("attribution.events.dlq.partner-service",
                r -> poison.equals(TestSupport.header(r, "ce_id")), 1, Duration.ofSeconds(30));
        assertEquals(1, dead.size());
        assertTrue(TestSupport.header(dead.get(0), "dead-letter-reason").contains("not a UUID"),
                TestSupport.header(dead.get(0), "dead-letter-reason"));
        assertEquals("attribution.events", TestSupport.header(dead.get(0), "dead-letter-topic"));
        metrics(partner).body("values.find { it.metric == 'ATTRIBUTED_REVENUE' }.value", equalTo("100.00"));
    }

    /**
     * Issue #16: 133 attribution events in ONE poll, applied together (one INSERT per table for the poll, bisected
     * when a record fails) — with an event redelivered inside the poll, a re-attribution of an earlier deal of the
     * same poll, and a poison record: each fact once, the supersession kept, the poison alone in the dead-letter topic.
     */
    @Test
    void aPollOfMoreAttributionsThanOneChunkCountsEachOnceAndDeadLettersOnlyItsPoison() throws Exception {
        String partner = createPartner();
        String other = createPartner();
        String key = "poll-" + UUID.randomUUID(); // one key: one partition, so one poll in this order
        List<TestSupport.Produced> poll = new ArrayList<>();
        String poison = UUID.randomUUID().toString();
        String reattribution = UUID.randomUUID().toString();
        String last = null;
        for (int i = 0; i < 130; i++) {
            String deal = UUID.randomUUID().toString();
            String attribution = UUID.randomUUID().toString();
            String json = Tiers.attributed(attribution, deal, partner, "100.00", "USD", CLOSED, "influenced");
            last = UUID.randomUUID().toString();
            poll.add(Tiers.produced(EventType.DEAL_ATTRIBUTED, key, json, last));
            if (i == 10) {
                poll.add(Tiers.produced(EventType.DEAL_ATTRIBUTED, key, json, last)); // redelivered within the poll
            }
            if (i == 20) {
                poll.add(Tiers.produced(EventType.DEAL_REATTRIBUTED, key, Tiers.reattributed(reattribution, attribution,
                        deal, other, "100.00", "USD", CLOSED), UUID.randomUUID().toString()));
            }
            if (i == 60) {
                String someone = UUID.randomUUID().toString();
                poll.add(Tiers.produced(EventType.DEAL_ATTRIBUTED, key, Tiers.attributed(UUID.randomUUID().toString(),
                        deal, someone, "100.00", "USD", CLOSED, "sourced").replace(someone, "nope"), poison));
            }
        }
        TestSupport.sendTogether(poll);
        awaitApplied(last);

        assertEquals(130, count("select count(*) from revenue_fact where partner_id = cast(? as uuid)", partner));
        assertEquals(1, count("select count(*) from revenue_fact where partner_id = cast(? as uuid)", other));
        assertEquals(1, count("select count(*) from attribution_supersession where superseded_by = ?", reattribution));
        assertEquals(0, count("select count(*) from processed_event where event_id = ?", poison));
        List<ConsumerRecord<String, String>> dead = TestSupport.await("attribution.events.dlq.partner-service",
                r -> poison.equals(TestSupport.header(r, "ce_id")), 1, Duration.ofSeconds(30));
        assertEquals(1, dead.size());
        metrics(partner).body("values.find { it.metric == 'ATTRIBUTED_REVENUE' }.value", equalTo("12900.00")); // one superseded
        metrics(other).body("values.find { it.metric == 'ATTRIBUTED_REVENUE' }.value", equalTo("100.00"));
    }

    @Test
    void theLadderIsVersionedValidatedAndAudited() throws Exception {
        int v = Tiers.putLadder(14, false);
        cm().get("/tier-ladder").then().statusCode(200).body("version", equalTo(v)).body("demotionGraceDays", equalTo(14))
                .body("tiers.code", contains("registered", "silver", "gold", "platinum"))
                .body("tiers[2].benefits.code", hasItem("mdf_eligible"))
                .body("tiers[1].criteria[0].threshold", equalTo("10000.00"));
        cm().get("/tier-ladder/versions/" + v).then().statusCode(200).body("version", equalTo(v));
        cm().get("/tier-ladder/audit").then().statusCode(200)
                .body("find { it.version == " + v + " }.changedBy", equalTo("admin-1"))
                .body("find { it.version == " + v + " }.after.demotionGraceDays", equalTo(14))
                .body("find { it.version == " + v + " }.before.demotionGraceDays", equalTo(30));

        long versions = count("select count(*) from tier_ladder_version");
        Map<String, Object> bad = new java.util.HashMap<>(Tiers.ladder(10, false));
        bad.put("tiers", List.of(
                Map.of("code", "registered", "name", "Registered", "rank", 0),
                Map.of("code", "silver", "name", "Silver", "rank", 1, "criteria", List.of(Tiers.revenue("50000.00"))),
                Map.of("code", "gold", "name", "Gold", "rank", 2, "criteria", List.of(Tiers.revenue("10000.00")))));
        Api.admin().body(bad).put("/tier-ladder").then().statusCode(422).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("not monotone"));
        assertEquals(versions, count("select count(*) from tier_ladder_version"), "a refused ladder writes nothing");
        io.restassured.RestAssured.given().header("Authorization", TestSupport.bearer("fin", "finance"))
                .contentType("application/json").body(Tiers.ladder(1, false)).put("/tier-ladder").then().statusCode(403);
    }
}
