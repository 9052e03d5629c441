package io.partnerflow.deal;

import io.partnerflow.contracts.ContractValidator;
import io.partnerflow.contracts.EventJson;
import io.partnerflow.contracts.deal.DealPipelineUpdated;
import io.partnerflow.deal.domain.signature.StandardWebhooks;
import io.partnerflow.testing.TestSupport;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.partnerflow.deal.PartnerEventsConsumerTest.count;
import static io.partnerflow.testing.TestSupport.bearer;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generic (Standard Webhooks) intake against the real broker and database. */
@QuarkusTest
class GenericWebhookTest {

    @Test
    void aValidlySignedDeliveryIsWrittenToCrmWebhooksAndBecomesADealWithAPipelineSnapshot() {
        String crmId = "D-" + UUID.randomUUID();
        String webhookId = "msg_" + UUID.randomUUID();
        Crm.post(webhookId, Instant.now().getEpochSecond(), Crm.delivery(Crm.deal(crmId, 1, "Negotiation", "1500.00", "1000.00", "500.00")),
                        WebhookTestConfig.ACME_NEW)
                .then().statusCode(202).body("status", equalTo("accepted")).body("deliveryId", equalTo(webhookId));

        List<ConsumerRecord<String, String>> raw = TestSupport.await("crm.webhooks", r -> webhookId.equals(r.key()), 1,
                Duration.ofSeconds(20));
        assertEquals(1, raw.size());
        assertEquals("partnerflow.crm.delivery-received.v1", TestSupport.header(raw.get(0), "ce_type"));
        assertEquals(List.of(), ContractValidator.validate("partnerflow.crm.delivery-received.v1", raw.get(0).value()));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> deal(crmId).then().statusCode(200)
                .body("status", equalTo("open")).body("amount.amount", equalTo("1500.00"))
                .body("customer.domain", equalTo(crmId.toLowerCase() + ".example")).body("revision", equalTo(1))
                .body("dealType", equalTo("new_business")).body("lines.size()", equalTo(2)));

        String dealId = Crm.dealId(crmId);
        List<ConsumerRecord<String, String>> snapshots = Crm.events(dealId, "partnerflow.deal.pipeline-updated.v1", 1,
                Duration.ofSeconds(30));
        assertEquals(1, snapshots.size());
        assertEquals(List.of(), ContractValidator.validate("partnerflow.deal.pipeline-updated.v1", snapshots.get(0).value()));
        assertEquals("open", EventJson.readString(snapshots.get(0).value(), DealPipelineUpdated.class).status());

