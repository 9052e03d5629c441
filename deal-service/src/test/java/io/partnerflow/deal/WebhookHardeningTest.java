package io.partnerflow.deal;

import io.partnerflow.deal.application.CrmDeliveryRetention;
import io.partnerflow.deal.domain.signature.HubSpotSignatureV3;
import io.partnerflow.platform.time.AdjustableClock;
import io.partnerflow.testing.TestSupport;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.partnerflow.deal.PartnerEventsConsumerTest.count;
import static io.partnerflow.testing.TestSupport.bearer;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Webhook intake hardening: secret rotation with a grace period, per-source rate limit, raw-delivery retention. */
@QuarkusTest
class WebhookHardeningTest {
    private static final Instant ROTATED = Instant.parse(WebhookTestConfig.ROTATED_AT);

    @Inject
    AdjustableClock clock;
    @Inject
    CrmDeliveryRetention retention;
    @TestHTTPResource("/webhooks/crm/hubspot")
    URL hubspotUrl;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void aRotatedOutSecretIsAcceptedInsideTheGracePeriodAndRefusedAfterItWhileTheNewOneIsAlwaysAccepted() throws Exception {
        clock.setInstant(ROTATED.plus(Duration.ofDays(2)));
        String oldInside = signedGeneric(WebhookTestConfig.ROTATING_OLD).then().statusCode(202).extract().path("deliveryId");
        String newInside = signedGeneric(WebhookTestConfig.ROTATING_NEW).then().statusCode(202).extract().path("deliveryId");
        hubspot(WebhookTestConfig.HUBSPOT_ROTATING_OLD).then().statusCode(202);
        salesforce(WebhookTestConfig.SF_OLD_URL_SECRET).then().statusCode(200);

        clock.setInstant(ROTATED.plus(Duration.ofDays(7)).plusSeconds(1)); // grace (7 days) over
        String refusedId = UUID.randomUUID().toString();
        Crm.post(refusedId, clock.instant().getEpochSecond(), Crm.delivery(Crm.deal("ROT-" + refusedId, 1, "Prospecting", "10.00")),
                        WebhookTestConfig.ROTATING_OLD).then().statusCode(401).contentType("application/problem+json")
                .body("detail", containsString("previous secret of source rotating"))
                .body("detail", containsString("2030-01-08T00:00:00Z"));
        String newAfter = signedGeneric(WebhookTestConfig.ROTATING_NEW).then().statusCode(202).extract().path("deliveryId");
        hubspot(WebhookTestConfig.HUBSPOT_ROTATING_OLD).then().statusCode(401).body("detail", containsString("grace period ended"));
        hubspot(WebhookTestConfig.HUBSPOT_ROTATING_NEW).then().statusCode(202);
        salesforce(WebhookTestConfig.SF_OLD_URL_SECRET).then().statusCode(401).body("detail", containsString("grace period ended"));
        salesforce(WebhookTestConfig.SF_URL_SECRET).then().statusCode(200);

        for (String id : List.of(oldInside, newInside, newAfter)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from crm_delivery where delivery_id = ?", id) == 1);
        }
        assertEquals(0, count("select count(*) from crm_delivery where delivery_id = ?", refusedId));
        // the refused delivery never reached Kafka either
        assertEquals(0, TestSupport.await("crm.webhooks", r -> refusedId.equals(r.key()), 1, Duration.ofSeconds(2)).size());
    }

    @Test
    void aSourceOverItsRateLimitGets429WithRetryAfterAndNothingIsWrittenOrSent() throws Exception {
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        String c = UUID.randomUUID().toString();
        long ts = Instant.now().getEpochSecond();
        Crm.post(a, ts, Crm.delivery(Crm.deal("RL-" + a, 1, "Prospecting", "10.00")), WebhookTestConfig.LIMITED).then().statusCode(202);
        Crm.post(b, ts, Crm.delivery(Crm.deal("RL-" + b, 1, "Prospecting", "10.00")), WebhookTestConfig.LIMITED).then().statusCode(202);
        Response refused = Crm.post(c, ts, Crm.delivery(Crm.deal("RL-" + c, 1, "Prospecting", "10.00")), WebhookTestConfig.LIMITED);
        refused.then().statusCode(429).contentType("application/problem+json")
                .body("type", equalTo("urn:partnerflow:problem:rate-limited"))
                .body("detail", containsString("'limited'")).body("errors[0].field", equalTo("source"));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 1800, "Retry-After " + retryAfter); // 2 per hour: a slot in ≤ 30 min
        // other sources are not limited by it
        Crm.post(Crm.delivery(Crm.deal("RL-other-" + c, 1, "Prospecting", "10.00"))).then().statusCode(202);

