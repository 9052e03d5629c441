package io.partnerflow.deal;

import io.partnerflow.deal.domain.signature.StandardWebhooks;
import io.partnerflow.testing.TestSupport;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.partnerflow.testing.TestSupport.header;
import static io.restassured.RestAssured.given;

/** Test helpers: signed generic deliveries, deal payloads, deal.events observation. */
final class Crm {
    static final String DEAL_EVENTS = "deal.events";

    private Crm() {
    }

    static Response post(String body) {
        return post(UUID.randomUUID().toString(), Instant.now().getEpochSecond(), body, WebhookTestConfig.ACME_NEW);
    }

    static Response post(String id, long ts, String body, String secret) {
        return postRaw(id, ts, body, StandardWebhooks.sign(secret, id, ts, body.getBytes(StandardCharsets.UTF_8)));
    }

    static Response postRaw(String id, long ts, String body, String signature) {
        return given().contentType("application/json").header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(ts)).header("webhook-signature", signature)
                .body(body.getBytes(StandardCharsets.UTF_8)).post("/webhooks/crm/generic");
    }

    static String delivery(String... events) {
        return "{\"events\":[" + String.join(",", events) + "]}";
    }

    /** A deal.upserted event with one or two lines summing to {@code amount}. */
    static String deal(String dealId, long version, String stage, String amount, String... lineAmounts) {
        StringBuilder lines = new StringBuilder();
        String[] la = lineAmounts.length == 0 ? new String[]{amount} : lineAmounts;
        for (int i = 0; i < la.length; i++) {
            if (i > 0) {
                lines.append(',');
            }
            lines.append("""
                    {"lineNumber":%d,"sku":"SKU-%d","productName":"Product %d","category":"%s","quantity":"%d","amount":"%s"}"""
                    .formatted(i + 1, i + 1, i + 1, i == 0 ? "software" : "services", 10 * (i + 1), la[i]));
        }
        boolean closed = stage.toLowerCase().startsWith("closed");
        return """
                {"id":"%s","type":"deal.upserted","version":%d,"data":{"dealId":"%s","name":"Deal %s","type":"new",
                 "customer":{"name":"Customer of %s","domain":"https://www.%s.example/","country":"de","accountId":"ACC-%s"},
                 "currency":"EUR","amount":"%s","stage":"%s","createdAt":"2026-10-01T09:00:00Z"%s,
                 "expectedCloseDate":"2026-12-15","lines":[%s]}}"""
                .formatted(UUID.randomUUID(), version, dealId, dealId, dealId, dealId.toLowerCase(), dealId, amount,
                        stage, closed ? ",\"closedAt\":\"2026-11-20T10:00:00Z\"" : "", lines);
    }

    static String touch(String touchId, String dealId, long version, String partnerField, String type, String at) {
        return """
                {"id":"%s","type":"touchpoint.recorded","version":%d,"data":{"touchpointId":"%s","dealId":"%s",%s,
                 "type":"%s","occurredAt":"%s","evidence":"meeting notes"}}"""
                .formatted(UUID.randomUUID(), version, touchId, dealId, partnerField, type, at);
    }

    static String dealId(String crmDealId) {
        return io.partnerflow.deal.domain.Ids.deal("generic", crmDealId).toString();
    }

    static List<ConsumerRecord<String, String>> events(String dealId, String type, int atLeast, Duration timeout) {
        return TestSupport.await(DEAL_EVENTS, r -> dealId.equals(r.key()) && type.equals(header(r, "ce_type")),
                atLeast, timeout);
    }

    /** Exactly {@code n} events of {@code type} for the deal ({@link TestSupport#settled}); returns them. */
    static List<ConsumerRecord<String, String>> exactly(String dealId, String type, int n, String message) {
        List<ConsumerRecord<String, String>> all = TestSupport.settled(DEAL_EVENTS,
                r -> dealId.equals(r.key()) && type.equals(header(r, "ce_type")), n, Duration.ofSeconds(3));
        org.junit.jupiter.api.Assertions.assertEquals(n, all.size(), message);
        return all;
    }
}
