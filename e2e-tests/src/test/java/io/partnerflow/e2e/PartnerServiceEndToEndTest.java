package io.partnerflow.e2e;

import io.partnerflow.contracts.ContractValidator;
import io.partnerflow.contracts.EventJson;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * partner-service inside the whole system (packaged jars started by the run command), driven only through REST:
 * a partner's lifecycle, tier ladder, override and certification reach partner.events as contract-valid events,
 * deal-service follows the partner's status from those events alone, and a partner user sees only its own data.
 */
class PartnerServiceEndToEndTest {
    private static SystemUnderTest sut;

    @BeforeAll
    static void startSystem() throws Exception {
        sut = SystemUnderTest.get();
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private static RequestSpecification as(String bearer) {
        return given().baseUri(sut.url("partner")).header("Authorization", bearer).contentType(ContentType.JSON);
    }

    private static RequestSpecification cm() {
        return as(sut.bearer("cm-anna", "channel-manager"));
    }

    @Test
    void aPartnersLifecycleTierAndCertificationsFlowThroughPartnerEventsAndDealServiceFollows() {
        as(sut.bearer("admin-1", "admin")).body(Map.of("demotionGraceDays", 30, "promotionRequiresApproval", false,
                        "tiers", List.of(
                                Map.of("code", "registered", "name", "Registered", "rank", 0, "benefits",
                                        List.of(Map.of("code", "registration_protection_days", "value", "30", "unit", "days"))),
                                Map.of("code", "gold", "name", "Gold", "rank", 1, "benefits",
                                        List.of(Map.of("code", "registration_protection_days", "value", "90", "unit", "days")),
                                        "criteria", List.of(Map.of("metric", "ATTRIBUTED_REVENUE", "threshold", "50000.00",
                                                "windowMonths", 12))))))
                .put("/tier-ladder").then().statusCode(200);

        String name = "E2E Reseller " + UUID.randomUUID();
        String id = cm().body(Map.of("name", name, "type", "RESELLER", "country", "DE", "payoutCurrency", "EUR",
                        "webDomains", List.of("e2e-" + UUID.randomUUID().toString().substring(0, 8) + ".example"),
                        "crmAccounts", List.of(Map.of("system", "salesforce", "accountId", "001" + UUID.randomUUID())),
                        "primaryContact", Map.of("name", "Erika Muster", "email", "erika@example.com")))
                .post("/partners").then().statusCode(201).body("tier", equalTo("registered")).extract().path("id");
        cm().body(Map.of("status", "ONBOARDING", "reason", "contract sent")).post("/partners/" + id + "/status")
                .then().statusCode(200);
        cm().body(Map.of("status", "ACTIVE", "reason", "countersigned")).post("/partners/" + id + "/status")
                .then().statusCode(200);
        cm().body(Map.of("status", "PROSPECT")).post("/partners/" + id + "/status").then().statusCode(409);
        cm().body(Map.of("personId", "lms-1", "certificationCode", "platform-admin", "certificationName", "Admin",
                "completedAt", Instant.now().minus(Duration.ofDays(1)).toString())).post("/partners/" + id + "/certifications")
                .then().statusCode(201);
        Instant expires = Instant.now().plus(Duration.ofDays(30));
        cm().body(Map.of("tierCode", "gold", "reason", "launch partner", "expiresAt", expires.toString()))
                .put("/partners/" + id + "/tier-override").then().statusCode(200).body("tier.code", equalTo("gold"));

        // deal-service learns the status from partner.events only.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().baseUri(sut.url("deal")).header("Authorization", sut.bearer("cm-anna", "channel-manager"))
                        .get("/partner-directory/" + id).then().statusCode(200).body("status", equalTo("active")));

        // Every event on the partner's key matches its contract, in the order the changes happened.
        List<ConsumerRecord<String, String>> events = observe(id, 6);
        assertEquals(6, events.size(), "six events on the partner's key");
        List<String> types = events.stream().map(r -> header(r, "ce_type")).toList();
        assertEquals(List.of("partnerflow.partner.registered.v1", "partnerflow.partner.tier-changed.v1",
                "partnerflow.partner.status-changed.v1", "partnerflow.partner.status-changed.v1",
                "partnerflow.partner.certification-completed.v1", "partnerflow.partner.tier-changed.v1"),
                types);
        for (ConsumerRecord<String, String> r : events) {
            assertEquals(List.of(), ContractValidator.validate(header(r, "ce_type"), r.value()), r.value());
            assertEquals("/partnerflow/partner-service", header(r, "ce_source"));
        }
        assertEquals("override", EventJson.readTree(events.get(5).value()).get("reason").asText());
        assertEquals("gold", EventJson.readTree(events.get(5).value()).get("to").get("code").asText());
        assertEquals("initial", EventJson.readTree(events.get(1).value()).get("reason").asText());

        // Which tier on which date; a partner user reads its own tier, not another partner's.
        cm().queryParam("at", Instant.now().minus(Duration.ofDays(3)).toString()).get("/partners/" + id + "/tier-history/at")
                .then().statusCode(404);
        cm().get("/partners/" + id + "/tier-history").then().statusCode(200).body("reason", hasItem("override"));
        String other = cm().body(Map.of("name", "Other " + UUID.randomUUID(), "type", "AGENT", "country", "US",
                "payoutCurrency", "USD")).post("/partners").then().statusCode(201).extract().path("id");
        as(sut.partnerBearer("user-a", id)).get("/partners/" + id + "/tier").then().statusCode(200)
                .body("tier.code", equalTo("gold"));
        as(sut.partnerBearer("user-a", id)).get("/partners/" + other + "/tier").then().statusCode(404);
        as(sut.partnerBearer("user-a", id)).get("/partners/" + other + "/tier-history").then().statusCode(404);
        as(sut.partnerBearer("user-a", id)).get("/partners/" + other + "/certifications").then().statusCode(404);
        as(sut.partnerBearer("user-a", id)).body(Map.of()).post("/partners/" + id + "/tier-evaluations").then().statusCode(403);
    }

    /** The first {@code count} records on partner.events keyed by {@code key} (fewer after 30 s). */
    private static List<ConsumerRecord<String, String>> observe(String key, int count) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, sut.kafka());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-partner-observer-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            c.subscribe(List.of("partner.events"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline && found.size() < count) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key()) && found.size() < count) {
                        found.add(r);
                    }
                }
            }
        }
        return found;
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
