package io.partnerflow.e2e;

import io.partnerflow.contracts.ContractValidator;
import io.partnerflow.contracts.EventJson;
import io.partnerflow.contracts.deal.DealClosedWon;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deal-service inside the whole system: a partner created in partner-service, a deal registration submitted by the
 * partner and approved by a channel manager, and a CRM deal arriving through the SIGNED generic webhook — open with
 * a partner touchpoint, then won — produce one deal.closed-won carrying the touchpoints and the converted
 * registration — which attribution-service then attributes (deal.attributed, REST, partner scoping). Driven only
 * through REST and webhooks; Kafka is read to observe.
 */
class DealServiceEndToEndTest {
    private static SystemUnderTest sut;

    @BeforeAll
    static void startSystem() throws Exception {
        sut = SystemUnderTest.get();
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void aSignedCrmDealWithARegisteredPartnerIsPublishedOnceAsClosedWonWithItsTouchpointsAndRegistration() {
        String cm = sut.bearer("cm-e2e", "channel-manager");
        String uniq = UUID.randomUUID().toString().substring(0, 8);
        String partnerId = given().baseUri(sut.url("partner")).header("Authorization", cm).contentType(ContentType.JSON)
                .body(Map.of("name", "E2E Reseller " + uniq, "type", "RESELLER", "country", "DE", "payoutCurrency", "EUR"))
                .post("/partners").then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                given().baseUri(sut.url("deal")).header("Authorization", cm).get("/partner-directory/" + partnerId)
                        .then().statusCode(200));

        // the partner registers the opportunity; a channel manager approves it
        String partner = sut.partnerBearer("seller-" + uniq, partnerId);
        String registrationId = given().baseUri(sut.url("deal")).header("Authorization", partner).contentType(ContentType.JSON)
                .body(Map.of("customer", Map.of("name", "Contoso " + uniq, "domain", "contoso-" + uniq + ".example", "country", "DE"),
                        "productCategories", List.of("software"), "expectedAmount", Map.of("amount", "50000.00", "currency", "EUR"),
                        "expectedCloseDate", "2027-03-31"))
                .post("/registrations").then().statusCode(201).body("status", equalTo("submitted")).extract().path("id");
        given().baseUri(sut.url("deal")).header("Authorization", sut.partnerBearer("other", UUID.randomUUID().toString()))
                .get("/registrations/" + registrationId).then().statusCode(404);
        given().baseUri(sut.url("deal")).header("Authorization", cm).post("/registrations/" + registrationId + "/approve")
                .then().statusCode(200).body("status", equalTo("approved"));

        // the CRM reports the deal (signed), with the partner's demo, then wins it
        String crmDealId = "E2E-" + uniq;
        Instant closedAt = Instant.now().plusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String open = delivery(deal(crmDealId, 1, "Negotiation", null, uniq),
                """
                {"id":"tp-%s","type":"touchpoint.recorded","version":1,"data":{"touchpointId":"TP-%s","dealId":"%s",
                 "partnerId":"%s","type":"demo","occurredAt":"%s","evidence":"demo for the IT team"}}"""
                        .formatted(uniq, uniq, crmDealId, partnerId, Instant.now().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
        post(open, SystemUnderTest.DEAL_WEBHOOK_SECRET).then().statusCode(202);
        post(open, "whsec_" + Base64.getEncoder().encodeToString("not the secret".getBytes(StandardCharsets.UTF_8)))
                .then().statusCode(401);
        // deliveries are keyed by delivery id (no order across them): let the open state land first
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                given().baseUri(sut.url("deal")).header("Authorization", cm).queryParam("crmSystem", "generic")
                        .queryParam("crmDealId", crmDealId).get("/deals").then().statusCode(200)
                        .body("registrationId", equalTo(registrationId)).body("touchpoints.size()", equalTo(2)));
        post(delivery(deal(crmDealId, 2, "Closed Won", closedAt.toString(), uniq)), SystemUnderTest.DEAL_WEBHOOK_SECRET)
                .then().statusCode(202);

        List<ConsumerRecord<String, String>> won = observe("deal.events",
                r -> "partnerflow.deal.closed-won.v1".equals(header(r, "ce_type")) && r.value().contains(crmDealId), 1);
        assertEquals(1, won.size(), "closed-won for " + crmDealId);
        assertEquals(List.of(), ContractValidator.validate("partnerflow.deal.closed-won.v1", won.get(0).value()));
        DealClosedWon snapshot = EventJson.readString(won.get(0).value(), DealClosedWon.class);
        assertEquals("generic", snapshot.crmSystem());
        assertEquals("48000.00", snapshot.amount().amountString());
        assertEquals(registrationId, snapshot.registration().registrationId());
        assertEquals(List.of("deal_registration", "demo"), snapshot.touchpoints().stream().map(t -> t.touchType()).sorted().toList());
        assertTrue(snapshot.touchpoints().stream().allMatch(t -> t.partnerId().equals(partnerId)));
        assertEquals(snapshot.dealId(), won.get(0).key());
        assertNotNull(header(won.get(0), "traceparent"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().baseUri(sut.url("deal")).header("Authorization", partner)
                .get("/registrations/" + registrationId).then().statusCode(200).body("status", equalTo("converted")));
        // exactly once for that revision, even though the system keeps running
        assertEquals(1, observe("deal.events", r -> "partnerflow.deal.closed-won.v1".equals(header(r, "ce_type"))
                && r.value().contains(crmDealId), 2).size());
        // attribution-service attributes the won deal from deal.events alone: one partner, both touches,
        // the whole amount, sourced (it holds the approved registration)
        List<ConsumerRecord<String, String>> attributed = observe("attribution.events",
                r -> snapshot.dealId().equals(r.key()) && "partnerflow.deal.attributed.v1".equals(header(r, "ce_type")), 1);
        assertEquals(1, attributed.size(), "deal.attributed for " + snapshot.dealId());
        assertEquals(List.of(), ContractValidator.validate("partnerflow.deal.attributed.v1", attributed.get(0).value()));
        given().baseUri(sut.url("attribution")).header("Authorization", cm).get("/attributions/deals/" + snapshot.dealId())
                .then().statusCode(200).body("credits.size()", equalTo(1))
                .body("credits[0].partnerId", equalTo(partnerId)).body("credits[0].role", equalTo("sourced"))
                .body("credits[0].amount.amount", equalTo("48000.00")).body("credits[0].weight", equalTo("1.00000000"));
        given().baseUri(sut.url("attribution")).header("Authorization", partner).get("/partners/" + partnerId + "/credits")
                .then().statusCode(200).body("amount", org.hamcrest.Matchers.hasItem("48000.00"));
        given().baseUri(sut.url("attribution")).header("Authorization", sut.partnerBearer("other", UUID.randomUUID().toString()))
                .get("/partners/" + partnerId + "/credits").then().statusCode(404);
    }

    private static Response post(String body, String secret) {
        String id = "msg_" + UUID.randomUUID();
        long ts = Instant.now().getEpochSecond();
        return given().baseUri(sut.url("deal")).contentType(ContentType.JSON).header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(ts)).header("webhook-signature", sign(secret, id, ts, body))
                .body(body.getBytes(StandardCharsets.UTF_8)).post("/webhooks/crm/generic");
    }

    /** Standard Webhooks: v1,base64(HMAC-SHA256(base64-decoded secret, id.timestamp.body)). */
    private static String sign(String secret, String id, long ts, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal((id + "." + ts + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String delivery(String... events) {
        return "{\"events\":[" + String.join(",", events) + "]}";
    }

    private static String deal(String crmDealId, int version, String stage, String closedAt, String uniq) {
        return """
                {"id":"%s","type":"deal.upserted","version":%d,"data":{"dealId":"%s","name":"Contoso platform",
                 "customer":{"name":"Contoso %s","domain":"www.contoso-%s.example","country":"DE"},"currency":"EUR",
                 "amount":"48000.00","stage":"%s","type":"new","createdAt":"2026-10-01T09:00:00Z"%s,
                 "lines":[{"sku":"PLAT-1Y","category":"software","quantity":"40","amount":"40000.00"},
                          {"sku":"ONBOARD","category":"services","quantity":"1","amount":"8000.00"}]}}"""
                .formatted(UUID.randomUUID(), version, crmDealId, uniq, uniq, stage,
                        closedAt == null ? "" : ",\"closedAt\":\"" + closedAt + "\"");
    }

    private static List<ConsumerRecord<String, String>> observe(String topic, Predicate<ConsumerRecord<String, String>> filter,
                                                                int count) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, sut.kafka());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-deal-observer-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            c.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (out.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    if (filter.test(r)) {
                        out.add(r);
                    }
                }
            }
        }
        return out;
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
