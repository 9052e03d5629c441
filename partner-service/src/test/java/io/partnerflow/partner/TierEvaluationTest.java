package io.partnerflow.partner;

import com.fasterxml.jackson.databind.JsonNode;
import io.partnerflow.contracts.EventJson;
import io.partnerflow.contracts.EventType;
import io.partnerflow.partner.application.TierEvaluationJob;
import io.partnerflow.partner.application.TierService;
import io.partnerflow.platform.time.AdjustableClock;
import io.partnerflow.testing.TestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.partnerflow.partner.Api.cm;
import static io.partnerflow.partner.Api.createPartner;
import static io.partnerflow.partner.Tiers.awaitApplied;
import static io.partnerflow.partner.Tiers.evaluate;
import static io.partnerflow.partner.Tiers.send;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tier evaluation end to end in the service: real facts from Kafka, real PostgreSQL, events on partner.events. */
@QuarkusTest
class TierEvaluationTest {
    static final String TIER_CHANGED = "partnerflow.partner.tier-changed.v1";

    @Inject
    AdjustableClock clock;
    @Inject
    TierEvaluationJob job;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** Credits {@code deals} won deals of {@code each} USD closed {@code daysAgo} days ago; returns the attribution ids. */
    static List<String> credit(String partner, int deals, String each, int daysAgo) {
        Instant closed = Instant.now().minus(Duration.ofDays(daysAgo));
        List<String> attributions = new java.util.ArrayList<>();
        List<String> events = new java.util.ArrayList<>();
        for (int i = 0; i < deals; i++) {
            String deal = UUID.randomUUID().toString();
            String attribution = UUID.randomUUID().toString();
            attributions.add(deal + "|" + attribution);
            events.add(send(EventType.DEAL_ATTRIBUTED, deal, Tiers.attributed(attribution, deal, partner, each, "USD", closed,
                    "sourced")));
        }
        events.forEach(Tiers::awaitApplied); // keyed by deal: different partitions, applied in no set order
        return attributions;
    }

    @Test
    void promotesStraightToTheHighestTierWhoseCriteriaAreAllMetAndPublishesTheDecidingMetrics() {
        Tiers.putLadder(30, false);
        String p = createPartner();
        cm().get("/partners/" + p).then().body("tier", equalTo("registered"));
        credit(p, 3, "20000.00", 10);
        Tiers.certify(p, "person-1", Instant.now().minus(Duration.ofDays(5)));

        evaluate(p).then().statusCode(200).body("outcome", equalTo("promoted"))
                .body("from.code", equalTo("registered")).body("to.code", equalTo("gold"))
                .body("metrics.name", hasItem("trailing_attributed_revenue"));
        cm().get("/partners/" + p).then().body("tier", equalTo("gold"));
        cm().queryParam("tier", "gold").queryParam("size", 500).get("/partners").then().statusCode(200)
                .body("items.id", hasItem(p)).body("items.tier", org.hamcrest.Matchers.everyItem(equalTo("gold")));
        cm().get("/partners/" + p + "/tier").then().statusCode(200).body("tier.code", equalTo("gold"))
                .body("benefits.code", hasItem("mdf_eligible"));
        // Evaluating again changes nothing.
        evaluate(p).then().statusCode(200).body("outcome", equalTo("unchanged"));

        List<ConsumerRecord<String, String>> events = Api.events(p, TIER_CHANGED, 2);
        JsonNode initial = EventJson.readTree(events.get(0).value());
        assertEquals("initial", initial.get("reason").asText());
        JsonNode promo = EventJson.readTree(events.get(1).value());
        assertEquals("promotion", promo.get("reason").asText());
        assertEquals("registered", promo.get("from").get("code").asText());
        assertEquals(2, promo.get("to").get("rank").asInt());
        // Effective at the start of the evaluation date, but never before the partner's previous change (its
        // registration today).
        Instant startOfDay = LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant initialAt = Instant.parse(initial.get("effectiveAt").asText());
        assertEquals((initialAt.isAfter(startOfDay) ? initialAt : startOfDay).toString(), promo.get("effectiveAt").asText());
        JsonNode revenue = promo.get("metrics").get(0);
        assertEquals("trailing_attributed_revenue", revenue.get("name").asText());
        assertEquals("60000.00", revenue.get("value").asText());
        assertEquals("50000.00", revenue.get("threshold").asText());
        assertEquals("USD", revenue.get("unit").asText());
        assertTrue(revenue.get("met").asBoolean());
        assertEquals("registration_protection_days", promo.get("benefits").get(0).get("code").asText());
        assertEquals("90", promo.get("benefits").get(0).get("value").asText());
    }

