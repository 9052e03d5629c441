package io.partnerflow.analytics;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.partnerflow.contracts.ContractValidator;
import io.partnerflow.contracts.EventJson;
import io.partnerflow.contracts.EventType;
import io.partnerflow.testing.TestSupport;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Test helpers: inbound events built from the golden samples (checked against the schemas), sending, REST, JDBC. */
final class Events {
    static {
        io.restassured.RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    record Credit(String partnerId, String role, String amount) {
    }

    private Events() {
    }

    /** The attribution id of a deal in these tests (a UUID, as the contract wants). */
    static String attr(String dealId) {
        return UUID.nameUUIDFromBytes(("attr-" + dealId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    // ---- REST

    static RequestSpecification cm() {
        return given().header("Authorization", TestSupport.bearer("cm-anna", "channel-manager")).contentType(ContentType.JSON);
    }

    static RequestSpecification partnerUser(String partnerId) {
        return given().header("Authorization", TestSupport.partnerBearer("user-of-" + partnerId, partnerId))
                .contentType(ContentType.JSON);
    }

    // ---- Kafka

    static String send(EventType type, String key, String json, String eventId) {
        Map<String, String> h = new HashMap<>();
        h.put("ce_id", eventId);
        h.put("ce_type", type.type());
        h.put("ce_source", "/partnerflow/" + type.producer());
        h.put("ce_time", Instant.now().toString());
        h.put("ce_subject", key);
        h.put("ce_specversion", "1.0");
        TestSupport.send(type.topic(), key, json, h);
        return eventId;
    }

    static String send(EventType type, String key, String json) {
        return send(type, key, json, UUID.randomUUID().toString());
    }

    static void awaitApplied(List<String> eventIds) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (String id : eventIds) {
                if (count("select count(*) from processed_event where consumer = 'analytics-service' and event_id = ?", id) != 1) {
                    return false;
                }
            }
            return true;
        });
    }

    static long count(String sql, Object... params) throws Exception {
        try (Connection c = TestSupport.jdbc(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    // ---- event data

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

    static String attributed(String attributionId, String dealId, Instant closedAt, String currency, List<Credit> credits) {
        ObjectNode e = sample(EventType.DEAL_ATTRIBUTED);
        e.put("attributionId", attributionId);
        e.put("dealId", dealId);
        deal((ObjectNode) e.get("deal"), dealId, total(credits), currency, closedAt);
        credits(e, credits, currency);
        return valid(EventType.DEAL_ATTRIBUTED, e);
    }

    static String reversed(String attributionId, String dealId, Instant closedAt, String currency, String dealAmountAfter,
                           List<Credit> deltas) {
        ObjectNode e = sample(EventType.DEAL_ATTRIBUTION_REVERSED);
        e.put("reversalId", UUID.randomUUID().toString());
        e.put("attributionId", attributionId);
        e.put("dealId", dealId);
        e.put("kind", "refund");
        deal((ObjectNode) e.get("deal"), dealId, dealAmountAfter, currency, closedAt);
        e.set("amountDelta", money(total(deltas), currency));
        credits(e, deltas, currency);
        return valid(EventType.DEAL_ATTRIBUTION_REVERSED, e);
    }

    private static String total(List<Credit> credits) {
        return credits.stream().map(c -> new BigDecimal(c.amount())).reduce(BigDecimal.ZERO, BigDecimal::add).toPlainString();
    }

    private static void deal(ObjectNode deal, String dealId, String amount, String currency, Instant closedAt) {
        deal.put("dealId", dealId);
        deal.put("closedAt", closedAt.toString());
        deal.put("createdAt", closedAt.minus(Duration.ofDays(30)).toString());
        deal.put("currency", currency);
        deal.set("amount", money(amount, currency));
        ObjectNode line = (ObjectNode) deal.get("lines").get(0);
        line.put("quantity", "1");
        line.set("unitPrice", money(amount.replace("-", ""), currency));
        line.set("amount", money(amount, currency));
        deal.putArray("lines").add(line);
        deal.remove("registration");
    }

    private static void credits(ObjectNode event, List<Credit> credits, String currency) {
        ObjectNode template = (ObjectNode) event.get("credits").get(0);
        BigDecimal sum = new BigDecimal(total(credits));
        ArrayNode out = event.putArray("credits");
        for (Credit c : credits) {
            ObjectNode credit = template.deepCopy();
            credit.put("partnerId", c.partnerId());
            credit.put("weight", sum.signum() == 0 ? "0.00000000"
                    : new BigDecimal(c.amount()).divide(sum, 8, RoundingMode.HALF_EVEN).toPlainString());
            credit.set("amount", money(c.amount(), currency));
            credit.put("role", c.role());
            ObjectNode lc = (ObjectNode) credit.get("lines").get(0);
            lc.put("lineNumber", 1);
            lc.set("amount", money(c.amount(), currency));
            credit.putArray("lines").add(lc);
            out.add(credit);
        }
    }

    static String earning(EventType type, String partnerId, String amount, Instant at) {
        ObjectNode e = sample(type);
        e.put("earningId", UUID.randomUUID().toString());
        e.put("partnerId", partnerId);
        e.set("amount", money(amount, "USD"));
        String field = type == EventType.EARNING_ACCRUED ? "accruedAt" : type == EventType.EARNING_REVERSED ? "reversedAt" : "adjustedAt";
        e.put(field, at.toString());
        return valid(type, e);
    }

    static String mdfAllocated(String partnerId, String amount, String currency, Instant at) {
        ObjectNode e = sample(EventType.MDF_ALLOCATED);
        e.put("partnerId", partnerId);
        e.put("fundId", UUID.randomUUID().toString());
        e.set("allocated", money(amount, currency));
        e.put("allocatedAt", at.toString());
        return valid(EventType.MDF_ALLOCATED, e);
    }

    static String mdfClaimed(String partnerId, String claimId, String amount, String currency, Instant at) {
        ObjectNode e = sample(EventType.MDF_CLAIM_SUBMITTED);
        e.put("partnerId", partnerId);
        e.put("claimId", claimId);
        e.set("claimed", money(amount, currency));
        e.put("submittedAt", at.toString());
        return valid(EventType.MDF_CLAIM_SUBMITTED, e);
    }

    static String mdfApproved(String partnerId, String claimId, String reimbursed, String currency, List<String> dealIds, Instant at) {
        ObjectNode e = sample(EventType.MDF_CLAIM_APPROVED);
        e.put("partnerId", partnerId);
        e.put("claimId", claimId);
        e.set("claimed", money(reimbursed, currency));
        e.set("reimbursed", money(reimbursed, currency));
        ArrayNode deals = e.putArray("dealIds");
        dealIds.forEach(deals::add);
        e.put("approvedAt", at.toString());
        return valid(EventType.MDF_CLAIM_APPROVED, e);
    }

    static String paid(String partnerId, String amount, Instant at) {
        ObjectNode e = sample(EventType.PAYOUT_PAID);
        e.put("payoutId", UUID.randomUUID().toString());
        e.put("partnerId", partnerId);
        e.set("amount", money(amount, "USD"));
        e.put("paidAt", at.toString());
        return valid(EventType.PAYOUT_PAID, e);
    }

    static String registration(EventType type, String registrationId, String partnerId, Instant at) {
        ObjectNode e = sample(type);
        e.put("registrationId", registrationId);
        e.put("partnerId", partnerId);
        e.put(type == EventType.DEAL_REGISTRATION_SUBMITTED ? "submittedAt" : "approvedAt", at.toString());
        return valid(type, e);
    }

    static String registered(String partnerId, String name, String country, String tier) {
        ObjectNode e = sample(EventType.PARTNER_REGISTERED);
        e.put("partnerId", partnerId);
        e.put("name", name);
        e.put("country", country);
        e.put("tier", tier);
        return valid(EventType.PARTNER_REGISTERED, e);
    }

    static String certified(String partnerId, String personId, Instant at) {
        ObjectNode e = sample(EventType.PARTNER_CERTIFICATION_COMPLETED);
        e.put("partnerId", partnerId);
        e.put("certificationId", UUID.randomUUID().toString());
        e.put("personId", personId);
        e.put("completedAt", at.toString());
        e.put("expiresAt", at.plus(Duration.ofDays(700)).toString());
        return valid(EventType.PARTNER_CERTIFICATION_COMPLETED, e);
    }

    static String fxRate(String from, String to, LocalDate date, String rate) {
        ObjectNode e = sample(EventType.FX_RATE_PUBLISHED);
        e.put("from", from);
        e.put("to", to);
        e.put("date", date.toString());
        e.put("rate", rate);
        e.put("publishedAt", Instant.now().toString());
        return valid(EventType.FX_RATE_PUBLISHED, e);
    }

    /** A pipeline snapshot of a deal touched by {@code partnerId}: status {@code open} (at {@code stage}) or {@code closed_lost}. */
    static String pipeline(String dealId, long revision, String status, String stage, String amount, Instant createdAt,
                           Instant updatedAt, String partnerId) {
        ObjectNode e = sample(EventType.DEAL_PIPELINE_UPDATED);
        e.put("dealId", dealId);
        e.put("revision", revision);
        e.put("status", status);
        e.put("stage", stage);
        e.put("createdAt", createdAt.toString());
        e.put("updatedAt", updatedAt.toString());
        e.set("amount", money(amount, "USD"));
        e.remove("lines");
        e.putArray("lines").addObject().put("lineNumber", 1).put("sku", "SKU-1").put("productName", "Platform")
                .put("category", "software").put("quantity", "1").set("amount", money(amount, "USD"));
        ((ObjectNode) e.withArray("lines").get(0)).set("unitPrice", money(amount, "USD"));
        e.remove("registration");
        ArrayNode tps = e.putArray("touchpoints");
        tps.addObject().put("touchpointId", UUID.nameUUIDFromBytes((dealId + "-tp").getBytes(StandardCharsets.UTF_8)).toString())
                .put("partnerId", partnerId).put("touchType", "referral").put("occurredAt", createdAt.toString()).put("source", "crm");
        return valid(EventType.DEAL_PIPELINE_UPDATED, e);
    }

    /** A pipeline update or a won deal in USD/EUR with the given touches ({partnerId, touchType, occurredAt}). */
    static String touched(EventType type, String dealId, long revision, String status, String amount, String currency, Instant createdAt,
                          Instant at, List<String[]> touches) {
        ObjectNode e = sample(type);
        e.put("dealId", dealId);
        e.put("revision", revision);
        e.put("createdAt", createdAt.toString());
        if (type == EventType.DEAL_CLOSED_WON) {
            e.put("closedAt", at.toString());
        } else {
            e.put("status", status);
            e.put("stage", status.equals("open") ? "Proposal" : "Closed Lost");
            e.put("updatedAt", at.toString());
        }
        e.set("amount", money(amount, currency));
        e.remove("lines");
        e.putArray("lines").addObject().put("lineNumber", 1).put("sku", "SKU-1").put("productName", "Platform")
                .put("category", "software").put("quantity", "1").set("amount", money(amount, currency));
        ((ObjectNode) e.withArray("lines").get(0)).set("unitPrice", money(amount, currency));
        e.remove("registration");
        ArrayNode tps = e.putArray("touchpoints");
        int n = 0;
        for (String[] t : touches) {
            tps.addObject().put("touchpointId", UUID.nameUUIDFromBytes((dealId + "-tp" + n++).getBytes(StandardCharsets.UTF_8)).toString())
                    .put("partnerId", t[0]).put("touchType", t[1]).put("occurredAt", t[2]).put("source", "crm");
        }
        return valid(type, e);
    }

    /** A registration rejected (with a conflicting registration or not) or expired. */
    static String registrationOutcome(EventType type, String registrationId, String partnerId, Instant at, boolean conflict) {
        ObjectNode e = sample(type);
        e.put("registrationId", registrationId);
        e.put("partnerId", partnerId);
        if (type == EventType.DEAL_REGISTRATION_REJECTED) {
            e.put("rejectedAt", at.toString());
            if (conflict) {
                e.put("conflictingRegistrationId", UUID.randomUUID().toString());
            } else {
                e.remove("conflictingRegistrationId");
                e.put("reason", "not a qualified opportunity");
            }
        } else {
            e.put("expiredAt", at.toString());
            e.put("protectedUntil", at.minusSeconds(3).toString());
        }
        return valid(type, e);
    }

    private static String valid(EventType type, ObjectNode e) {
        String json = EventJson.writeString(e);
        assertEquals(List.of(), ContractValidator.validate(type.type(), json), "test event matches the contract");
        return json;
    }
}
