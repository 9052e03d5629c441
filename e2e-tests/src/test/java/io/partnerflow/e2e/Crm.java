package io.partnerflow.e2e;

import io.partnerflow.infra.demo.DemoClient;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Whole-system test helpers: partners over REST, signed generic CRM deliveries, Kafka observation. */
final class Crm {
    private Crm() {
    }

    /** A JSON request to one service with a bearer token. */
    static io.restassured.specification.RequestSpecification as(SystemUnderTest sut, String service, String bearer) {
        return given().baseUri(sut.url(service)).header("Authorization", bearer).contentType(ContentType.JSON);
    }

    /** Creates an ACTIVE partner with a generic CRM account id and waits until deal-service knows it. */
    static String activePartner(SystemUnderTest sut, String name, String country, String payoutCurrency, String crmAccount) {
        String cm = sut.bearer("cm-e2e", "channel-manager");
        String id = given().baseUri(sut.url("partner")).header("Authorization", cm).contentType(ContentType.JSON)
                .body(Map.of("name", name, "type", "RESELLER", "country", country, "payoutCurrency", payoutCurrency,
                        "crmAccounts", List.of(Map.of("system", "generic", "accountId", crmAccount))))
                .post("/partners").then().statusCode(201).extract().path("id");
        for (String status : List.of("ONBOARDING", "ACTIVE")) {
            given().baseUri(sut.url("partner")).header("Authorization", cm).contentType(ContentType.JSON)
                    .body(Map.of("status", status, "reason", "e2e")).post("/partners/" + id + "/status").then().statusCode(200);
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                given().baseUri(sut.url("deal")).header("Authorization", cm).get("/partner-directory/" + id)
                        .then().statusCode(200));
        return id;
    }

    static Map<String, Object> event(String id, String type, int version, Map<String, Object> data) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", id);
        e.put("type", type);
        e.put("version", version);
        e.put("data", data);
        return e;
    }

    /** A won deal: lines as (sku, category, amount) triples. */
    static Map<String, Object> wonDeal(String crmDealId, String currency, Instant closedAt, String... lines) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("dealId", crmDealId);
        d.put("name", "Deal " + crmDealId);
        d.put("customer", Map.of("name", "Customer of " + crmDealId, "country", "DE"));
        d.put("currency", currency);
        List<Map<String, Object>> ls = new ArrayList<>();
        java.math.BigDecimal total = java.math.BigDecimal.ZERO;
        for (int i = 0; i < lines.length; i += 3) {
            ls.add(Map.of("lineNumber", i / 3 + 1, "sku", lines[i], "category", lines[i + 1], "amount", lines[i + 2]));
            total = total.add(new java.math.BigDecimal(lines[i + 2]));
        }
        d.put("amount", total.toPlainString());
        d.put("lines", ls);
        d.put("stage", "Closed Won");
        d.put("createdAt", closedAt.minus(Duration.ofDays(30)).toString());
        d.put("closedAt", closedAt.toString());
        return d;
    }

    static Map<String, Object> touch(String touchpointId, String crmDealId, String partnerAccount, String type, Instant at) {
        return Map.of("touchpointId", touchpointId, "dealId", crmDealId, "partnerAccountId", partnerAccount, "type", type,
                "occurredAt", at.toString());
    }

    /** POSTs a signed generic delivery (Standard Webhooks) with the e2e source's secret. */
    static Response deliver(SystemUnderTest sut, String deliveryId, List<Map<String, Object>> events) {
        String body = DemoClient.write(Map.of("events", events));
        long ts = Instant.now().getEpochSecond();
        String sig = DemoClient.sign(SystemUnderTest.DEAL_WEBHOOK_SECRET, deliveryId + "." + ts + "." + body);
        return given().baseUri(sut.url("deal")).contentType(ContentType.JSON).header("webhook-id", deliveryId)
                .header("webhook-timestamp", Long.toString(ts)).header("webhook-signature", "v1," + sig).body(body)
                .post("/webhooks/crm/generic");
    }

    /** Every record of a topic from the beginning that matches, read until {@code expected} matched or timeout. */
    static List<ConsumerRecord<String, String>> read(SystemUnderTest sut, String topic, Predicate<ConsumerRecord<String, String>> filter,
                                                     int expected, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, sut.kafka());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            long deadline = System.nanoTime() + timeout.toNanos();
            List<TopicPartition> tps = new ArrayList<>();
            while (tps.isEmpty() && System.nanoTime() < deadline) {
                var infos = c.partitionsFor(topic, Duration.ofSeconds(5));
                if (infos != null) {
                    infos.forEach(i -> tps.add(new TopicPartition(topic, i.partition())));
                }
            }
            c.assign(tps);
            c.seekToBeginning(tps);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(300))) {
                    if (filter.test(r)) {
                        out.add(r);
                    }
                }
                if (out.size() >= expected && c.assignment().stream().allMatch(tp -> c.position(tp) >= endOffset(c, tp))) {
                    break;
                }
            }
        }
        return out;
    }

    private static long endOffset(KafkaConsumer<String, String> c, TopicPartition tp) {
        return c.endOffsets(List.of(tp)).get(tp);
    }

    static String header(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    static void produceRaw(SystemUnderTest sut, String topic, String key, String value, Map<String, String> headers) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, sut.kafka());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            ProducerRecord<String, String> r = new ProducerRecord<>(topic, key, value);
            headers.forEach((k, v) -> r.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
            producer.send(r).get();
        }
    }
}