    /** Issue #19: a ladder of its own for technology partners; a past-date evaluation records and publishes a backdated change. */
    @Test
    void aPartnerTypeHasItsOwnLadderAndAPastDateEvaluationRecordsABackdatedChange() throws Exception {
        Tiers.putLadder(30, false); // the default ladder (Registered < Silver < Gold < Platinum)
        long versions = Api.count("select count(*) from tier_ladder_version");
        Api.admin().queryParam("partnerType", "martian").body(Tiers.ladder(30, false)).put("/tier-ladder").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("partnerType"));
        assertEquals(versions, Api.count("select count(*) from tier_ladder_version"), "a rejected ladder writes nothing");
        Api.admin().queryParam("partnerType", "agent").get("/tier-ladder").then().statusCode(404);

        Instant now = Instant.now();
        clock.setInstant(now.minus(Duration.ofDays(60)));
        Map<String, Object> techLadder = Map.of("demotionGraceDays", 30, "promotionRequiresApproval", false, "tiers", List.of(
                Map.of("code", "member", "name", "Member", "rank", 0),
                Map.of("code", "elite", "name", "Elite", "rank", 1, "criteria", List.of(Tiers.revenue("1000.00"), Tiers.won(1)))));
        String techLadderId = Api.admin().queryParam("partnerType", "technology").body(techLadder).put("/tier-ladder").then()
                .statusCode(200).body("partnerType", equalTo("technology")).extract().path("ladderId");
        Map<String, Object> body = Api.partnerBody("Tech " + UUID.randomUUID());
        body.put("type", "TECHNOLOGY");
        String tech = createPartner(body);
        clock.reset();
        String reseller = createPartner();
        cm().get("/partners/" + tech).then().body("tier", equalTo("member"));
        cm().get("/partners/" + reseller).then().body("tier", equalTo("registered"));
        Api.admin().queryParam("partnerType", "TECHNOLOGY").get("/tier-ladder").then().statusCode(200)
                .body("ladderId", equalTo(techLadderId)).body("tiers.code", contains("member", "elite"));

        credit(tech, 1, "1500.00", 40);
        LocalDate asOf = LocalDate.now(ZoneOffset.UTC).minusDays(30);
        cm().body(Map.of("asOf", asOf.toString())).post("/partners/" + tech + "/tier-evaluations").then().statusCode(200)
                .body("outcome", equalTo("promoted")).body("to.code", equalTo("elite"));
        Instant effective = asOf.atStartOfDay(ZoneOffset.UTC).toInstant();
        cm().queryParam("at", effective.minusSeconds(1).toString()).get("/partners/" + tech + "/tier-history/at").then().statusCode(200)
                .body("to.code", equalTo("member"));
        cm().queryParam("at", effective.toString()).get("/partners/" + tech + "/tier-history/at").then().statusCode(200).body("to.code", equalTo("elite"));