        given().header("Authorization", bearer("admin-1", "admin")).get("/admin/crm-deliveries/" + webhookId)
                .then().statusCode(200).body("status", equalTo("applied")).body("source", equalTo("generic"))
                .body("sourceAccount", equalTo("acme"));
    }

    @Test
    void aWrongSecretIsRefusedWith401AndNothingIsWritten() throws Exception {
        String webhookId = "msg_" + UUID.randomUUID();
        Crm.post(webhookId, Instant.now().getEpochSecond(), Crm.delivery(Crm.deal("D-" + UUID.randomUUID(), 1, "Open", "10.00")),
                        WebhookTestConfig.WRONG)
                .then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("urn:partnerflow:problem:bad-signature"));
        assertNothingWritten(webhookId);
    }

    @Test
    void staleAndFutureTimestampsAreRefusedEvenWithAValidSignature() throws Exception {
        String body = Crm.delivery(Crm.deal("D-" + UUID.randomUUID(), 1, "Open", "10.00"));
        String old = "msg_" + UUID.randomUUID();
        Crm.post(old, Instant.now().minusSeconds(6 * 60).getEpochSecond(), body, WebhookTestConfig.ACME_NEW)
                .then().statusCode(401).body("detail", containsString("tolerance"));
        String future = "msg_" + UUID.randomUUID();
        Crm.post(future, Instant.now().plusSeconds(6 * 60).getEpochSecond(), body, WebhookTestConfig.ACME_NEW)
                .then().statusCode(401);
        // 4 minutes old is still fine
        Crm.post("msg_" + UUID.randomUUID(), Instant.now().minusSeconds(4 * 60).getEpochSecond(), body, WebhookTestConfig.ACME_NEW)
                .then().statusCode(202);
        assertNothingWritten(old);
        assertNothingWritten(future);
    }

    @Test
    void duringASecretRotationAnyOfSeveralSignaturesMayMatchAnyConfiguredSecret() {
        String body = Crm.delivery(Crm.deal("D-" + UUID.randomUUID(), 1, "Open", "10.00"));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String id = "msg_" + UUID.randomUUID();
        long ts = Instant.now().getEpochSecond();
        String header = StandardWebhooks.sign(WebhookTestConfig.WRONG, id, ts, bytes) + " "
                + StandardWebhooks.sign(WebhookTestConfig.ACME_OLD, id, ts, bytes);
        Crm.postRaw(id, ts, body, header).then().statusCode(202);
        // the old secret alone, and the second source's secret, verify as well
        Crm.post("msg_" + UUID.randomUUID(), ts, body, WebhookTestConfig.ACME_OLD).then().statusCode(202);
        Crm.post("msg_" + UUID.randomUUID(), ts, body, WebhookTestConfig.GLOBEX).then().statusCode(202);
        // a signature over another body does not
        Crm.postRaw("msg_" + UUID.randomUUID(), ts, body.replace("10.00", "11.00"), header).then().statusCode(401);
    }

    @Test
    void aReplayedDeliveryIsAnswered2xxAndAppliedOnceAndAStaleReplayIsRefused() throws Exception {
        String crmId = "D-" + UUID.randomUUID();
        String id = "msg_" + UUID.randomUUID();
        long ts = Instant.now().getEpochSecond();
        String body = Crm.delivery(Crm.deal(crmId, 1, "Open", "10.00"));
        // sent twice at once (before normalisation) and once more after
        Crm.post(id, ts, body, WebhookTestConfig.ACME_NEW).then().statusCode(202);
        // 202 if it is written again (the normaliser's inbox drops it), 200 if the first was normalised already
        Crm.post(id, ts, body, WebhookTestConfig.ACME_NEW).then().statusCode(oneOf(200, 202));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> deal(crmId).then().statusCode(200));
        Crm.post(id, ts, body, WebhookTestConfig.ACME_NEW).then().statusCode(200).body("status", equalTo("duplicate"));
        // the same captured request replayed after the tolerance: refused
        Crm.post(id, ts - 400, body, WebhookTestConfig.ACME_NEW).then().statusCode(401);

        Thread.sleep(1000);
        deal(crmId).then().body("revision", equalTo(1));
        assertEquals(1, count("select count(*) from crm_delivery where delivery_id = ?", id));
        assertEquals(1, count("select count(*) from processed_event where event_id = ?", id));
        Crm.exactly(Crm.dealId(crmId), "partnerflow.deal.pipeline-updated.v1", 1, "one snapshot for the one delivery");
    }

    @Test
    void malformedBodiesAre400ProblemsAndWriteNothing() throws Exception {
        String id = "msg_" + UUID.randomUUID();
        Crm.post(id, Instant.now().getEpochSecond(), "{\"events\": [ {\"id\": ", WebhookTestConfig.ACME_NEW)
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:partnerflow:problem:malformed-delivery"));
        assertNothingWritten(id);

        String unknownType = Crm.delivery("{\"id\":\"e1\",\"type\":\"deal.exploded\",\"version\":1,\"data\":{}}");
        Crm.post("msg_" + UUID.randomUUID(), Instant.now().getEpochSecond(), unknownType, WebhookTestConfig.ACME_NEW)
                .then().statusCode(400).body("detail", containsString("unknown event type"));

        String noVersion = Crm.delivery(Crm.deal("D-1", 1, "Open", "10.00").replace("\"version\":1,", ""));
        Crm.post("msg_" + UUID.randomUUID(), Instant.now().getEpochSecond(), noVersion, WebhookTestConfig.ACME_NEW)
                .then().statusCode(400).body("detail", containsString("\"version\" or \"modifiedAt\""));
    }

    @Test
    void linesThatDoNotSumToTheAmountAreRefusedWithTheReason() throws Exception {
        String id = "msg_" + UUID.randomUUID();
        Crm.post(id, Instant.now().getEpochSecond(), Crm.delivery(Crm.deal("D-" + UUID.randomUUID(), 1, "Open", "100.00", "60.00", "30.00")),
                        WebhookTestConfig.ACME_NEW)
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("the lines sum to 90.00 EUR but the deal amount is 100.00 EUR"));
        Crm.post(id, Instant.now().getEpochSecond(), Crm.delivery(Crm.deal("D-" + UUID.randomUUID(), 1, "Open", "100.001")),
                        WebhookTestConfig.ACME_NEW)
                .then().statusCode(400).body("detail", containsString("decimals"));
        assertNothingWritten(id);
    }

    @Test
    void anUnreadableRecordOnCrmWebhooksIsDeadLetteredAndTheNormaliserKeepsGoing() {
        String id = "poison-" + UUID.randomUUID();
        TestSupport.send("crm.webhooks", id, "{\"deliveryId\": ", PartnerEventsConsumerTest.headers(id,
                "partnerflow.crm.delivery-received.v1", id));
        List<ConsumerRecord<String, String>> dead = TestSupport.await("crm.webhooks.dlq.deal-service",
                r -> id.equals(r.key()), 1, Duration.ofSeconds(30));
        assertEquals(1, dead.size());
        assertTrue(TestSupport.header(dead.get(0), "dead-letter-reason").contains("unreadable"));
        String crmId = "D-" + UUID.randomUUID();
        Crm.post(Crm.delivery(Crm.deal(crmId, 1, "Open", "10.00"))).then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> deal(crmId).then().statusCode(200));
    }

    static io.restassured.response.Response deal(String crmId) {
        return given().header("Authorization", bearer("cm-1", "channel-manager"))
                .queryParam("crmSystem", "generic").queryParam("crmDealId", crmId).get("/deals");
    }

    static void assertNothingWritten(String webhookId) throws Exception {
        assertEquals(0, TestSupport.await("crm.webhooks", r -> webhookId.equals(r.key()), 1, Duration.ofSeconds(2)).size());
        assertEquals(0, count("select count(*) from crm_delivery where delivery_id = ?", webhookId));
    }
}
