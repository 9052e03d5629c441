package io.partnerflow.partner;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.partnerflow.contracts.ContractValidator;
import io.partnerflow.contracts.EventJson;
import io.partnerflow.contracts.EventType;
import io.partnerflow.testing.TestSupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Test helpers for tiers: the standard ladder, and contract-valid inbound events sent through the real broker. */
final class Tiers {
    private Tiers() {
    }

    /** Registered < Silver < Gold < Platinum (thresholds in USD, 12-month windows). */
    static Map<String, Object> ladder(int graceDays, boolean approval) {
        return Map.of("demotionGraceDays", graceDays, "promotionRequiresApproval", approval, "tiers", List.of(
                Map.of("code", "registered", "name", "Registered", "rank", 0,
                        "benefits", List.of(Map.of("code", "registration_protection_days", "value", "30", "unit", "days"))),
                Map.of("code", "silver", "name", "Silver", "rank", 1,
                        "benefits", List.of(Map.of("code", "registration_protection_days", "value", "60", "unit", "days")),
                        "criteria", List.of(revenue("10000.00"), won(1))),
                Map.of("code", "gold", "name", "Gold", "rank", 2,
                        "benefits", List.of(Map.of("code", "registration_protection_days", "value", "90", "unit", "days"),
                                Map.of("code", "mdf_eligible", "description", "Market development funds", "value", "1", "unit", "flag")),
                        "criteria", List.of(revenue("50000.00"), won(3), certified(1))),
                Map.of("code", "platinum", "name", "Platinum", "rank", 3,
                        "benefits", List.of(Map.of("code", "registration_protection_days", "value", "120", "unit", "days")),
                        "criteria", List.of(revenue("200000.00"), won(5), certified(2),
                                Map.of("metric", "SOURCED_DEALS", "threshold", "1", "windowMonths", 12),
                                Map.of("metric", "APPROVED_REGISTRATIONS", "threshold", "2", "windowMonths", 12)))));
    }

    static Map<String, Object> revenue(String threshold) {
        return Map.of("metric", "ATTRIBUTED_REVENUE", "threshold", threshold, "windowMonths", 12);
    }

    static Map<String, Object> won(int n) {
        return Map.of("metric", "WON_DEALS", "threshold", n, "windowMonths", 12);
    }

    static Map<String, Object> certified(int n) {
        return Map.of("metric", "CERTIFIED_PEOPLE", "threshold", n);
    }

    static int putLadder(int graceDays, boolean approval) {
        return Api.admin().body(ladder(graceDays, approval)).put("/tier-ladder").then().statusCode(200)
                .extract().path("version");
    }

    // ---- inbound events (built from the golden samples, checked against the schemas)

