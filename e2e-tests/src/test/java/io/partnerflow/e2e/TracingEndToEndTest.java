package io.partnerflow.e2e;

import io.partnerflow.infra.demo.DemoClient;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One trace follows a CRM webhook through the whole system. The caller sends a W3C {@code traceparent};
 * every hop's Kafka record carries the same trace id with a new span id (each service's SERVER/CONSUMER
 * span, platform trace/Tracing): the webhook answer ({@code traceresponse}) → crm.webhooks (deal-service
 * intake) → deal.events (deal-service's outbox, relayed; also consumed by partner-service) → attribution.events
 * (attribution-service) → incentive.earnings (incentive-service) → consumed by payout-service. The services run with the default
 * {@code partnerflow.tracing.exporter=none}: spans are made and propagated, not exported, so the proof is
 * what travels on the wire. Also checks the metrics every consumer exports: processing latency per
 * topic/type and Kafka consumer lag.
 */
class TracingEndToEndTest {
    private static final Pattern TRACEPARENT = Pattern.compile("^00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]$");
    private static SystemUnderTest sut;

    @BeforeAll
    static void startSystem() throws Exception {
        sut = SystemUnderTest.get();
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void oneTraceFollowsAWebhookThroughEveryServiceAndEveryConsumerExportsLatencyAndLag() {
        String uniq = UUID.randomUUID().toString().substring(0, 8);
        // A country no other test uses: the incentive program below pays only this test's partner.
        String country = "LI";
        String account = "ACC-TR-" + uniq;
        String partnerId = Crm.activePartner(sut, "Trace Partner " + uniq, country, "EUR", account);
        String cm = sut.bearer("cm-e2e", "channel-manager");
        given().baseUri(sut.url("incentive")).header("Authorization", cm).contentType(ContentType.JSON)
                .body(program("trace-" + uniq, country)).post("/programs").then().statusCode(org.hamcrest.Matchers.lessThan(300));

        String traceId = hex(16);
        String callerSpan = hex(8);
        String crm = "TR-" + uniq;
        Instant closed = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        String deliveryId = "tr-" + uniq;
        Response answer = deliver(deliveryId, "00-" + traceId + "-" + callerSpan + "-01", List.of(
                Crm.event(crm + "-T1", "touchpoint.recorded", 1, Crm.touch(crm + "-T1", crm, account, "demo", closed.minus(Duration.ofDays(3)))),
                Crm.event(crm + "-v1", "deal.upserted", 1, Crm.wonDeal(crm, "EUR", closed, "SKU-1", "software", "10000.00"))));
        assertTrue(answer.statusCode() < 300, "webhook accepted: " + answer.statusCode() + " " + answer.asString());
        List<String> hops = new ArrayList<>();
        hops.add(assertContinues("webhook answer (traceresponse)", answer.header("traceresponse"), traceId, List.of(callerSpan)));

        Duration wait = Duration.ofSeconds(30);
        ConsumerRecord<String, String> intake = one(Crm.read(sut, "crm.webhooks", r -> deliveryId.equals(r.key()), 1, wait), "crm.webhooks " + deliveryId);
        // written by the webhook request itself (before it answers): the request's SERVER span
        assertEquals(hops.get(0), Crm.header(intake, "traceparent"), "crm.webhooks carries the webhook request's span");

        ConsumerRecord<String, String> won = one(Crm.read(sut, "deal.events",
                r -> "partnerflow.deal.closed-won.v1".equals(Crm.header(r, "ce_type")) && r.value().contains("\"" + crm + "\""), 1, wait),
                "deal.events closed-won " + crm);
        hops.add(assertContinues("deal.events", Crm.header(won, "traceparent"), traceId, hops));
        String dealId = won.key();

        ConsumerRecord<String, String> attributed = one(Crm.read(sut, "attribution.events",
                r -> dealId.equals(r.key()) && "partnerflow.deal.attributed.v1".equals(Crm.header(r, "ce_type")), 1, wait),
                "attribution.events deal.attributed " + dealId);
        hops.add(assertContinues("attribution.events", Crm.header(attributed, "traceparent"), traceId, hops));

        List<ConsumerRecord<String, String>> earnings = Crm.read(sut, "incentive.earnings",
                r -> r.value().contains(dealId) && r.value().contains(partnerId), 1, wait);
        assertFalse(earnings.isEmpty(), () -> "an earning on incentive.earnings for deal " + dealId + " and partner " + partnerId
                + "; incentive-service says: " + given().baseUri(sut.url("incentive")).header("Authorization", cm)
                .get("/partners/" + partnerId + "/earnings").asString());
        for (ConsumerRecord<String, String> e : earnings) {
            assertContinues("incentive.earnings " + Crm.header(e, "ce_type"), Crm.header(e, "traceparent"), traceId, hops);
        }
        hops.add(Crm.header(earnings.get(0), "traceparent"));

        // payout-service consumes that earning (its CONSUMER span is the earning's child): wait until it has
        // processed incentive.earnings, then every consumer shows latency and lag.
        org.awaitility.Awaitility.await().atMost(wait).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertTrue(sampleSum(metrics("payout"), "partnerflow_events_processing_seconds_count", "topic=\"incentive.earnings\"") >= 1,
                        "payout-service processed incentive.earnings"));
        // consumer -> (topic, SmallRye channel; the Kafka client id is kafka-consumer-<channel>)
        for (String[] consumer : new String[][]{{"deal", "crm.webhooks", "crm-webhooks"}, {"attribution", "deal.events", "deal-events"},
                {"partner", "deal.events", "deal-events"}, {"incentive", "attribution.events", "attribution-events"},
                {"payout", "incentive.earnings", "incentive-earnings"}}) {
            String text = metrics(consumer[0]);
            String topic = "topic=\"" + consumer[1] + "\"";
            assertTrue(sampleSum(text, "partnerflow_events_processing_seconds_count", topic) >= 1, consumer[0] + ": processing timer for " + consumer[1]);
            assertTrue(sampleSum(text, "partnerflow_events_processing_seconds_bucket", topic) >= 1, consumer[0] + ": latency histogram for " + consumer[1]);
            assertTrue(sampleSum(text, "partnerflow_events_consumed_total", topic) >= 1, consumer[0] + ": consumed counter for " + consumer[1]);
            // a poll's wall time, parse to acknowledgement (bench/pipeline-bench.sh reads it: how busy each consumer was)
            assertTrue(sampleSum(text, "partnerflow_events_batch_seconds_count", topic) >= 1, consumer[0] + ": poll timer for " + consumer[1]);
            // consumer lag per service and channel from the start (Micrometer's Kafka binder); the per-partition
            // kafka_consumer_fetch_manager_records_lag{topic,partition} follows at its next refresh (60 s)
            String client = "client_id=\"kafka-consumer-" + consumer[2] + "\"";
            assertTrue(text.lines().anyMatch(l -> l.startsWith("kafka_consumer_fetch_manager_records_lag_max{") && l.contains(client)),
                    consumer[0] + ": consumer lag of channel " + consumer[2] + " exported");
        }
        assertEquals(hops.size(), hops.stream().distinct().count(), "a new span at every hop: " + hops);
    }

    /** Asserts the traceparent continues the trace with a span id not seen before; returns it. */
    private static String assertContinues(String hop, String traceparent, String traceId, List<String> earlier) {
        assertNotNull(traceparent, hop + ": no traceparent");
        Matcher m = TRACEPARENT.matcher(traceparent);
        assertTrue(m.matches(), hop + ": malformed traceparent " + traceparent);
        assertEquals(traceId, m.group(1), hop + ": left the webhook's trace (" + traceparent + ")");
        for (String e : earlier) {
            assertNotEquals(e, traceparent, hop + ": no new span");
        }
        return traceparent;
    }

    private static ConsumerRecord<String, String> one(List<ConsumerRecord<String, String>> records, String what) {
        assertFalse(records.isEmpty(), "no " + what);
        return records.get(0);
    }

    private static Response deliver(String deliveryId, String traceparent, List<Map<String, Object>> events) {
        String body = DemoClient.write(Map.of("events", events));
        long ts = Instant.now().getEpochSecond();
        String sig = DemoClient.sign(SystemUnderTest.DEAL_WEBHOOK_SECRET, deliveryId + "." + ts + "." + body);
        return given().baseUri(sut.url("deal")).contentType(ContentType.JSON).header("webhook-id", deliveryId)
                .header("webhook-timestamp", Long.toString(ts)).header("webhook-signature", "v1," + sig)
                .header("traceparent", traceparent).body(body).post("/webhooks/crm/generic");
    }

    /** Commission at any tier (a new partner has none yet), only for partners in {@code country}. */
    private static Map<String, Object> program(String code, String country) {
        List<Map<String, Object>> rates = new ArrayList<>();
        rates.add(Map.of("tier", "*", "category", "*", "sourced", "0.05", "influenced", "0.02"));
        return Map.of("code", code, "name", "Tracing e2e " + code, "priority", 1, "effectiveFrom", "2020-01-01T00:00:00Z",
                "rules", List.of(Map.of("key", "commission", "name", "Commission", "kind", "commission",
                        "eligibility", Map.of("partnerCountries", List.of(country)),
                        "commission", Map.of("rates", rates))));
    }

    private static String metrics(String service) {
        return given().baseUri(sut.url(service)).get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** Sum of the samples of a metric whose labels contain {@code labelFragment}. */
    private static double sampleSum(String prometheusText, String metric, String labelFragment) {
        return prometheusText.lines()
                .filter(l -> l.startsWith(metric + "{") && l.contains(labelFragment))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
