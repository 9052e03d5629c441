package io.partnerflow.analytics;

import io.partnerflow.contracts.ContractValidator;
import io.partnerflow.contracts.EventJson;
import io.partnerflow.contracts.EventType;
import io.partnerflow.testing.TestSupport;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.partnerflow.analytics.Events.Credit;
import static io.partnerflow.analytics.Events.awaitApplied;
import static io.partnerflow.analytics.Events.cm;
import static io.partnerflow.analytics.Events.count;
import static io.partnerflow.analytics.Events.partnerUser;
import static io.partnerflow.analytics.Events.send;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Badges and challenges against real Kafka and PostgreSQL: awarded/completed once under redelivery, published through
 * the outbox as the contracts say, challenges validated, every endpoint partner-scoped.
 */
@QuarkusTest
class GamificationTest {

    private static String won(List<String> ids, String partner, String amount, String closedAt, String eventId) {
        String deal = UUID.nameUUIDFromBytes(("deal-" + partner + closedAt).getBytes()).toString();
        String json = Events.attributed(Events.attr(deal), deal, Instant.parse(closedAt), "USD", List.of(new Credit(partner, "sourced", amount)));
        ids.add(send(EventType.DEAL_ATTRIBUTED, deal, json, eventId));
        return json;
    }

    private static ConsumerRecord<String, String> published(EventType type, String partner) {
        List<ConsumerRecord<String, String>> records = TestSupport.await("analytics.events",
                r -> partner.equals(r.key()) && type.type().equals(TestSupport.header(r, "ce_type")), 1, Duration.ofSeconds(30));
        assertEquals(List.of(), ContractValidator.validate(type.type(), records.get(0).value()));
        return records.get(0);
    }

    @Test
    void badgesAreAwardedOnceUnderRedeliveryWithTheirReasonAndPartnerScoped() throws Exception {
        String p = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        List<String> ids = new ArrayList<>();
        String id = UUID.randomUUID().toString();
        String json = won(ids, p, "100.00", "2029-03-10T10:00:00Z", id);
        String deal = UUID.nameUUIDFromBytes(("deal-" + p + "2029-03-10T10:00:00Z").getBytes()).toString();
        send(EventType.DEAL_ATTRIBUTED, deal, json, id);                              // the same event again (inbox)
        ids.add(send(EventType.DEAL_ATTRIBUTED, deal, json));                         // the same attribution, another id
        // badges are evaluated per poll from the partner's standing: the first deal alone, so its reason says 1 deal
        awaitApplied(ids);
        won(ids, p, "50.00", "2029-03-11T10:00:00Z", UUID.randomUUID().toString()); // a second deal: no second badge
        String cert = Events.certified(p, "person-1", Instant.parse("2029-03-01T10:00:00Z"));
        ids.add(send(EventType.PARTNER_CERTIFICATION_COMPLETED, p, cert));
        ids.add(send(EventType.PARTNER_CERTIFICATION_COMPLETED, p, Events.certified(p, "person-2", Instant.parse("2029-03-02T10:00:00Z"))));
        awaitApplied(ids);
        assertEquals(0, count("select count(*) from badge_award where partner_id = cast(? as uuid) and badge_code = 'certified-3'", p));
        String third = Events.certified(p, "person-3", Instant.parse("2029-03-03T10:00:00Z"));
        String thirdId = send(EventType.PARTNER_CERTIFICATION_COMPLETED, p, third);
        send(EventType.PARTNER_CERTIFICATION_COMPLETED, p, third, thirdId);
        awaitApplied(List.of(thirdId));

        cm().get("/badges/" + p).then().statusCode(200).body("$", hasSize(2))
                .body("badge", containsInAnyOrder("first-won-deal", "certified-3"))
                .body("find { it.badge == 'first-won-deal' }.reason", equalTo("first won deal (1 deal won)"))
                .body("find { it.badge == 'certified-3' }.reason", equalTo("3 certifications completed (≥ 3)"))
                .body("find { it.badge == 'certified-3' }.awardedAt", org.hamcrest.Matchers.notNullValue());
        assertEquals(2, count("select count(*) from badge_award where partner_id = cast(? as uuid)", p));
        assertEquals(2, count("select count(*) from outbox_event where aggregate_id = ? and type = ?", p,
                EventType.PARTNER_BADGE_AWARDED.type()));
        var data = EventJson.readTree(published(EventType.PARTNER_BADGE_AWARDED, p).value());
        assertEquals(p, data.path("partnerId").asText());

        // scoping: the partner sees its own, another partner gets 404, the list is for staff
        partnerUser(p).get("/badges/" + p).then().statusCode(200).body("$", hasSize(2));
        partnerUser(other).get("/badges/" + p).then().statusCode(404).contentType("application/problem+json");
        partnerUser(p).get("/badges").then().statusCode(403);
        cm().get("/badges?badge=certified-3").then().statusCode(200).body("partnerId", hasItem(p));
    }

