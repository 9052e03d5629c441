package io.partnerflow.deal;

import io.partnerflow.contracts.ContractValidator;
import io.partnerflow.contracts.EventJson;
import io.partnerflow.contracts.deal.DealClosedWon;
import io.partnerflow.contracts.deal.DealPipelineUpdated;
import io.partnerflow.contracts.deal.DealReversed;
import io.partnerflow.testing.TestSupport;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.partnerflow.deal.GenericWebhookTest.deal;
import static io.partnerflow.testing.TestSupport.bearer;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Deals from CRM changes: versions, duplicates, won revisions, reversals, touchpoints and their partners. */
@QuarkusTest
class DealLifecycleTest {
    private static final String WON = "partnerflow.deal.closed-won.v1";
    private static final String REVERSED = "partnerflow.deal.reversed.v1";
    private static final String PIPELINE = "partnerflow.deal.pipeline-updated.v1";

    @Test
    void anOlderVersionArrivingLaterNeverOverwritesANewerOneAndAnIdenticalRedeliveryChangesNothing() {
        String crmId = "D-" + UUID.randomUUID();
        Crm.post(Crm.delivery(Crm.deal(crmId, 3, "Proposal", "300.00"))).then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> deal(crmId).then().statusCode(200)
                .body("crmVersion", equalTo(3)));
        Crm.post(Crm.delivery(Crm.deal(crmId, 2, "Qualification", "200.00"))).then().statusCode(202);
        Crm.post(Crm.delivery(Crm.deal(crmId, 3, "Proposal", "300.00"))).then().statusCode(202); // same version, new event id
        Crm.post(Crm.delivery(Crm.deal(crmId, 4, "Proposal", "400.00"))).then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> deal(crmId).then()
                .body("crmVersion", equalTo(4)).body("amount.amount", equalTo("400.00")));
        Crm.post(Crm.delivery(Crm.deal(crmId, 2, "Qualification", "200.00"))).then().statusCode(202);
        sleep(1500);
        deal(crmId).then().body("amount.amount", equalTo("400.00")).body("stage", equalTo("Proposal"))
                .body("revision", equalTo(2));
        Crm.exactly(Crm.dealId(crmId), PIPELINE, 2, "one snapshot per applied change: version 3 and version 4");
    }

    @Test
    void closedWonIsPublishedOncePerRevisionThenCorrectedRefundedAndCancelled() {
        String crmId = "D-" + UUID.randomUUID();
        String dealId = Crm.dealId(crmId);
        Crm.post(Crm.delivery(Crm.deal(crmId, 1, "Negotiation", "1000.00", "800.00", "200.00"))).then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> deal(crmId).then().statusCode(200));
        Crm.post(Crm.delivery(Crm.deal(crmId, 2, "Closed Won", "1000.00", "800.00", "200.00"))).then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> deal(crmId).then().body("status", equalTo("closed_won")));
        // the same won state delivered again (CRM retry with a new delivery id) and an older open state
        Crm.post(Crm.delivery(Crm.deal(crmId, 2, "Closed Won", "1000.00", "800.00", "200.00"))).then().statusCode(202);
        Crm.post(Crm.delivery(Crm.deal(crmId, 1, "Negotiation", "1000.00", "800.00", "200.00"))).then().statusCode(202);
        List<ConsumerRecord<String, String>> won = Crm.events(dealId, WON, 1, Duration.ofSeconds(30));
        assertEquals(1, won.size());
        sleep(1500);
        Crm.exactly(dealId, WON, 1, "closed-won exactly once for revision 2");
        DealClosedWon first = EventJson.readString(won.get(0).value(), DealClosedWon.class);
        assertEquals(2, first.revision());
        assertEquals("1000.00", first.amount().amountString());
        assertEquals(List.of(), ContractValidator.validate(WON, won.get(0).value()));

        // a correction: line 2 goes from 200.00 to 150.00
        Crm.post(Crm.delivery(Crm.deal(crmId, 3, "Closed Won", "950.00", "800.00", "150.00"))).then().statusCode(202);
        List<ConsumerRecord<String, String>> reversals = Crm.events(dealId, REVERSED, 1, Duration.ofSeconds(30));
        DealReversed correction = EventJson.readString(reversals.get(0).value(), DealReversed.class);
        assertEquals("correction", correction.kind());
        assertEquals(3, correction.revision());
        assertEquals("-50.00", correction.amountDelta().amountString());
        assertEquals("950.00", correction.newAmount().amountString());
        assertEquals(1, correction.lines().size());
        assertEquals(2, correction.lines().get(0).lineNumber());
        assertEquals(List.of(), ContractValidator.validate(REVERSED, reversals.get(0).value()));
        List<DealClosedWon> revisions = Crm.events(dealId, WON, 2, Duration.ofSeconds(30)).stream()
                .map(r -> EventJson.readString(r.value(), DealClosedWon.class))
                .sorted(Comparator.comparingLong(DealClosedWon::revision)).toList();
        assertEquals(List.of(2L, 3L), revisions.stream().map(DealClosedWon::revision).toList());
        assertEquals("950.00", revisions.get(1).amount().amountString());

        // a refund of 100.00 on line 1, delivered twice
        String refund = """
                {"id":"refund-%s","type":"deal.refunded","version":4,"occurredAt":"2026-11-22T09:00:00Z",
                 "data":{"dealId":"%s","currency":"EUR","reason":"10 seats returned",
                         "lines":[{"lineNumber":1,"amount":"100.00","quantity":"1"}]}}""".formatted(crmId, crmId);
        Crm.post(Crm.delivery(refund)).then().statusCode(202);
        Crm.post(Crm.delivery(refund)).then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> deal(crmId).then().body("crmVersion", equalTo(4)));
        List<DealReversed> all = Crm.events(dealId, REVERSED, 2, Duration.ofSeconds(30)).stream()
                .map(r -> EventJson.readString(r.value(), DealReversed.class)).toList();
        DealReversed refunded = all.stream().filter(r -> r.kind().equals("refund")).findFirst().orElseThrow();
        assertEquals("-100.00", refunded.amountDelta().amountString());
        assertEquals("-1", refunded.lines().get(0).quantityDelta().toPlainString());
        assertEquals("850.00", refunded.newAmount().amountString());
        assertEquals(first.closedAt(), refunded.closedAt());

        // cancellation of everything that is left
        Crm.post(Crm.delivery("""
                {"id":"cancel-%s","type":"deal.cancelled","version":5,"data":{"dealId":"%s","reason":"contract void"}}"""
                .formatted(crmId, crmId))).then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> deal(crmId).then()
                .body("status", equalTo("cancelled")).body("amount.amount", equalTo("0.00")));
        DealReversed cancelled = Crm.events(dealId, REVERSED, 3, Duration.ofSeconds(30)).stream()
                .map(r -> EventJson.readString(r.value(), DealReversed.class))
                .filter(r -> r.kind().equals("cancellation")).findFirst().orElseThrow();
        assertEquals("-850.00", cancelled.amountDelta().amountString());
        sleep(1000);
        Crm.exactly(dealId, REVERSED, 3, "the refund was applied once");
        Crm.exactly(dealId, WON, 2, "refunds publish no closed-won");
    }

    @Test
    void aRefundOfAnOpenDealIsRecordedAsFailedWithTheReasonAndCanBeReplayedLater() {
        String crmId = "D-" + UUID.randomUUID();
        Crm.post(Crm.delivery(Crm.deal(crmId, 1, "Open", "100.00"))).then().statusCode(202);
        String deliveryId = "msg_" + UUID.randomUUID();
        Crm.post(deliveryId, java.time.Instant.now().getEpochSecond(), Crm.delivery("""
                {"id":"r-%s","type":"deal.refunded","version":2,"data":{"dealId":"%s","currency":"EUR",
                 "lines":[{"lineNumber":1,"amount":"10.00"}]}}""".formatted(crmId, crmId)), WebhookTestConfig.ACME_NEW)
                .then().statusCode(202);
        String admin = bearer("root", "admin");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", admin)
                .get("/admin/crm-deliveries/" + deliveryId).then().statusCode(200)
                .body("status", equalTo("failed")).body("outcome[0]", containsString("only a won deal")));
        Crm.post(Crm.delivery(Crm.deal(crmId, 1, "Closed Won", "100.00"))).then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> deal(crmId).then().body("status", equalTo("closed_won")));
        given().header("Authorization", admin).post("/admin/crm-deliveries/" + deliveryId + "/replay").then()
                .statusCode(200).body("status", equalTo("applied")).body("applications", equalTo(2));
        deal(crmId).then().body("amount.amount", equalTo("90.00"));
        given().header("Authorization", bearer("cm", "channel-manager")).post("/admin/crm-deliveries/" + deliveryId + "/replay")
                .then().statusCode(403);
    }

    @Test
    void aTouchpointWhosePartnerIsUnknownIsKeptPendingAndResolvedWhenThePartnerAppears() {
        String crmId = "D-" + UUID.randomUUID();
        String dealId = Crm.dealId(crmId);
        String partnerId = UUID.randomUUID().toString();
        String account = "PARTNER-ACC-" + UUID.randomUUID();
        String byAccountPartner = UUID.randomUUID().toString();
        // the touchpoints arrive BEFORE their deal and before their partners are known
        Crm.post(Crm.delivery(
                Crm.touch("T1-" + crmId, crmId, 1, "\"partnerId\":\"" + partnerId + "\"", "referral", "2026-10-02T10:00:00Z"),
                Crm.touch("T2-" + crmId, crmId, 1, "\"partnerAccountId\":\"" + account + "\"", "co-sell meeting", "2026-10-05T10:00:00Z")))
                .then().statusCode(202);
        Crm.post(Crm.delivery(Crm.deal(crmId, 1, "Proposal", "500.00"))).then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> deal(crmId).then().statusCode(200)
                .body("touchpoints.size()", equalTo(2)).body("touchpoints[0].pending", equalTo(true))
                .body("touchpoints[1].pending", equalTo(true)));
        given().header("Authorization", bearer("cm", "channel-manager")).get("/deals/touchpoints/pending")
                .then().statusCode(200).body("crmRef", hasItem("T1-" + crmId));

        // partner 1 appears on partner.events
        TestSupport.send("partner.events", partnerId, PartnerEventsConsumerTest.registered(partnerId, "Referrer GmbH"),
                PartnerEventsConsumerTest.headers(UUID.randomUUID().toString(), "partnerflow.partner.registered.v1", partnerId));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> deal(crmId).then()
                .body("touchpoints[0].pending", equalTo(false)).body("touchpoints[0].partnerId", equalTo(partnerId))
                .body("touchpoints[1].pending", equalTo(true)));
        // partner 2 appears with the CRM account the second touchpoint named
        String withAccount = PartnerEventsConsumerTest.registered(byAccountPartner, "Co-Seller Ltd")
                .replace("\"crmAccounts\":[]", "\"crmAccounts\":[{\"system\":\"generic\",\"accountId\":\"" + account + "\"}]");
        assertEquals(List.of(), ContractValidator.validate("partnerflow.partner.registered.v1", withAccount));
        TestSupport.send("partner.events", byAccountPartner, withAccount,
                PartnerEventsConsumerTest.headers(UUID.randomUUID().toString(), "partnerflow.partner.registered.v1", byAccountPartner));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> deal(crmId).then()
                .body("touchpoints[1].pending", equalTo(false)).body("touchpoints[1].partnerId", equalTo(byAccountPartner))
                .body("touchpoints[1].type", equalTo("co_sell_meeting")));

        // the latest pipeline snapshot carries both touchpoints
        await().atMost(Duration.ofSeconds(30)).until(() -> Crm.events(dealId, PIPELINE, 3, Duration.ofSeconds(2)).size() >= 3);
        DealPipelineUpdated latest = Crm.events(dealId, PIPELINE, 3, Duration.ofSeconds(5)).stream()
                .map(r -> EventJson.readString(r.value(), DealPipelineUpdated.class))
                .max(Comparator.comparingLong(DealPipelineUpdated::revision)).orElseThrow();
        assertEquals(2, latest.touchpoints().size());
        assertEquals("referral", latest.touchpoints().get(0).touchType());
        assertEquals("crm", latest.touchpoints().get(0).source());

        // closing: the closed-won snapshot has every touchpoint up to the close
        Crm.post(Crm.delivery(Crm.deal(crmId, 2, "Closed Won", "500.00"))).then().statusCode(202);
        DealClosedWon won = EventJson.readString(Crm.events(dealId, WON, 1, Duration.ofSeconds(30)).get(0).value(),
                DealClosedWon.class);
        assertEquals(2, won.touchpoints().size());
        assertNull(won.registration());
    }

    @Test
    void channelManagersAddAndRemoveTouchpointsThroughRestAndPartnersCannot() {
        String crmId = "D-" + UUID.randomUUID();
        String partnerId = UUID.randomUUID().toString();
        TestSupport.send("partner.events", partnerId, PartnerEventsConsumerTest.registered(partnerId, "Demo Partner"),
                PartnerEventsConsumerTest.headers(UUID.randomUUID().toString(), "partnerflow.partner.registered.v1", partnerId));
        Crm.post(Crm.delivery(Crm.deal(crmId, 1, "Open", "100.00"))).then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> deal(crmId).then().statusCode(200));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", bearer("cm", "channel-manager"))
                .get("/partner-directory/" + partnerId).then().statusCode(200));
        String dealId = Crm.dealId(crmId);
        String cm = bearer("cm-2", "channel-manager");
        String tp = given().header("Authorization", cm).contentType("application/json")
                .body(Map.of("partnerId", partnerId, "type", "demo", "occurredAt", "2026-10-10T10:00:00Z", "evidence", "demo recording"))
                .post("/deals/" + dealId + "/touchpoints").then().statusCode(201)
                .body("source", equalTo("manual")).body("pending", equalTo(false)).extract().path("id");
        given().header("Authorization", cm).contentType("application/json")
                .body(Map.of("partnerId", partnerId, "type", "telepathy", "occurredAt", "2026-10-10T10:00:00Z"))
                .post("/deals/" + dealId + "/touchpoints").then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", TestSupport.partnerBearer("p", partnerId)).contentType("application/json")
                .body(Map.of("partnerId", partnerId, "type", "demo", "occurredAt", "2026-10-10T10:00:00Z"))
                .post("/deals/" + dealId + "/touchpoints").then().statusCode(403);
        given().header("Authorization", TestSupport.partnerBearer("p", partnerId)).get("/deals/" + dealId).then().statusCode(403);
        deal(crmId).then().body("touchpoints.size()", equalTo(1)).body("revision", equalTo(2));
        given().header("Authorization", cm).delete("/deals/" + dealId + "/touchpoints/" + tp).then().statusCode(204);
        deal(crmId).then().body("touchpoints.size()", equalTo(0)).body("revision", equalTo(3));
        List<ConsumerRecord<String, String>> snaps = Crm.events(dealId, PIPELINE, 3, Duration.ofSeconds(30));
        assertEquals(3, snaps.size());
        assertTrue(snaps.stream().map(r -> EventJson.readString(r.value(), DealPipelineUpdated.class))
                .anyMatch(p -> p.touchpoints().stream().anyMatch(t -> t.touchType().equals("demo"))));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
