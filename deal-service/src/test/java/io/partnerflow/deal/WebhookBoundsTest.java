package io.partnerflow.deal;

import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.partnerflow.deal.GenericWebhookTest.deal;
import static io.partnerflow.deal.PartnerEventsConsumerTest.count;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Signed generic deliveries with values out of bounds are refused at intake — 400 problem+json naming the field —
 * and nothing is written: no crm.webhooks record, no stored delivery, no deal.
 */
@QuarkusTest
class WebhookBoundsTest {

    record Case(String what, String crmId, String body, String field, String detail) {
    }

    static Case dealCase(String what, String field, String detail, java.util.function.Function<String, String> body) {
        String crmId = "B-" + UUID.randomUUID();
        return new Case(what, crmId, Crm.delivery(body.apply(crmId)), field, detail);
    }

    @Test
    void outOfBoundsValuesAreRefusedWith400NamingTheFieldAndNothingIsWrittenAnywhere() throws Exception {
        List<Case> cases = List.of(
                dealCase("version 2^64+7 (wrapped to 7 before)", "events[0].version", "out of range",
                        id -> Crm.deal(id, 1, "Open", "10.00").replace("\"version\":1,", "\"version\":18446744073709551623,")),
                dealCase("version 2^70", "events[0].version", "out of range",
                        id -> Crm.deal(id, 1, "Open", "10.00").replace("\"version\":1,", "\"version\":1180591620717411303424,")),
                dealCase("version as a string", "events[0].version", "JSON integer",
                        id -> Crm.deal(id, 1, "Open", "10.00").replace("\"version\":1,", "\"version\":\"7\",")),
                dealCase("negative version", "events[0].version", "out of range",
                        id -> Crm.deal(id, 1, "Open", "10.00").replace("\"version\":1,", "\"version\":-1,")),
                dealCase("won deal worth zero", "events[0].data.amount", "positive amount",
                        id -> Crm.deal(id, 1, "Closed Won", "0.00")),
                dealCase("won deal with a -1000.00 line", "events[0].data.lines[1].amount", "negative amount",
                        id -> Crm.deal(id, 1, "Closed Won", "1000.00", "2000.00", "-1000.00")),
                dealCase("quantity -5", "events[0].data.lines[0].quantity", "must be positive",
                        id -> Crm.deal(id, 1, "Open", "10.00").replace("\"quantity\":\"10\"", "\"quantity\":\"-5\"")),
                dealCase("amount 10^30", "events[0].data.amount", "out of range",
                        id -> Crm.deal(id, 1, "Open", "1000000000000000000000000000000.00")),
                dealCase("amount 1e30", "events[0].data.amount", "plain decimal",
                        id -> Crm.deal(id, 1, "Open", "1e30")),
                dealCase("NUL in the deal name", "events[0].data.name", "control character",
                        id -> Crm.deal(id, 1, "Open", "10.00").replace("\"name\":\"Deal ", "\"name\":\"De\\u0000al ")),
                dealCase("NUL in the customer name", "events[0].data.customer.name", "control character",
                        id -> Crm.deal(id, 1, "Open", "10.00").replace("\"name\":\"Customer of ", "\"name\":\"Cust\\u0000omer of ")),
                dealCase("a 501-character deal name", "events[0].data.name", "longer than 500",
                        id -> Crm.deal(id, 1, "Open", "10.00").replace("\"name\":\"Deal ", "\"name\":\"" + "x".repeat(501))),
                dealCase("year 10000", "events[0].data.createdAt", "",
                        id -> Crm.deal(id, 1, "Open", "10.00").replace("2026-10-01T09:00:00Z", "+10000-10-01T09:00:00Z")),
                dealCase("lineNumber beyond int", "events[0].data.lines[0].lineNumber", "JSON integer",
                        id -> Crm.deal(id, 1, "Open", "10.00").replace("\"lineNumber\":1,", "\"lineNumber\":4294967297,")),
                dealCase("NUL in a touchpoint's evidence", "events[0].data.evidence", "control character",
                        id -> Crm.touch("T-" + id, id, 1, "\"partnerId\":\"" + UUID.randomUUID() + "\"", "referral",
                                "2026-10-02T10:00:00Z").replace("meeting notes", "meeting\\u0000notes")));

        List<String> refusedIds = new ArrayList<>();
        for (Case c : cases) {
            String webhookId = "msg_" + UUID.randomUUID();
            refusedIds.add(webhookId);
            Crm.post(webhookId, Instant.now().getEpochSecond(), c.body(), WebhookTestConfig.ACME_NEW)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo("urn:partnerflow:problem:malformed-delivery"))
                    .body("errors[0].field", equalTo(c.field()))
                    .body("detail", containsString(c.detail()));
            assertEquals(0, count("select count(*) from crm_delivery where delivery_id = ?", webhookId), c.what());
        }
        // a valid delivery sent after them flows (the intake works) — and then none of the refused ones is anywhere
        String okCrmId = "B-" + UUID.randomUUID();
        Crm.post(Crm.delivery(Crm.deal(okCrmId, 1, "Open", "10.00"))).then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> deal(okCrmId).then().statusCode(200));
        for (Case c : cases) {
            deal(c.crmId()).then().statusCode(404);
        }
        Set<String> keys = Topics.everything("crm.webhooks").stream().map(ConsumerRecord::key).collect(Collectors.toSet());
        assertTrue(refusedIds.stream().noneMatch(keys::contains), "a refused delivery reached crm.webhooks");
    }

    @Test
    void aWebhookIdTooLongToStoreIsRefusedBeforeAnythingIsWritten() throws Exception {
        String id = "msg_" + "x".repeat(300);
        Crm.post(id, Instant.now().getEpochSecond(), Crm.delivery(Crm.deal("B-" + UUID.randomUUID(), 1, "Open", "10.00")),
                        WebhookTestConfig.ACME_NEW)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("webhook-id"));
        assertEquals(0, count("select count(*) from crm_delivery where delivery_id = ?", id));
    }
}