        JsonNode change = EventJson.readTree(Api.events(tech, TIER_CHANGED, 2).get(1).value());
        assertEquals(effective.toString(), change.get("effectiveAt").asText(), "effective at the evaluated date, in the past");
        assertTrue(Instant.parse(change.get("decidedAt").asText()).isAfter(now.minusSeconds(1)), "decided now");
        assertEquals("promotion", change.get("reason").asText());
        assertEquals(techLadderId, change.get("ladderId").asText());
        // a late evaluation before that change: evaluated against the history at that date; the promotion is
        // recorded effective then and published, the later change (and today's tier) stand
        LocalDate earlier = asOf.minusDays(5);
        Instant earlierAt = earlier.atStartOfDay(ZoneOffset.UTC).toInstant();
        cm().body(Map.of("asOf", earlier.toString())).post("/partners/" + tech + "/tier-evaluations").then().statusCode(200)
                .body("outcome", equalTo("promoted")).body("from.code", equalTo("member")).body("to.code", equalTo("elite"));
        JsonNode late = EventJson.readTree(Api.events(tech, TIER_CHANGED, 3).get(2).value());
        assertEquals(earlierAt.toString(), late.get("effectiveAt").asText());
        assertEquals("promotion", late.get("reason").asText());
        assertTrue(Instant.parse(late.get("decidedAt").asText()).isAfter(now.minusSeconds(1)), "decided now");
        cm().queryParam("at", earlierAt.toString()).get("/partners/" + tech + "/tier-history/at").then().statusCode(200)
                .body("to.code", equalTo("elite"));
        cm().get("/partners/" + tech + "/tier").then().body("tier.code", equalTo("elite"))
                .body("since", equalTo(effective.toString()));
        // before the deal closed nothing qualifies: unchanged; before the partner had a tier: 409; nothing written
        cm().body(Map.of("asOf", LocalDate.now(ZoneOffset.UTC).minusDays(45).toString())).post("/partners/" + tech + "/tier-evaluations")
                .then().statusCode(200).body("outcome", equalTo("unchanged"));
        cm().body(Map.of("asOf", LocalDate.now(ZoneOffset.UTC).minusDays(70).toString())).post("/partners/" + tech + "/tier-evaluations")
                .then().statusCode(409).contentType("application/problem+json");
        assertEquals(3, Api.count("select count(*) from partner_tier_history where partner_id = cast(? as uuid)", tech));
    }

    @Test
    void demotesOnlyAfterFailingForTheWholeGracePeriodAndAnswersWhichTierOnAnyDate() {
        Tiers.putLadder(30, false);
        String p = createPartner();
        List<String> deals = credit(p, 2, "8000.00", 5);
        evaluate(p).then().body("outcome", equalTo("promoted")).body("to.code", equalTo("silver"));
        Instant registeredAt = Instant.parse(cm().get("/partners/" + p + "/tier-history").then().extract().path("[0].effectiveAt"));
        Instant promotedAt = Instant.parse(cm().get("/partners/" + p + "/tier-history").then().extract().path("[1].effectiveAt"));

        // A refund takes revenue under Silver's 10000.00: failing, but within grace.
        String[] first = deals.get(0).split("\\|");
        String refund = send(EventType.DEAL_ATTRIBUTION_REVERSED, first[0], Tiers.reversed(UUID.randomUUID().toString(),
                first[1], first[0], p, "8000.00", "-7000.00", "USD", Instant.now().minus(Duration.ofDays(5))));
        awaitApplied(refund);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        evaluate(p).then().body("outcome", equalTo("unchanged")).body("failingSince", equalTo(today.toString()))
                .body("qualified.code", equalTo("registered"));
        cm().get("/partners/" + p + "/tier").then().body("tier.code", equalTo("silver"))
                .body("demotionDueOn", equalTo(today.plusDays(30).toString()));

        clock.advance(Duration.ofDays(29));
        evaluate(p).then().body("outcome", equalTo("unchanged")).body("failingSince", equalTo(today.toString()));
        clock.advance(Duration.ofDays(1));
        evaluate(p).then().body("outcome", equalTo("demoted")).body("to.code", equalTo("registered"));
        Instant demotedAt = today.plusDays(30).atStartOfDay(ZoneOffset.UTC).toInstant();

        JsonNode demotion = EventJson.readTree(Api.events(p, TIER_CHANGED, 3).get(2).value());
        assertEquals("demotion", demotion.get("reason").asText());
        assertEquals(demotedAt.toString(), demotion.get("effectiveAt").asText());
        assertTrue(demotion.get("metrics").findValues("met").stream().anyMatch(m -> !m.asBoolean()));

        // Which tier on which date.
        cm().get("/partners/" + p + "/tier-history").then().statusCode(200)
                .body("to.code", contains("registered", "silver", "registered"))
                .body("reason", contains("initial", "promotion", "demotion"));
        at(p, registeredAt.minusSeconds(1)).then().statusCode(404);
        at(p, promotedAt).then().statusCode(200).body("to.code", equalTo("silver"));
        cm().queryParam("at", today.plusDays(10).toString()).get("/partners/" + p + "/tier-history/at").then()
                .statusCode(200).body("to.code", equalTo("silver"));
        at(p, demotedAt.minus(1, ChronoUnit.MILLIS)).then().statusCode(200).body("to.code", equalTo("silver"));
        at(p, demotedAt).then().statusCode(200).body("to.code", equalTo("registered"));
        cm().queryParam("at", "2001-01-01").get("/partners/" + p + "/tier-history/at").then().statusCode(404);
        // A late evaluation as of the start of a day before the partner had a tier (it registered later that day):
        // refused, nothing written; the future: refused.
        cm().body(Map.of("asOf", today.toString())).post("/partners/" + p + "/tier-evaluations").then().statusCode(409);
        cm().get("/partners/" + p + "/tier-history").then().body("to.code", contains("registered", "silver", "registered"));
        cm().body(Map.of("asOf", today.plusDays(400).toString())).post("/partners/" + p + "/tier-evaluations")
                .then().statusCode(422);
    }

    static io.restassured.response.Response at(String p, Instant at) {
        return cm().queryParam("at", at.toString()).get("/partners/" + p + "/tier-history/at");
    }

    @Test
    void anOverridePinsTheTierAndItsExpiryRestoresTheEarnedTier() {
        Tiers.putLadder(30, false);
        String p = createPartner();
        Instant expires = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MICROS);
        cm().body(Map.of("tierCode", "gold", "reason", "strategic launch partner", "expiresAt", expires.toString()))
                .put("/partners/" + p + "/tier-override").then().statusCode(200)
                .body("tier.code", equalTo("gold")).body("override.tierCode", equalTo("gold"))
                .body("override.setBy", equalTo("cm-anna"));
        evaluate(p).then().body("outcome", equalTo("unchanged")).body("note", org.hamcrest.Matchers.containsString("override"));
        JsonNode override = EventJson.readTree(Api.events(p, TIER_CHANGED, 2).get(1).value());
        assertEquals("override", override.get("reason").asText());
        assertEquals("cm-anna", override.get("decidedBy").asText());
        assertTrue(override.get("note").asText().contains("strategic launch partner"));

        clock.advance(Duration.ofDays(3));
        evaluate(p).then().body("outcome", equalTo("demoted")).body("to.code", equalTo("registered"));
        cm().get("/partners/" + p + "/tier").then().body("override", nullValue()).body("tier.code", equalTo("registered"));
        JsonNode back = EventJson.readTree(Api.events(p, TIER_CHANGED, 3).get(2).value());
        assertEquals(expires.toString(), back.get("effectiveAt").asText(), "effective when the override expired");
        at(p, expires.minusSeconds(60)).then().body("to.code", equalTo("gold"));
        at(p, expires.plusSeconds(60)).then().body("to.code", equalTo("registered"));

        // Unknown tiers and past expiries are refused; ending an override early evaluates at once.
        cm().body(Map.of("tierCode", "diamond", "reason", "x", "expiresAt", Instant.now().plus(Duration.ofDays(9)).toString()))
                .put("/partners/" + p + "/tier-override").then().statusCode(422);
        cm().body(Map.of("tierCode", "gold", "reason", "x", "expiresAt", "2001-01-01T00:00:00Z"))
                .put("/partners/" + p + "/tier-override").then().statusCode(400);
        cm().body(Map.of("tierCode", "silver", "reason", "trial", "expiresAt", Instant.now().plus(Duration.ofDays(90)).toString()))
                .put("/partners/" + p + "/tier-override").then().statusCode(200).body("tier.code", equalTo("silver"));
        cm().delete("/partners/" + p + "/tier-override").then().statusCode(200).body("outcome", equalTo("demoted"))
                .body("to.code", equalTo("registered"));
        cm().delete("/partners/" + p + "/tier-override").then().statusCode(409);
    }

    @Test
    void anApprovalGatedPromotionWaitsForAChannelManager() {
        Tiers.putLadder(30, true);
        String p = createPartner();
        credit(p, 1, "12000.00", 3);
        evaluate(p).then().body("outcome", equalTo("proposed")).body("to.code", equalTo("silver"));
        evaluate(p).then().body("outcome", equalTo("proposed")); // still the same single proposal
        cm().get("/partners/" + p + "/tier").then().body("tier.code", equalTo("registered"))
                .body("pendingProposal.toCode", equalTo("silver"));
        String proposal = cm().queryParam("status", "pending").get("/partners/" + p + "/tier-proposals").then()
                .statusCode(200).body("size()", equalTo(1)).extract().path("[0].id");
        cm().queryParam("status", "pending").get("/tier-proposals").then().statusCode(200).body("id", hasItem(proposal));

        Api.admin().body(Map.of("note", "strong quarter")).post("/tier-proposals/" + proposal + "/approve").then()
                .statusCode(200).body("status", equalTo("approved")).body("decidedBy", equalTo("admin-1"));
        cm().get("/partners/" + p + "/tier").then().body("tier.code", equalTo("silver")).body("pendingProposal", nullValue());
        Api.admin().body(Map.of()).post("/tier-proposals/" + proposal + "/approve").then().statusCode(409);
        JsonNode approved = EventJson.readTree(Api.events(p, TIER_CHANGED, 2).get(1).value());
        assertEquals("promotion", approved.get("reason").asText());
        assertEquals("admin-1", approved.get("decidedBy").asText());

        String q = createPartner();
        credit(q, 1, "12000.00", 3);
        evaluate(q).then().body("outcome", equalTo("proposed"));
        String rejected = cm().get("/partners/" + q + "/tier-proposals").then().extract().path("[0].id");
        cm().body(Map.of("note", "not yet")).post("/tier-proposals/" + rejected + "/reject").then().statusCode(200)
                .body("status", equalTo("rejected"));
        evaluate(q).then().body("outcome", equalTo("unchanged"));
        cm().get("/partners/" + q + "/tier").then().body("tier.code", equalTo("registered")).body("pendingProposal", nullValue());
    }

    @Test
    void evaluatingEveryPartnerRunsOnceAcrossReplicas() throws Throwable {
        Tiers.putLadder(30, false);
        String p = createPartner();
        credit(p, 1, "15000.00", 2);
        try (Connection other = TestSupport.jdbc()) {
            other.setAutoCommit(false);
            try (var st = other.prepareStatement("select pg_advisory_xact_lock(hashtextextended(?, 0))")) {
                st.setString(1, TierService.JOB_LOCK);
                st.execute();
            }
            // Another replica holds the run: on demand → 409, scheduled → skipped, nothing changed.
            cm().body(Map.of()).post("/tier-evaluations").then().statusCode(409);
            VertxContextSupport.subscribeAndAwait(() -> job.run());
            cm().get("/partners/" + p + "/tier").then().body("tier.code", equalTo("registered"));
            other.rollback();
        }
        cm().body(Map.of()).post("/tier-evaluations").then().statusCode(200)
                .body("evaluated", greaterThan(0)).body("changes.partnerId", hasItem(p));
        cm().get("/partners/" + p + "/tier").then().body("tier.code", equalTo("silver"))
                .body("lastEvaluatedAt", notNullValue());
        // The scheduled job itself, with the lock free, evaluates (and finds nothing more to change for p).
        VertxContextSupport.subscribeAndAwait(() -> job.run());
        cm().get("/partners/" + p + "/tier").then().body("tier.code", equalTo("silver"));
    }
}
