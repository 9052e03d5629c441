package io.partnerflow.deal;

import io.partnerflow.contracts.ContractValidator;
import io.partnerflow.testing.TestSupport;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.partnerflow.testing.TestSupport.bearer;
import static io.partnerflow.testing.TestSupport.header;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** deal-service's partner.events consumer against the real broker and database. */
@QuarkusTest
class PartnerEventsConsumerTest {
    private static final String TOPIC = "partner.events";
    private static final String DLQ = "partner.events.dlq.deal-service";

    @Test
    void aPartnerEventDeliveredTwiceIsAppliedOnce() throws Exception {
        String partnerId = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        String registered = registered(partnerId, "Twice Delivered GmbH");
        assertEquals(List.of(), ContractValidator.validate("partnerflow.partner.registered.v1", registered));

        TestSupport.send(TOPIC, partnerId, registered, headers(eventId, "partnerflow.partner.registered.v1", partnerId));
        TestSupport.send(TOPIC, partnerId, registered, headers(eventId, "partnerflow.partner.registered.v1", partnerId));
        // A later event on the same key (same partition): once it is applied, both copies before it were seen.
        String statusChanged = """
                {"partnerId":"%s","from":"prospect","to":"onboarding","reason":"contract signed",
                 "changedAt":"2026-11-02T10:00:00Z","changedBy":"cm-1"}""".formatted(partnerId);
        assertEquals(List.of(), ContractValidator.validate("partnerflow.partner.status-changed.v1", statusChanged));
        TestSupport.send(TOPIC, partnerId, statusChanged,
                headers(UUID.randomUUID().toString(), "partnerflow.partner.status-changed.v1", partnerId));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> directory(partnerId)
                .then().statusCode(200).body("status", equalTo("onboarding")));
        directory(partnerId).then().body("revision", equalTo(2)).body("name", equalTo("Twice Delivered GmbH"));
        assertEquals(1, count("select count(*) from processed_event where consumer = 'deal-service' and event_id = ?", eventId));
    }

    @Test
    void aPoisonMessageIsDeadLetteredWithItsReasonAndTheNextMessageOnThePartitionIsProcessed() {
        String partnerId = UUID.randomUUID().toString();
        String poisonId = UUID.randomUUID().toString();
        // Same key → same partition, poison first.
        TestSupport.send(TOPIC, partnerId, "{\"partnerId\": \"" + partnerId + "\", \"name\": ",
                headers(poisonId, "partnerflow.partner.registered.v1", partnerId));
        TestSupport.send(TOPIC, partnerId, registered(partnerId, "After The Poison Ltd"),
                headers(UUID.randomUUID().toString(), "partnerflow.partner.registered.v1", partnerId));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> directory(partnerId)
                .then().statusCode(200).body("name", equalTo("After The Poison Ltd")).body("revision", equalTo(1)));

        List<ConsumerRecord<String, String>> dead = TestSupport.await(DLQ,
                r -> poisonId.equals(header(r, "ce_id")), 1, Duration.ofSeconds(30));
        assertEquals(1, dead.size(), "poison on " + DLQ);
        ConsumerRecord<String, String> d = dead.get(0);
        assertNotNull(header(d, "dead-letter-reason"));
        assertTrue(header(d, "dead-letter-reason").contains("unreadable"), header(d, "dead-letter-reason"));
        assertEquals(TOPIC, header(d, "dead-letter-topic"));
        assertNotNull(header(d, "dead-letter-partition"));
        assertNotNull(header(d, "dead-letter-offset"));
        assertEquals(partnerId, d.key());
    }

    @Test
    void aMessageWithoutCloudEventsHeadersIsDeadLettered() {
        String partnerId = UUID.randomUUID().toString();
        String marker = "no-headers-" + partnerId;
        TestSupport.send(TOPIC, partnerId, "{\"marker\":\"" + marker + "\"}", Map.of());
        List<ConsumerRecord<String, String>> dead = TestSupport.await(DLQ, r -> r.value().contains(marker), 1,
                Duration.ofSeconds(30));
        assertEquals(1, dead.size());
        assertEquals("missing ce_id header", header(dead.get(0), "dead-letter-reason"));
    }

    @Test
    void aPartnerUserCannotReadAnotherPartnersDirectoryEntry() {
        String partnerId = UUID.randomUUID().toString();
        TestSupport.send(TOPIC, partnerId, registered(partnerId, "Scoped Partner"),
                headers(UUID.randomUUID().toString(), "partnerflow.partner.registered.v1", partnerId));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> directory(partnerId).then().statusCode(200));
        given().header("Authorization", TestSupport.partnerBearer("p-user", partnerId))
                .get("/partner-directory/" + partnerId).then().statusCode(200);
        given().header("Authorization", TestSupport.partnerBearer("other-user", UUID.randomUUID().toString()))
                .get("/partner-directory/" + partnerId).then().statusCode(404)
                .contentType("application/problem+json");
    }

    private static io.restassured.response.Response directory(String partnerId) {
        return given().header("Authorization", bearer("cm-1", "channel-manager")).get("/partner-directory/" + partnerId);
    }

    static String registered(String partnerId, String name) {
        return """
                {"partnerId":"%s","name":"%s","legalName":null,"type":"reseller","status":"prospect",
                 "country":"DE","payoutCurrency":"EUR","webDomains":["example.de"],
                 "registeredAt":"2026-11-01T09:00:00Z","crmAccounts":[],"tier":null}""".formatted(partnerId, name);
    }

    static Map<String, String> headers(String id, String type, String subject) {
        Map<String, String> h = new HashMap<>();
        h.put("ce_id", id);
        h.put("ce_type", type);
        h.put("ce_source", "/partnerflow/partner-service");
        h.put("ce_time", "2026-11-01T09:00:00Z");
        h.put("ce_subject", subject);
        h.put("ce_specversion", "1.0");
        return h;
    }

    static long count(String sql, String param) throws Exception {
        try (Connection c = TestSupport.jdbc(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, param);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
