package io.partnerflow.e2e;

import io.restassured.RestAssured;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Whole-system changes after the fact, through REST and signed webhooks only: a registration conflict, a
 * re-attribution that moves credit between partners (exact earning deltas, earlier earnings untouched), and a tier
 * change between two deals (each deal paid at the rate of the tier as of its close).
 */
class DeltasEndToEndTest {
    private static SystemUnderTest sut;

    @BeforeAll
    static void startSystem() throws Exception {
        sut = SystemUnderTest.get();
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private static RequestSpecification as(String service, String bearer) {
        return Crm.as(sut, service, bearer);
    }

    @Test
    void theSecondPartnerToRegisterACustomerIsRejectedAsAConflict() {
        String uniq = UUID.randomUUID().toString().substring(0, 8);
        String p1 = Crm.activePartner(sut, "Conflict One " + uniq, "DE", "EUR", "CF-" + uniq + "-1");
        String p2 = Crm.activePartner(sut, "Conflict Two " + uniq, "DE", "EUR", "CF-" + uniq + "-2");
        Map<String, Object> registration = Map.of("customer", Map.of("name", "Contested GmbH " + uniq,
                        "domain", "contested-" + uniq + ".example", "country", "DE"), "productCategories", List.of("software"),
                "expectedAmount", Map.of("amount", "40000.00", "currency", "EUR"));
        String first = as("deal", sut.partnerBearer("u1-" + uniq, p1)).body(registration).post("/registrations")
                .then().statusCode(201).body("status", equalTo("submitted")).extract().path("id");
        as("deal", sut.partnerBearer("u2-" + uniq, p2)).body(registration).post("/registrations")
                .then().statusCode(201).body("status", equalTo("rejected")).body("conflictingRegistrationId", equalTo(first));
        // and neither partner can read the other's registration
        as("deal", sut.partnerBearer("u2-" + uniq, p2)).get("/registrations/" + first).then().statusCode(404);
    }

    @Test
    void reattributionMovesCreditAndPostsExactDeltas() {
        String uniq = UUID.randomUUID().toString().substring(0, 8);
        String cm = sut.bearer("cm-deltas", "channel-manager");
        String c = Crm.activePartner(sut, "Reattr C " + uniq, "US", "USD", "RA-" + uniq + "-C");
        String d = Crm.activePartner(sut, "Reattr D " + uniq, "US", "USD", "RA-" + uniq + "-D");
        as("attribution", cm).body(Map.of("name", "e2e-ra-linear-" + uniq, "effectiveFrom", "2020-01-01T00:00:00Z",
                "config", Map.of("kind", "LINEAR"))).post("/models").then().statusCode(201);
        as("attribution", cm).body(Map.of("name", "e2e-ra-first-" + uniq, "effectiveFrom", "2020-01-01T00:00:00Z",
                "config", Map.of("kind", "FIRST_TOUCH"))).post("/models").then().statusCode(201);
        as("attribution", cm).body(Map.of("priority", 2, "country", "LI", "modelName", "e2e-ra-linear-" + uniq))
                .post("/model-rules").then().statusCode(201);
        program(cm, "e2e-ra-" + uniq, "LI", List.of(Map.of("tier", "*", "category", "*", "sourced", "0.10", "influenced", "0.10")));

        // a unique close instant in the past, so the re-attribution window holds this deal only
        Instant closed = Instant.parse("2025-03-03T10:00:00Z").plusSeconds(Math.abs(uniq.hashCode() % 50_000));
        String crm = "RA-" + uniq;
        Map<String, Object> deal = Crm.wonDeal(crm, "USD", closed, "NWC-PLAT-1Y", "software", "1000.00");
        deal.put("customer", Map.of("name", "Vaduz Tools " + uniq, "country", "LI"));
        Crm.deliver(sut, "ra-" + uniq, List.of(
                Crm.event(crm + "-tC", "touchpoint.recorded", 1, Crm.touch(crm + "-tC", crm, "RA-" + uniq + "-C", "referral", closed.minus(Duration.ofDays(9)))),
                Crm.event(crm + "-tD", "touchpoint.recorded", 1, Crm.touch(crm + "-tD", crm, "RA-" + uniq + "-D", "demo", closed.minus(Duration.ofDays(3)))),
                Crm.event(crm + "-v1", "deal.upserted", 1, deal))).then().statusCode(202);
        assertEquals(new BigDecimal("50.00"), total(earnings(cm, c, 1)));
        assertEquals(new BigDecimal("50.00"), total(earnings(cm, d, 1)));

        // re-attribute with first-touch: C gets everything → C +50.00, D -50.00 as adjustments; the originals stay
        as("attribution", cm).body(Map.of("from", closed.toString(), "to", closed.plusSeconds(1).toString(),
                        "modelName", "e2e-ra-first-" + uniq, "reason", "e2e: the referral sourced it alone"))
                .post("/reattributions").then().statusCode(200);
        JsonPath cLines = earnings(cm, c, 2);
        JsonPath dLines = earnings(cm, d, 2);
        assertEquals(new BigDecimal("100.00"), total(cLines));
        assertEquals(0, total(dLines).signum(), "D's credit is gone: 50.00 - 50.00");
        assertEquals("50.00", cLines.getString("[0].amount.amount"), "the original earning is never edited");
        assertEquals("-50.00", dLines.getString("[1].amount.amount"));
    }

    @Test
    void aTierChangeBetweenTwoDealsPaysEachAtTheRateOfItsCloseDate() {
        String uniq = UUID.randomUUID().toString().substring(0, 8);
        String cm = sut.bearer("cm-tiers", "channel-manager");
        as("partner", sut.bearer("admin-tiers", "admin")).body(Map.of("demotionGraceDays", 30, "promotionRequiresApproval", false,
                "tiers", List.of(
                        Map.of("code", "registered", "name", "Registered", "rank", 0, "benefits", List.of()),
                        Map.of("code", "gold", "name", "Gold", "rank", 1, "benefits", List.of(),
                                "criteria", List.of(Map.of("metric", "ATTRIBUTED_REVENUE", "threshold", "50000.00", "windowMonths", 12))))))
                .put("/tier-ladder").then().statusCode(200);
        String e = Crm.activePartner(sut, "Tiered E " + uniq, "US", "USD", "TR-" + uniq + "-E");
        program(cm, "e2e-tier-" + uniq, "MC", List.of(
                Map.of("tier", "*", "category", "*", "sourced", "0.10", "influenced", "0.10"),
                Map.of("tier", "gold", "category", "*", "sourced", "0.20", "influenced", "0.20")));

        Instant before = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        sendMonacoDeal(uniq, "1", e, before);
        JsonPath first = earnings(cm, e, 1);
        assertEquals("100.00", first.getString("[0].amount.amount"), "10% before the promotion");

        as("partner", cm).body(Map.of("tierCode", "gold", "reason", "e2e promotion", "expiresAt",
                Instant.now().plus(30, ChronoUnit.DAYS).toString())).put("/partners/" + e + "/tier-override").then().statusCode(200);
        // incentive-service learns the tier from partner.events: the next close waits until it has consumed the change
        awaitIncentiveConsumedTierChange(e, "gold");
        Instant after = Instant.now().plus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        sendMonacoDeal(uniq, "2", e, after);
        JsonPath both = earnings(cm, e, 2);
        assertEquals("200.00", both.getString("[1].amount.amount"), "20% as gold, the tier as of the second close");
        assertEquals("100.00", both.getString("[0].amount.amount"), "the first deal keeps its rate");
    }

    /**
     * Waits until the incentive-service group's committed offset is past the partner's tier-changed record to
     * {@code tier} on partner.events (a fixed pause raced the outbox relay and the consumer on a loaded machine).
     */
    private static void awaitIncentiveConsumedTierChange(String partnerId, String tier) {
        List<ConsumerRecord<String, String>> changes = Crm.read(sut, "partner.events", r -> partnerId.equals(r.key())
                && "partnerflow.partner.tier-changed.v1".equals(Crm.header(r, "ce_type"))
                && tier.equals(JsonPath.from(r.value()).getString("to.code")), 1, Duration.ofSeconds(60));
        assertEquals(1, changes.size(), "one tier change of " + partnerId + " to " + tier + " on partner.events");
        TopicPartition tp = new TopicPartition("partner.events", changes.get(0).partition());
        long offset = changes.get(0).offset();
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, sut.kafka());
        try (Admin admin = Admin.create(p)) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets("incentive-service").partitionsToOffsetAndMetadata()
                        .get(10, TimeUnit.SECONDS).get(tp);
                return committed != null && committed.offset() > offset;
            });
        }
    }

    private static void sendMonacoDeal(String uniq, String n, String partnerId, Instant closed) {
        String crm = "TR-" + uniq + "-" + n;
        Map<String, Object> deal = Crm.wonDeal(crm, "USD", closed, "NWC-PLAT-1Y", "software", "1000.00");
        deal.put("customer", Map.of("name", "Monaco Yachts " + uniq + " " + n, "country", "MC"));
        Crm.deliver(sut, "tr-" + uniq + "-" + n, List.of(
                Crm.event(crm + "-t", "touchpoint.recorded", 1, Crm.touch(crm + "-t", crm, "TR-" + uniq + "-E", "referral",
                        closed.minus(Duration.ofDays(5)))),
                Crm.event(crm + "-v1", "deal.upserted", 1, deal))).then().statusCode(202);
    }

    private static void program(String cm, String code, String customerCountry, List<Map<String, Object>> rates) {
        as("incentive", cm).body(Map.of("code", code, "name", "E2E " + code, "effectiveFrom", "2020-01-01T00:00:00Z",
                "rules", List.of(Map.of("key", "commission", "name", "Commission", "kind", "commission",
                        "eligibility", Map.of("customerCountries", List.of(customerCountry)),
                        "commission", Map.of("rates", rates))))).post("/programs").then().statusCode(201);
    }

    private static JsonPath earnings(String bearer, String partnerId, int atLeast) {
        return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                as("incentive", bearer).get("/partners/" + partnerId + "/earnings").then().statusCode(200).extract().jsonPath(),
                j -> j.getList("$").size() >= atLeast);
    }

    private static BigDecimal total(JsonPath earnings) {
        List<String> amounts = earnings.getList("amount.amount");
        return amounts.stream().map(BigDecimal::new).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