        for (String id : List.of(a, b)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from crm_delivery where delivery_id = ?", id) == 1);
        }
        assertEquals(0, count("select count(*) from crm_delivery where delivery_id = ?", c));
        Set<String> keys = Set.of(a, b, c);
        var onKafka = TestSupport.await("crm.webhooks", r -> keys.contains(r.key()), 2, Duration.ofSeconds(30));
        assertEquals(Set.of(a, b), Set.copyOf(onKafka.stream().map(r -> r.key()).toList()));
        assertEquals(0, TestSupport.await("crm.webhooks", r -> c.equals(r.key()), 1, Duration.ofSeconds(3)).size());
    }

    @Test
    void retentionPurgesTheRawPayloadOfOldDeliveriesOnlyAndAReplayOfAPurgedOneAnswers410() throws Throwable {
        String old = signedGeneric(WebhookTestConfig.ACME_NEW).then().statusCode(202).extract().path("deliveryId");
        String recent = signedGeneric(WebhookTestConfig.ACME_NEW).then().statusCode(202).extract().path("deliveryId");
        for (String id : List.of(old, recent)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from crm_delivery where delivery_id = ?", id) == 1);
        }
        // the old one was received 401 days ago, the recent one 399 days ago (default retention: 400 days)
        exec("update crm_delivery set received_at = now() - interval '401 days' where delivery_id = ?", old);
        exec("update crm_delivery set received_at = now() - interval '399 days' where delivery_id = ?", recent);

        assertTrue(io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> retention.purge(Instant.now())) >= 1);

        assertEquals(1, count("select count(*) from crm_delivery where payload is null and purged_at is not null and delivery_id = ?", old));
        assertEquals(1, count("select count(*) from crm_delivery where payload is not null and purged_at is null and delivery_id = ?", recent));
        String admin = bearer("root", "admin");
        given().header("Authorization", admin).get("/admin/crm-deliveries/" + old).then().statusCode(200)
                .body("purgedAt", notNullValue()).body("status", equalTo("applied"));
        given().header("Authorization", admin).post("/admin/crm-deliveries/" + old + "/replay").then().statusCode(410)
                .contentType("application/problem+json").body("detail", containsString("purged"));
        given().header("Authorization", admin).post("/admin/crm-deliveries/" + recent + "/replay").then().statusCode(200)
                .body("applications", equalTo(2)).body("purgedAt", nullValue());
        // a redelivery of the purged id is still recognised: answered as a duplicate, not applied again
        assertEquals(1, count("select count(*) from crm_delivery where delivery_id = ?", old));
    }

    // ------------------------------------------------------------------ helpers

    private Response signedGeneric(String secret) {
        String id = UUID.randomUUID().toString();
        return Crm.post(id, clock.instant().getEpochSecond(),
                Crm.delivery(Crm.deal("HARD-" + id, 1, "Prospecting", "10.00")), secret);
    }

    private Response hubspot(String secret) {
        long deal = Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
        String body = """
                [{"eventId":%d,"subscriptionId":2101,"portalId":62515,"appId":1160452,"occurredAt":%d,
                  "subscriptionType":"deal.propertyChange","attemptNumber":0,"objectId":%d,"changeSource":"CRM",
                  "propertyName":"dealname","propertyValue":"Rotation check"}]""".formatted(deal, clock.millis(), deal);
        String ts = Long.toString(clock.millis());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return given().contentType("application/json").header("X-HubSpot-Request-Timestamp", ts)
                .header("X-HubSpot-Signature-v3", HubSpotSignatureV3.sign(secret, "POST", hubspotUrl.toString(), bytes, ts))
                .body(bytes).post("/webhooks/crm/hubspot");
    }

    private static Response salesforce(String urlSecret) throws Exception {
        String opp = "0065g" + UUID.randomUUID().toString().replace("-", "").substring(0, 13);
        return CrmAdaptersTest.salesforcePost(urlSecret, CrmAdaptersTest.salesforce(opp, "Prospecting",
                "2026-11-01T10:00:00.000Z", "0015gROT", "R1", "R2"));
    }

    private static void exec(String sql, String param) throws Exception {
        try (Connection c = TestSupport.jdbc(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, param);
            st.executeUpdate();
        }
    }
}
