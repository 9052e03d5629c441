package io.partnerflow.e2e;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The five services, started from their packaged jars by the run command, driven only through REST;
 * Kafka is read to observe, never written.
 */
class PlatformEndToEndTest {
    private static SystemUnderTest sut;

    @BeforeAll
    static void startSystem() throws Exception {
        sut = SystemUnderTest.get();
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void everyServiceStartsAndReportsHealthyWithItsDatabaseAndKafka() {
        for (String svc : List.of("partner", "deal", "attribution", "incentive", "payout", "analytics")) {
            given().baseUri(sut.url(svc)).get("/q/health/ready")
                    .then().statusCode(200).body("status", equalTo("UP"))
                    .body("checks.name", hasItem("Reactive PostgreSQL connections health check"))
                    .body("checks.name", hasItem("Kafka connection health check"))
                    .body("checks.find { it.name == 'service' }.data.service", equalTo(svc + "-service"));
            given().baseUri(sut.url(svc)).get("/q/health/live").then().statusCode(200);
            given().baseUri(sut.url(svc)).get("/q/openapi?format=json").then().statusCode(200)
                    .body("info.title", equalTo("Partnerflow " + svc + "-service"));
            given().baseUri(sut.url(svc)).get("/q/metrics").then().statusCode(200);
        }
    }

    @Test
    void aRegisteredPartnerCrossesFromPartnerServiceToDealServiceThroughTheOutbox() {
        String name = "Northwind Resale " + UUID.randomUUID();
        String id = given().baseUri(sut.url("partner"))
                .header("Authorization", sut.bearer("cm-anna", "channel-manager"))
                .contentType(ContentType.JSON)
                .body(Map.of("name", name, "type", "RESELLER", "country", "DE", "payoutCurrency", "EUR",
                        "webDomains", List.of("https://www.northwind-" + UUID.randomUUID().toString().substring(0, 8) + ".example")))
                .post("/partners")
                .then().statusCode(201).extract().path("id");

        // deal-service learns about the partner only from partner.events (Debezium-relayed outbox row).
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().baseUri(sut.url("deal"))
                        .header("Authorization", sut.bearer("cm-anna", "channel-manager"))
                        .get("/partner-directory/" + id)
                        .then().statusCode(200).body("name", equalTo(name)).body("revision", org.hamcrest.Matchers.greaterThanOrEqualTo(1)));

        ConsumerRecord<String, String> event = observe("partner.events", id);
        assertNotNull(event, "partner.registered for " + id + " on partner.events");
        assertEquals("partnerflow.partner.registered.v1", header(event, "ce_type"));
        assertEquals("/partnerflow/partner-service", header(event, "ce_source"));
        assertNotNull(header(event, "ce_id"));
        assertNotNull(header(event, "traceparent"));
    }

    @Test
    void aPartnerUserSeesOnlyTheirOwnPartner() {
        String staff = sut.bearer("admin-1", "admin");
        String a = createPartner(staff, "Partner A " + UUID.randomUUID());
        String b = createPartner(staff, "Partner B " + UUID.randomUUID());
        given().baseUri(sut.url("partner")).header("Authorization", sut.partnerBearer("user-a", a))
                .get("/partners/" + a).then().statusCode(200).body("id", equalTo(a));
        given().baseUri(sut.url("partner")).header("Authorization", sut.partnerBearer("user-a", a))
                .get("/partners/" + b).then().statusCode(404).contentType("application/problem+json");
        given().baseUri(sut.url("partner")).header("Authorization", sut.partnerBearer("user-a", a))
                .get("/partners").then().statusCode(403).contentType("application/problem+json");
        given().baseUri(sut.url("partner")).get("/partners/" + a).then().statusCode(401);
    }

    private static String createPartner(String bearer, String name) {
        return given().baseUri(sut.url("partner")).header("Authorization", bearer).contentType(ContentType.JSON)
                .body(Map.of("name", name, "type", "REFERRAL", "country", "US", "payoutCurrency", "USD"))
                .post("/partners").then().statusCode(201).extract().path("id");
    }

    private static ConsumerRecord<String, String> observe(String topic, String key) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, sut.kafka());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-observer-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            c.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key())) {
                        return r;
                    }
                }
            }
        }
        return null;
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
