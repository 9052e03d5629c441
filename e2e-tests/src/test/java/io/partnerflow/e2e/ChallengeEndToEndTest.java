package io.partnerflow.e2e;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Gamification through the whole system (#17): a channel manager creates a challenge in analytics-service, a deal won
 * by SIGNED webhook completes it (deal → attribution → analytics), analytics publishes challenge.completed through its
 * outbox, incentive-service accrues ONE challenge_award earning, payout-service books it in its ledger. Partner
 * tokens see only their own badges and progress.
 */
class ChallengeEndToEndTest {
    private static SystemUnderTest sut;

    @BeforeAll
    static void startSystem() throws Exception {
        sut = SystemUnderTest.get();
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private static RequestSpecification as(String service, String bearer) {
        return Crm.as(sut, service, bearer);
    }

    @Test
    void aChallengeCompletedByAWebhookDealIsPaidOnceThroughTheLedger() {
        String uniq = UUID.randomUUID().toString().substring(0, 8);
        String cm = sut.bearer("cm-challenge", "channel-manager");
        String finance = sut.bearer("finance-challenge-" + uniq, "finance");
        // a two-day window in the past that no other test closes deals in: this deal alone completes the challenge
        String challenge = as("analytics", cm).body(Map.of("name", "First deal of 10 Feb 2024 " + uniq, "from", "2024-02-10",
                        "to", "2024-02-11", "goal", Map.of("metric", "deals-won", "target", "1"),
                        "award", Map.of("amount", "150.00", "currency", "EUR")))
                .post("/challenges").then().statusCode(201).extract().path("challengeId");

        String account = "CH-" + uniq;
        String p = Crm.activePartner(sut, "Challenger " + uniq, "DE", "EUR", account);
        String other = Crm.activePartner(sut, "Onlooker " + uniq, "DE", "EUR", "CH-" + uniq + "-other");
        Instant closed = Instant.parse("2024-02-10T12:00:00Z");
        String crm = "CH-" + uniq;
        Map<String, Object> deal = Crm.wonDeal(crm, "EUR", closed, "NWC-PLAT-1Y", "software", "4000.00");
        Crm.deliver(sut, "ch-" + uniq, List.of(
                Crm.event(crm + "-t", "touchpoint.recorded", 1, Crm.touch(crm + "-t", crm, account, "referral", closed.minus(Duration.ofDays(5)))),
                Crm.event(crm + "-v1", "deal.upserted", 1, deal))).then().statusCode(202);

        // analytics: completed, progress 1 of 1
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                as("analytics", cm).get("/challenges/" + challenge + "/progress").then().statusCode(200)
                        .body("partners.find { it.partnerId == '" + p + "' }.completed", equalTo(true)));
        // incentive: one challenge_award earning of 150.00 EUR
        JsonPath earned = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                as("incentive", cm).get("/partners/" + p + "/earnings").then().statusCode(200).extract().jsonPath(),
                j -> j.getList("kind").contains("challenge_award"));
        assertEquals(1, earned.getList("kind").stream().filter("challenge_award"::equals).count());
        assertEquals("150.00", earned.getString("find { it.kind == 'challenge_award' }.amount.amount"));
        String earningId = earned.getString("find { it.kind == 'challenge_award' }.earningId");
        // payout: the same earning is a line in the ledger
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                as("payout", finance).get("/partners/" + p + "/earnings").then().statusCode(200)
                        .body("earningId", hasItem(earningId))
                        .body("find { it.earningId == '" + earningId + "' }.amount.amount", equalTo("150.00"))
                        .body("find { it.earningId == '" + earningId + "' }.kind", equalTo("challenge_award")));
        // the badge for the first win too
        as("analytics", cm).get("/badges/" + p).then().statusCode(200).body("badge", hasItem("first-won-deal"));

        // partner scoping
        String mine = sut.partnerBearer("p-user-" + uniq, p);
        String theirs = sut.partnerBearer("o-user-" + uniq, other);
        as("analytics", mine).get("/challenges/" + challenge + "/progress").then().statusCode(200)
                .body("partners.partnerId", equalTo(List.of(p))).body("partners[0].completed", equalTo(true));
        as("analytics", theirs).get("/challenges/" + challenge + "/progress").then().statusCode(200)
                .body("partners.partnerId", equalTo(List.of(other))).body("partners[0].completed", equalTo(false));
        as("analytics", theirs).get("/badges/" + p).then().statusCode(404);
        as("analytics", theirs).body(Map.of("name", "mine")).post("/challenges").then().statusCode(403);
    }
}