    @Test
    void topTenPercentOfAnEndedQuarterIsAwardedOnce() throws Exception {
        // 2019-Q1 is this test's alone: the top partner of three (ceil 10 % = 1)
        List<String> ids = new ArrayList<>();
        String top = UUID.randomUUID().toString();
        won(ids, top, "900.00", "2019-02-01T10:00:00Z", UUID.randomUUID().toString());
        won(ids, UUID.randomUUID().toString(), "100.00", "2019-02-02T10:00:00Z", UUID.randomUUID().toString());
        won(ids, UUID.randomUUID().toString(), "200.00", "2019-02-03T10:00:00Z", UUID.randomUUID().toString());
        awaitApplied(ids);
        cm().post("/badges/evaluations?period=2019-Q1").then().statusCode(200).body("awarded", equalTo(1));
        cm().post("/badges/evaluations?period=2019-Q1").then().statusCode(200).body("awarded", equalTo(0));
        cm().get("/badges/" + top).then().statusCode(200).body("badge", hasItem("top-10-percent-2019-Q1"))
                .body("find { it.badge == 'top-10-percent-2019-Q1' }.reason", equalTo("rank 1 of 3 by revenue in 2019-Q1 (900.00 USD)"));
        cm().post("/badges/evaluations?period=2099-Q1").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("ended"));
        partnerUser(top).post("/badges/evaluations?period=2019-Q1").then().statusCode(403);
    }

    @Test
    void aChallengeIsValidatedAndNothingIsWrittenWhenItIsInvalid() throws Exception {
        long before = count("select count(*) from challenge");
        cm().body(Map.of("name", "bad", "from", "2033-03-01", "to", "2033-02-01",
                        "goal", Map.of("metric", "likes", "target", "x"), "award", Map.of("amount", "0", "currency", "EURO")))
                .post("/challenges").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("to: on or after from"))
                .body("detail", containsString("goal.metric"))
                .body("detail", containsString("goal.target"))
                .body("detail", containsString("award.currency"))
                .body("detail", containsString("award.amount"));
        cm().body(Map.of("name", "no dates")).post("/challenges").then().statusCode(400)
                .body("detail", containsString("from: required"));
        partnerUser(UUID.randomUUID().toString()).body(Map.of("name", "mine")).post("/challenges").then().statusCode(403);
        assertEquals(before, count("select count(*) from challenge"));
    }

    @Test
    void aChallengeIsCompletedOncePublishedWithItsAwardAndItsProgressIsPartnerScoped() throws Exception {
        String challenge = cm().body(Map.of("name", "2 deals in Q1 2033", "from", "2033-01-01", "to", "2033-03-31",
                        "goal", Map.of("metric", "deals-won", "target", "2"), "award", Map.of("amount", "250", "currency", "EUR")))
                .post("/challenges").then().statusCode(201)
                .body("award.amount", equalTo("250.00")).body("goal.unit", equalTo("count"))
                .extract().path("challengeId");
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        List<String> ids = new ArrayList<>();
        won(ids, a, "100.00", "2033-01-10T10:00:00Z", UUID.randomUUID().toString());
        won(ids, b, "100.00", "2033-01-11T10:00:00Z", UUID.randomUUID().toString());
        won(ids, a, "100.00", "2032-12-31T10:00:00Z", UUID.randomUUID().toString()); // before the window: does not count
        awaitApplied(ids);
        partnerUser(a).get("/challenges/" + challenge + "/progress").then().statusCode(200)
                .body("partners", hasSize(1)).body("partners[0].partnerId", equalTo(a))
                .body("partners[0].achieved", equalTo("1")).body("partners[0].percent", equalTo(50.0f))
                .body("partners[0].completed", equalTo(false));

        // the second deal arrives three times (same event, same attribution under a new id): completed once
        String id = UUID.randomUUID().toString();
        List<String> more = new ArrayList<>();
        String json = won(more, a, "70.00", "2033-02-01T10:00:00Z", id);
        String deal = UUID.nameUUIDFromBytes(("deal-" + a + "2033-02-01T10:00:00Z").getBytes()).toString();
        send(EventType.DEAL_ATTRIBUTED, deal, json, id);
        more.add(send(EventType.DEAL_ATTRIBUTED, deal, json));
        awaitApplied(more);

        assertEquals(1, count("select count(*) from challenge_completion where challenge_id = cast(? as uuid)", challenge));
        assertEquals(1, count("select count(*) from outbox_event where aggregate_id = ? and type = ?", a,
                EventType.CHALLENGE_COMPLETED.type()));
        var data = EventJson.readTree(published(EventType.CHALLENGE_COMPLETED, a).value());
        assertEquals(challenge, data.path("challengeId").asText());
        assertEquals("250.00", data.path("award").path("amount").asText());
        assertEquals("EUR", data.path("award").path("currency").asText());
        assertEquals("2", data.path("progress").asText());

        cm().get("/challenges/" + challenge + "/progress").then().statusCode(200)
                .body("partners.partnerId", equalTo(List.of(a, b)))
                .body("partners[0].completed", equalTo(true)).body("partners[0].percent", equalTo(100.0f))
                .body("partners[1].achieved", equalTo("1"));
        partnerUser(b).get("/challenges/" + challenge + "/progress").then().statusCode(200)
                .body("partners.partnerId", equalTo(List.of(b)));
        partnerUser(b).get("/challenges/" + challenge + "/progress?partnerId=" + a).then().statusCode(404);
        partnerUser(b).get("/challenges").then().statusCode(200).body("challengeId", hasItem(challenge));
        cm().get("/challenges/" + UUID.randomUUID() + "/progress").then().statusCode(404);

        // the sample deals are of type new_business: counted as new logos too
        cm().get("/scorecards/" + a + "?period=2033-Q1").then().statusCode(200).body("dealsWon", equalTo(2))
                .body("newLogoDealsWon", equalTo(2));

        // a challenge created after the facts: completed at creation, from the figures already in its window
        String late = cm().body(Map.of("name", "170 USD sourced in Q1 2033", "from", "2033-01-01", "to", "2033-03-31",
                        "goal", Map.of("metric", "sourced-revenue", "target", "170.00"), "award", Map.of("amount", "10.00", "currency", "USD")))
                .post("/challenges").then().statusCode(201).body("goal.unit", equalTo("USD")).extract().path("challengeId");
        assertEquals(1, count("select count(*) from challenge_completion where challenge_id = cast(? as uuid)", late));
        cm().get("/challenges/" + late + "/progress").then().statusCode(200)
                .body("partners[0].partnerId", equalTo(a)).body("partners[0].achieved", equalTo("170"))
                .body("partners[0].completed", equalTo(true));
    }
}