    static ObjectNode sample(EventType type) {
        try (InputStream in = EventType.class.getClassLoader().getResourceAsStream(type.sampleResource())) {
            return (ObjectNode) EventJson.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode money(String amount, String currency) {
        ObjectNode m = EventJson.mapper().createObjectNode();
        m.put("amount", amount);
        m.put("currency", currency);
        return m;
    }

    /** The deal context with one line of {@code amount}. */
    static ObjectNode deal(ObjectNode deal, String dealId, String amount, String currency, Instant closedAt) {
        deal.put("dealId", dealId);
        deal.put("closedAt", closedAt.toString());
        deal.put("createdAt", closedAt.minus(Duration.ofDays(30)).toString());
        deal.put("currency", currency);
        deal.set("amount", money(amount, currency));
        ObjectNode line = (ObjectNode) deal.get("lines").get(0);
        line.put("quantity", "1");
        line.set("unitPrice", money(amount.replace("-", ""), currency));
        line.set("amount", money(amount, currency));
        ArrayNode lines = deal.putArray("lines");
        lines.add(line);
        deal.remove("registration");
        return deal;
    }

    static ArrayNode credits(ObjectNode event, String partnerId, String amount, String currency, String role) {
        ObjectNode credit = (ObjectNode) event.get("credits").get(0);
        credit.put("partnerId", partnerId);
        credit.put("weight", "1.00000000");
        credit.set("amount", money(amount, currency));
        credit.put("role", role);
        ObjectNode lc = (ObjectNode) credit.get("lines").get(0);
        lc.put("lineNumber", 1);
        lc.set("amount", money(amount, currency));
        credit.putArray("lines").add(lc);
        ArrayNode credits = event.putArray("credits");
        credits.add(credit);
        return credits;
    }

    static String attributed(String attributionId, String dealId, String partnerId, String amount, String currency,
                             Instant closedAt, String role) {
        ObjectNode e = sample(EventType.DEAL_ATTRIBUTED);
        e.put("attributionId", attributionId);
        e.put("dealId", dealId);
        deal((ObjectNode) e.get("deal"), dealId, amount, currency, closedAt);
        credits(e, partnerId, amount, currency, role);
        return valid(EventType.DEAL_ATTRIBUTED, e);
    }

    static String reattributed(String attributionId, String supersedes, String dealId, String partnerId, String amount,
                               String currency, Instant closedAt) {
        ObjectNode e = sample(EventType.DEAL_REATTRIBUTED);
        e.put("attributionId", attributionId);
        e.put("supersedesAttributionId", supersedes);
        e.put("dealId", dealId);
        deal((ObjectNode) e.get("deal"), dealId, amount, currency, closedAt);
        credits(e, partnerId, amount, currency, "influenced");
        return valid(EventType.DEAL_REATTRIBUTED, e);
    }

    /** A refund of {@code delta} (negative) on an attribution whose deal was {@code original}. */
    static String reversed(String reversalId, String attributionId, String dealId, String partnerId, String original,
                           String delta, String currency, Instant closedAt) {
        ObjectNode e = sample(EventType.DEAL_ATTRIBUTION_REVERSED);
        e.put("reversalId", reversalId);
        e.put("attributionId", attributionId);
        e.put("dealId", dealId);
        e.put("kind", "refund");
        String after = new java.math.BigDecimal(original).add(new java.math.BigDecimal(delta)).toPlainString();
        deal((ObjectNode) e.get("deal"), dealId, after, currency, closedAt);
        e.set("amountDelta", money(delta, currency));
        credits(e, partnerId, delta, currency, "influenced");
        return valid(EventType.DEAL_ATTRIBUTION_REVERSED, e);
    }

    static String registrationApproved(String registrationId, String partnerId, Instant approvedAt) {
        ObjectNode e = sample(EventType.DEAL_REGISTRATION_APPROVED);
        e.put("registrationId", registrationId);
        e.put("partnerId", partnerId);
        e.put("approvedAt", approvedAt.toString());
        e.put("protectedUntil", approvedAt.plus(Duration.ofDays(90)).toString());
        return valid(EventType.DEAL_REGISTRATION_APPROVED, e);
    }

    static String fxRate(String from, String to, LocalDate date, String rate, Instant publishedAt) {
        ObjectNode e = sample(EventType.FX_RATE_PUBLISHED);
        e.put("from", from);
        e.put("to", to);
        e.put("date", date.toString());
        e.put("rate", rate);
        e.put("publishedAt", publishedAt.toString());
        return valid(EventType.FX_RATE_PUBLISHED, e);
    }

    private static String valid(EventType type, ObjectNode e) {
        String json = EventJson.writeString(e);
        assertEquals(List.of(), ContractValidator.validate(type.type(), json), "test event matches the contract");
        return json;
    }

    /** Sends a CloudEvent in binary mode and returns its id. */
    static String send(EventType type, String key, String json, String eventId) {
        TestSupport.send(type.topic(), key, json, headers(type, key, eventId));
        return eventId;
    }

    /** The record {@link #send} would send, for {@link TestSupport#sendTogether(List)} (one poll). */
    static TestSupport.Produced produced(EventType type, String key, String json, String eventId) {
        return new TestSupport.Produced(type.topic(), key, json, headers(type, key, eventId));
    }

    private static Map<String, String> headers(EventType type, String key, String eventId) {
        Map<String, String> h = new HashMap<>();
        h.put("ce_id", eventId);
        h.put("ce_type", type.type());
        h.put("ce_source", "/partnerflow/" + type.producer());
        h.put("ce_time", Instant.now().toString());
        h.put("ce_subject", key);
        h.put("ce_specversion", "1.0");
        return h;
    }

    static String send(EventType type, String key, String json) {
        return send(type, key, json, UUID.randomUUID().toString());
    }

    /** Waits until partner-service has applied the event (its inbox row exists). */
    static void awaitApplied(String eventId) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> Api.count(
                "select count(*) from processed_event where consumer = 'partner-service' and event_id = ?", eventId) == 1);
    }

    static void certify(String partnerId, String personId, Instant completedAt) {
        Api.cm().body(Map.of("personId", personId, "certificationCode", "platform-admin", "certificationName", "Admin",
                "completedAt", completedAt.toString())).post("/partners/" + partnerId + "/certifications")
                .then().statusCode(201);
    }

    static io.restassured.response.Response evaluate(String partnerId) {
        return Api.cm().body(Map.of()).post("/partners/" + partnerId + "/tier-evaluations");
    }
}
