package io.partnerflow.analytics;

import io.partnerflow.contracts.EventType;
import io.partnerflow.testing.TestSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

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
import static io.partnerflow.analytics.Events.send;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rebuild and out-of-order scenarios of {@link ScorecardTest} (issue #17), against real Kafka and PostgreSQL. */
final class RebuildScenario {
    private RebuildScenario() {
    }

    static RequestSpecification admin() {
        return given().header("Authorization", TestSupport.bearer("admin-ada", "admin")).contentType(ContentType.JSON);
    }

    /** Starts a rebuild and waits for it: its final status. */
    static JsonPath rebuild() {
        return rebuild(Duration.ofSeconds(60));
    }

    /** As {@link #rebuild()}, waiting at most {@code max}. */
    static JsonPath rebuild(Duration max) {
        String location = admin().post("/admin/rebuild").then().statusCode(202)
                .body("state", equalTo("running")).extract().header("Location");
        assertNotNull(location);
        String path = location.replaceFirst("^https?://[^/]+", "");
        await().atMost(max).pollInterval(Duration.ofMillis(200))
                .until(() -> !"running".equals(admin().get(path).then().statusCode(200).extract().path("state")));
        return admin().get(path).then().statusCode(200).body("state", equalTo("done")).extract().jsonPath();
    }

    private static long published(EventType type) throws Exception {
        return count("select count(*) from outbox_event where type = ?", type.type());
    }

    /** A known history → figures; rebuild → the same rows (hash) and answers, nothing published twice; live goes on. */
    static void rebuildGivesIdenticalReadModels() throws Exception {
        String p = UUID.randomUUID().toString();
        String deal = UUID.randomUUID().toString();
        String challenge = cm().body(Map.of("name", "1 deal in Q2 2037 (rebuild)", "from", "2037-04-01", "to", "2037-06-30",
                        "goal", Map.of("metric", "deals-won", "target", "1"), "award", Map.of("amount", "50.00", "currency", "USD")))
                .post("/challenges").then().statusCode(201).extract().path("challengeId");
        List<String> ids = new ArrayList<>();
        ids.add(send(EventType.PARTNER_REGISTERED, p, Events.registered(p, "Rebuild Partners", "FR", "gold")));
        ids.add(send(EventType.DEAL_ATTRIBUTED, deal, Events.attributed(Events.attr(deal), deal, Instant.parse("2037-05-10T10:00:00Z"),
                "USD", List.of(new Credit(p, "sourced", "1000.00")))));
        ids.add(send(EventType.EARNING_ACCRUED, p, Events.earning(EventType.EARNING_ACCRUED, p, "100.00", Instant.parse("2037-05-11T10:00:00Z"))));
        ids.add(send(EventType.PAYOUT_PAID, p, Events.paid(p, "60.00", Instant.parse("2037-06-01T10:00:00Z"))));
        ids.add(send(EventType.PARTNER_CERTIFICATION_COMPLETED, p, Events.certified(p, "person-r", Instant.parse("2037-05-02T10:00:00Z"))));
        awaitApplied(ids);
        assertEquals(1, count("select count(*) from challenge_completion where challenge_id = cast(? as uuid)", challenge));
        assertEquals(1, count("select count(*) from badge_award where partner_id = cast(? as uuid)", p));

        String scorecard = cm().get("/scorecards/" + p + "?period=2037-Q2").then().statusCode(200)
                .body("base.sourcedRevenue.amount", equalTo("1000.00")).body("base.earningsAccrued.amount", equalTo("100.00"))
                .body("base.paid.amount", equalTo("60.00")).body("dealsWon", equalTo(1)).body("partner.tier", equalTo("gold"))
                .extract().asString();
        String all = cm().get("/scorecards?period=2037-Q2").then().statusCode(200).extract().asString();
        String board = cm().get("/leaderboards/revenue?period=2037-Q2").then().statusCode(200).extract().asString();
        String segments = cm().get("/segments").then().statusCode(200).extract().asString();
        String badges = cm().get("/badges").then().statusCode(200).extract().asString();
        long badgeEvents = published(EventType.PARTNER_BADGE_AWARDED);
        long completionEvents = published(EventType.CHALLENGE_COMPLETED);
        long segmentEvents = published(EventType.PARTNER_SEGMENT_CHANGED);

        // only an admin may rebuild
        cm().post("/admin/rebuild").then().statusCode(403);
        given().post("/admin/rebuild").then().statusCode(401);
        admin().get("/admin/rebuild/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");

        JsonPath status = rebuild();
        assertTrue(status.getLong("events") >= ids.size(), "every topic re-read from the beginning: " + status.prettify());
        assertEquals(status.getString("readModelHashBefore"), status.getString("readModelHashAfter"), status.prettify());
        assertEquals(scorecard, cm().get("/scorecards/" + p + "?period=2037-Q2").then().statusCode(200).extract().asString());
        assertEquals(all, cm().get("/scorecards?period=2037-Q2").then().statusCode(200).extract().asString());
        assertEquals(board, cm().get("/leaderboards/revenue?period=2037-Q2").then().statusCode(200).extract().asString());
        assertEquals(segments, cm().get("/segments").then().statusCode(200).extract().asString());
        assertEquals(badges, cm().get("/badges").then().statusCode(200).extract().asString());
        // awards, completions and segment changes already made are kept: none is published a second time
        assertEquals(badgeEvents, published(EventType.PARTNER_BADGE_AWARDED));
        assertEquals(completionEvents, published(EventType.CHALLENGE_COMPLETED));
        assertEquals(segmentEvents, published(EventType.PARTNER_SEGMENT_CHANGED));
        // a second rebuild lands on the same rows again
        assertEquals(status.getString("readModelHashAfter"), rebuild().getString("readModelHashAfter"));

        // the live consumers go on after it
        awaitApplied(List.of(send(EventType.EARNING_ACCRUED, p,
                Events.earning(EventType.EARNING_ACCRUED, p, "0.50", Instant.parse("2037-05-12T10:00:00Z")))));
        cm().get("/scorecards/" + p + "?period=2037-Q2").then().statusCode(200).body("base.earningsAccrued.amount", equalTo("100.50"));
    }

    /**
     * An earning and a won deal credit whose partner's registration comes AFTER them (produced in that order) end in
     * the same scorecard as in-order delivery.
     */
    static void outOfOrderEndsInTheSameFigures() throws Exception {
        String inOrder = UUID.randomUUID().toString();
        String outOfOrder = UUID.randomUUID().toString();
        history(inOrder, true);
        history(outOfOrder, false);
        JsonPath a = cm().get("/scorecards/" + inOrder + "?period=2037-Q3").then().statusCode(200).extract().jsonPath();
        JsonPath b = cm().get("/scorecards/" + outOfOrder + "?period=2037-Q3").then().statusCode(200).extract().jsonPath();
        assertEquals("777.77", b.getString("base.sourcedRevenue.amount"));
        assertEquals("55.55", b.getString("base.earningsAccrued.amount"));
        assertEquals(1, b.getInt("dealsWon"));
        assertEquals("platinum", b.getString("partner.tier"));
        for (String figure : List.of("base", "perCurrency", "dealsWon", "newLogoDealsWon", "complete", "ratios", "partner")) {
            assertEquals(a.get(figure).toString(), b.get(figure).toString(), figure);
        }
        // and on the leaderboard filtered by the profile that came last
        List<String> board = cm().get("/leaderboards/revenue?period=2037-Q3&tier=platinum").then().statusCode(200)
                .extract().jsonPath().getList("entries.partnerId");
        assertTrue(board != null && board.contains(inOrder) && board.contains(outOfOrder), String.valueOf(board));
    }

    private static void history(String partner, boolean registeredFirst) {
        String deal = UUID.randomUUID().toString();
        List<String> ids = new ArrayList<>();
        String registered = Events.registered(partner, "Ordering Test", "JP", "platinum");
        if (registeredFirst) {
            ids.add(send(EventType.PARTNER_REGISTERED, partner, registered));
            awaitApplied(ids);
        }
        ids.add(send(EventType.EARNING_ACCRUED, partner, Events.earning(EventType.EARNING_ACCRUED, partner, "55.55",
                Instant.parse("2037-08-02T10:00:00Z"))));
        ids.add(send(EventType.DEAL_ATTRIBUTED, deal, Events.attributed(Events.attr(deal), deal, Instant.parse("2037-08-01T10:00:00Z"),
                "USD", List.of(new Credit(partner, "sourced", "777.77")))));
        awaitApplied(ids);
        if (!registeredFirst) {
            ids.add(send(EventType.PARTNER_REGISTERED, partner, registered));
            awaitApplied(ids);
        }
    }
}
