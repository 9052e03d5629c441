package io.partnerflow.analytics;

import io.partnerflow.contracts.ContractValidator;
import io.partnerflow.contracts.EventJson;
import io.partnerflow.contracts.EventType;
import io.partnerflow.testing.TestSupport;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.partnerflow.analytics.Events.Credit;
import static io.partnerflow.analytics.Events.awaitApplied;
import static io.partnerflow.analytics.Events.cm;
import static io.partnerflow.analytics.Events.count;
import static io.partnerflow.analytics.Events.partnerUser;
import static io.partnerflow.analytics.Events.send;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Versioned segment rules evaluated on demand: assignments with reasons, changes published once on analytics.events. */
@QuarkusTest
class SegmentTest {

    static String deal(List<String> ids, String partner, String amount, String closedAt) {
        String deal = UUID.randomUUID().toString();
        ids.add(send(EventType.DEAL_ATTRIBUTED, deal, Events.attributed(Events.attr(deal), deal, Instant.parse(closedAt), "USD",
                List.of(new Credit(partner, "sourced", amount)))));
        return deal;
    }

    @Test
    void rulesAreVersionedDataAndAnEvaluationAssignsSegmentsWithReasonsAndPublishesEachChangeOnce() throws Exception {
        int before = cm().get("/segment-rules").then().statusCode(200).extract().path("version");
        cm().body(Map.of("rules", List.of(Map.of("code", "top", "name", "Top", "metric", "likes", "topPercent", 10)),
                        "defaultCode", "steady", "defaultName", "Steady"))
                .put("/segment-rules").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("rules[0].metric"));
        partnerUser(UUID.randomUUID().toString()).body(Map.of()).put("/segment-rules").then().statusCode(403);
        cm().get("/segment-rules").then().body("version", equalTo(before)); // nothing written
        int version = cm().body(Map.of("rules", List.of(
                                Map.of("code", "top-performers", "name", "Top performers", "metric", "revenue", "topPercent", 10),
                                Map.of("code", "rising-stars", "name", "Rising stars", "metric", "revenue-growth-qoq", "op", "gt", "value", "50"),
                                Map.of("code", "dormant", "name", "Dormant", "metric", "days-since-last-deal", "op", "gte", "value", "90")),
                        "defaultCode", "steady", "defaultName", "Steady"))
                .put("/segment-rules").then().statusCode(200).extract().path("version");
        assertEquals(before + 1, version);

        // 2032 is this test's alone: ten steady partners, a top performer, a rising star, a dormant one
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String p = UUID.randomUUID().toString();
            deal(ids, p, "100.00", "2032-02-10T10:00:00Z");
            deal(ids, p, "100.00", "2032-05-10T10:00:00Z");
        }
        String top = UUID.randomUUID().toString();
        deal(ids, top, "900.00", "2032-02-11T10:00:00Z");
        deal(ids, top, "1000.00", "2032-05-11T10:00:00Z");
        String rising = UUID.randomUUID().toString();
        deal(ids, rising, "50.00", "2032-02-12T10:00:00Z");
        deal(ids, rising, "82.00", "2032-05-12T10:00:00Z");
        String dormant = UUID.randomUUID().toString();
        deal(ids, dormant, "300.00", "2032-01-15T10:00:00Z");
        awaitApplied(ids);

        cm().post("/segments/evaluations?period=2032-Q2").then().statusCode(200)
                .body("period", equalTo("2032-Q2")).body("ruleSetVersion", equalTo(version)).body("asOf", equalTo("2032-06-30"))
                .body("changed", greaterThanOrEqualTo(13));
        cm().get("/segments/" + top).then().statusCode(200).body("segment", equalTo("top-performers"))
                .body("ruleSetVersion", equalTo(version))
                .body("reason", equalTo("top 10 % by revenue (revenue 1000.00 USD, rank 1 of 12)"));
        cm().get("/segments/" + rising).then().statusCode(200).body("segment", equalTo("rising-stars"))
                .body("reason", equalTo("revenue growth +64 % QoQ (50.00 → 82.00 USD) (> 50 %)"));
        cm().get("/segments/" + dormant).then().statusCode(200).body("segment", equalTo("dormant"))
                .body("reason", equalTo("no won deal in 167 days (≥ 90 days)"));
        cm().get("/segments?segment=rising-stars").then().statusCode(200).body("partnerId", hasItem(rising));

        // the change is published through the outbox on analytics.events, keyed by partner, as the contract says
        List<ConsumerRecord<String, String>> published = TestSupport.await("analytics.events",
                r -> top.equals(r.key()) && EventType.PARTNER_SEGMENT_CHANGED.type().equals(TestSupport.header(r, "ce_type")), 1,
                Duration.ofSeconds(30));
        assertEquals(1, published.size());
        assertEquals(EventType.PARTNER_SEGMENT_CHANGED.type(), TestSupport.header(published.get(0), "ce_type"));
        assertEquals(List.of(), ContractValidator.validate(EventType.PARTNER_SEGMENT_CHANGED.type(), published.get(0).value()));
        var data = EventJson.readTree(published.get(0).value());
        assertEquals("top-performers", data.path("to").asText());
        assertNull(data.path("from").textValue());
        assertEquals("2032-Q2", data.path("period").asText());

        // evaluating again changes nothing and publishes nothing
        cm().post("/segments/evaluations?period=2032-Q2").then().statusCode(200);
        assertEquals(1, count("select count(*) from outbox_event where aggregate_id = ? and type = ?", top,
                EventType.PARTNER_SEGMENT_CHANGED.type()));
        // the next quarter moves the rising star: no deal since 2032-05-12, 141 days before 2032-09-30
        cm().post("/segments/evaluations?period=2032-Q3").then().statusCode(200);
        cm().get("/segments/" + rising).then().body("segment", equalTo("dormant"))
                .body("reason", equalTo("no won deal in 141 days (≥ 90 days)"));
        assertEquals(2, count("select count(*) from outbox_event where aggregate_id = ? and type = ?", rising,
                EventType.PARTNER_SEGMENT_CHANGED.type()));
        List<ConsumerRecord<String, String>> moves = TestSupport.await("analytics.events", r -> rising.equals(r.key())
                && EventType.PARTNER_SEGMENT_CHANGED.type().equals(TestSupport.header(r, "ce_type")), 2,
                Duration.ofSeconds(30));
        assertEquals("rising-stars", EventJson.readTree(moves.get(1).value()).path("from").asText());

        // scoping and input
        partnerUser(rising).get("/segments/" + rising).then().statusCode(200).body("segment", equalTo("dormant"));
        partnerUser(rising).get("/segments/" + top).then().statusCode(404);
        partnerUser(rising).post("/segments/evaluations?period=2032-Q2").then().statusCode(403);
        cm().post("/segments/evaluations?period=2032-05").then().statusCode(400).contentType("application/problem+json");
    }
}
