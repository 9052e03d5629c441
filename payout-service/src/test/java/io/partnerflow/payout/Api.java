package io.partnerflow.payout;

import io.partnerflow.contracts.ContractValidator;
import io.partnerflow.contracts.EventJson;
import io.partnerflow.contracts.incentive.EarningAccrued;
import io.partnerflow.contracts.incentive.EarningAdjusted;
import io.partnerflow.contracts.incentive.EarningReversed;
import io.partnerflow.contracts.incentive.EarningSource;
import io.partnerflow.contracts.incentive.Explanation;
import io.partnerflow.contracts.incentive.ProgramRef;
import io.partnerflow.contracts.incentive.RuleRef;
import io.partnerflow.contracts.partner.PartnerRegistered;
import io.partnerflow.contracts.partner.PartnerStatusChanged;
import io.partnerflow.core.money.Money;
import io.partnerflow.testing.TestSupport;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Test helpers: REST as finance / partner users, contract-valid events into Kafka, JDBC reads. */
public final class Api {
    static {
        io.restassured.RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    public static final ProgramRef PROGRAM = new ProgramRef("5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d", "global-2025", "Global 2025");
    public static final RuleRef RULE = new RuleRef("1f2e3d4c-5b6a-4798-8a7b-6c5d4e3f2a1b", 3, "Software commission");

    private Api() {
    }

    public static RequestSpecification finance() {
        return as("fin-maker", "finance");
    }

    public static RequestSpecification checker() {
        return as("fin-checker", "finance");
    }

    private static final Map<String, String> TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

    /** Tokens are minted once per user (minting reads MicroProfile Config: do it on the test thread, early). */
    public static String token(String subject, String... roles) {
        return TOKENS.computeIfAbsent(subject + "|" + String.join(",", roles), k -> TestSupport.bearer(subject, roles));
    }

    public static String partnerToken(String partnerId) {
        return TOKENS.computeIfAbsent("partner|" + partnerId, k -> TestSupport.partnerBearer("user-of-" + partnerId, partnerId));
    }

    public static RequestSpecification as(String subject, String... roles) {
        return given().header("Authorization", token(subject, roles)).contentType(ContentType.JSON);
    }

    public static RequestSpecification partnerUser(String partnerId) {
        return given().header("Authorization", partnerToken(partnerId)).contentType(ContentType.JSON);
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    // ---- events

    public static void sendEvent(String topic, String key, String type, String eventId, Object data) {
        String json = EventJson.writeString(data);
        assertEquals(List.of(), ContractValidator.validate(type, json), "contract-valid " + type + ": " + json);
        Map<String, String> h = new HashMap<>();
        h.put("ce_id", eventId);
        h.put("ce_type", type);
        h.put("ce_source", "/partnerflow/test");
        h.put("ce_time", Instant.now().toString());
        h.put("ce_subject", key);
        h.put("ce_specversion", "1.0");
        TestSupport.send(topic, key, json, h);
    }

    public static void registerPartner(String partnerId, String country, String currency) {
        sendEvent("partner.events", partnerId, "partnerflow.partner.registered.v1", newId(),
                new PartnerRegistered(partnerId, "Partner " + partnerId.substring(0, 8), "Partner " + partnerId.substring(0, 8) + " GmbH",
                        "reseller", "active", country, currency, List.of(), Instant.parse("2024-01-01T00:00:00Z")));
    }

    public static void changeStatus(String partnerId, String from, String to) {
        sendEvent("partner.events", partnerId, "partnerflow.partner.status-changed.v1", newId(),
                new PartnerStatusChanged(partnerId, from, to, "test", Instant.parse("2024-06-01T00:00:00Z"), "tester"));
    }

    public static EarningAccrued accrued(String earningId, String partnerId, String amount, String currency, Instant closedAt) {
        Money m = Money.of(amount, currency);
        String dealId = newId();
        return new EarningAccrued(earningId, partnerId, PROGRAM, RULE, "commission", m, m, null,
                EarningSource.deal(dealId, "Deal " + dealId.substring(0, 6), "ACME", closedAt, newId()),
                "2025-06", closedAt.plusSeconds(5),
                explanation("8% commission on ACME", "amount x 0.08", m));
    }

    static Explanation explanation(String summary, String formula, Money m) {
        return new Explanation(summary, formula,
                List.of(new Explanation.Input("amount", m.amountString(), m.currencyCode(), "test")),
                List.of(new Explanation.Step("result", m.amountString(), m.amountString(), m.currencyCode())), m);
    }

    /** Sends an accrual; returns the earning id. */
    public static String accrue(String partnerId, String amount, String currency, Instant closedAt) {
        String id = newId();
        sendEvent("incentive.earnings", partnerId, "partnerflow.earning.accrued.v1", newId(),
                accrued(id, partnerId, amount, currency, closedAt));
        return id;
    }

    public static String clawback(String partnerId, String reversesEarningId, String amount, String currency) {
        String id = newId();
        sendEvent("incentive.earnings", partnerId, "partnerflow.earning.reversed.v1", newId(),
                reversed(id, reversesEarningId, partnerId, amount, currency));
        return id;
    }

    public static EarningReversed reversed(String earningId, String reversesEarningId, String partnerId, String amount,
                                           String currency) {
        Money m = Money.of(amount, currency);
        return new EarningReversed(earningId, reversesEarningId, partnerId, PROGRAM, RULE, "commission", "refund",
                "refund of seats", m, m, null, EarningSource.deal(newId(), "Refunded deal", "ACME",
                Instant.parse("2025-06-01T00:00:00Z"), newId()), "2025-07", Instant.parse("2025-07-01T00:00:00Z"),
                explanation("clawback", "delta x 0.08", m));
    }

    /** An event to send with {@link #sendAll}. */
    public record Event(String key, String type, String eventId, Object data) {
    }

    /**
     * Sends {@code events} in order through one producer in one flush (records linger until the flush), so the consumer
     * finds them in one poll — more than one chunk's worth at once.
     */
    public static void sendAll(String topic, List<Event> events) {
        List<TestSupport.Produced> records = new java.util.ArrayList<>();
        for (Event e : events) {
            String json = EventJson.writeString(e.data());
            assertEquals(List.of(), ContractValidator.validate(e.type(), json), "contract-valid " + e.type() + ": " + json);
            records.add(new TestSupport.Produced(topic, e.key(), json, Map.of("ce_id", e.eventId(), "ce_type", e.type(),
                    "ce_source", "/partnerflow/test", "ce_time", Instant.now().toString(), "ce_subject", e.key(),
                    "ce_specversion", "1.0")));
        }
        TestSupport.sendTogether(records);
    }

    public static String adjust(String partnerId, String adjustsEarningId, String amount, String currency) {
        String id = newId();
        Money m = Money.of(amount, currency);
        sendEvent("incentive.earnings", partnerId, "partnerflow.earning.adjusted.v1", newId(),
                new EarningAdjusted(id, adjustsEarningId, partnerId, PROGRAM, RULE, "commission", "recalculation",
                        "recalculated", m, m, null, EarningSource.deal(newId(), "Recalc deal", "ACME",
                        Instant.parse("2025-06-01T00:00:00Z"), newId()), null, "2025-07",
                        Instant.parse("2025-07-02T00:00:00Z"), explanation("delta", "new - old", m)));
        return id;
    }

    /** Registers a partner and waits until this service knows it. */
    public static String knownPartner(String country, String currency) throws Exception {
        String id = newId();
        registerPartner(id, country, currency);
        awaitTrue(() -> count("select count(*) from partner where partner_id = ?", id) == 1);
        return id;
    }

    public static void awaitEarning(String earningId) {
        awaitTrue(() -> count("select count(*) from earning where earning_id = cast(? as uuid)", earningId) == 1);
    }

    public static void awaitTrue(Callable<Boolean> condition) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(condition);
    }

    // ---- payout.events

    public static List<ConsumerRecord<String, String>> payoutEvents(String key, String type, int count) {
        List<ConsumerRecord<String, String>> found = TestSupport.await("payout.events",
                r -> key.equals(r.key()) && type.equals(TestSupport.header(r, "ce_type")), count, Duration.ofSeconds(30));
        assertEquals(count, found.size(), "events " + type + " for " + key);
        for (ConsumerRecord<String, String> r : found) {
            assertEquals(List.of(), ContractValidator.validate(type, r.value()), "matches the contract: " + r.value());
        }
        return found;
    }

    // ---- JDBC

    public static long count(String sql, Object... params) throws Exception {
        try (Connection c = TestSupport.jdbc(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public static String string(String sql, Object... params) throws Exception {
        try (Connection c = TestSupport.jdbc(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
