package io.partnerflow.incentive;

import io.partnerflow.contracts.ContractValidator;
import io.partnerflow.contracts.EventJson;
import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.attribution.Credit;
import io.partnerflow.contracts.attribution.DealAttributed;
import io.partnerflow.contracts.attribution.DealAttributionReversed;
import io.partnerflow.contracts.attribution.DealContext;
import io.partnerflow.contracts.attribution.DealReattributed;
import io.partnerflow.contracts.attribution.ModelRef;
import io.partnerflow.contracts.deal.Customer;
import io.partnerflow.contracts.deal.DealLine;
import io.partnerflow.contracts.partner.PartnerCertificationCompleted;
import io.partnerflow.contracts.partner.PartnerRegistered;
import io.partnerflow.contracts.partner.PartnerTierChanged;
import io.partnerflow.core.money.Money;
import io.partnerflow.testing.TestSupport;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static io.partnerflow.testing.TestSupport.bearer;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Builders for contract-valid input events, and helpers to publish them and observe incentive.earnings. */
public final class Fixtures {
    public static final String ACCRUED = "partnerflow.earning.accrued.v1";
    public static final String REVERSED = "partnerflow.earning.reversed.v1";
    public static final String ADJUSTED = "partnerflow.earning.adjusted.v1";

    private Fixtures() {
    }

    public static String id() {
        return UUID.randomUUID().toString();
    }

    // ------------------------------------------------------------------------------------------ sending

    public static void send(String topic, String key, EventType type, Object data, String eventId) {
        String json = EventJson.writeString(data);
        assertEquals(List.of(), ContractValidator.validate(type, json), "input must be contract-valid: " + json);
        Map<String, String> h = new HashMap<>();
        h.put("ce_id", eventId);
        h.put("ce_type", type.type());
        h.put("ce_source", "/partnerflow/test");
        h.put("ce_time", "2026-01-01T00:00:00Z");
        h.put("ce_subject", key);
        h.put("ce_specversion", "1.0");
        TestSupport.send(topic, key, json, h);
    }

    /** An event to publish: its type, payload and envelope id (the key is the type's key of the payload). */
    public record Outgoing(EventType type, Object data, String eventId) {
        public Outgoing(EventType type, Object data) {
            this(type, data, id());
        }
    }

    /**
     * All events in ONE producer flush (one produce request, one record batch, one poll of the consumer), in order —
     * to put more than one chunk's worth into one consumer batch.
     */
    public static void sendTogether(List<Outgoing> events) {
        sendTogether(null, events);
    }

    /** As {@link #sendTogether(List)}, all under {@code key} when not null: one partition, so certainly one poll. */
    public static void sendTogether(String sameKey, List<Outgoing> events) {
        List<TestSupport.Produced> records = new java.util.ArrayList<>();
        for (Outgoing o : events) {
            String json = EventJson.writeString(o.data());
            assertEquals(List.of(), ContractValidator.validate(o.type(), json), "input must be contract-valid: " + json);
            String key = sameKey != null ? sameKey : o.type().keyOf(o.data());
            records.add(new TestSupport.Produced(o.type().topic(), key, json, Map.of("ce_id", o.eventId(), "ce_type",
                    o.type().type(), "ce_source", "/partnerflow/test", "ce_time", "2026-01-01T00:00:00Z",
                    "ce_subject", key, "ce_specversion", "1.0")));
        }
        TestSupport.sendTogether(records);
    }

    public static void send(EventType type, Object data) {
        send(type.topic(), type.keyOf(data), type, data, id());
    }

    public static void registerPartner(String partnerId, String type, String country, String payoutCurrency, String tier) {
        send(EventType.PARTNER_REGISTERED, new PartnerRegistered(partnerId, "Partner " + partnerId.substring(0, 6), null, type,
                "active", country, payoutCurrency, List.of(), Instant.parse("2020-01-01T00:00:00Z"), List.of(), tier));
    }

    public static void tierChanged(String partnerId, String fromCode, String toCode, String toName, int rank, String effectiveAt) {
        send(EventType.PARTNER_TIER_CHANGED, new PartnerTierChanged(partnerId,
                fromCode == null ? null : new PartnerTierChanged.TierRef(fromCode, fromCode, rank - 1),
                new PartnerTierChanged.TierRef(toCode, toName, rank), Instant.parse(effectiveAt), Instant.parse(effectiveAt),
                "promotion", null, "tier-evaluation", id(), 1, List.of(), List.of()));
    }

    public static void certification(String partnerId, String certificationId, String code, String personId, String completedAt) {
        send(EventType.PARTNER_CERTIFICATION_COMPLETED, new PartnerCertificationCompleted(partnerId, certificationId, code,
                "Cert " + code, "professional", personId, "Person " + personId, Instant.parse(completedAt), null, "lms"));
    }

    /** Waits until the projection knows the partner (so later events find it). */
    public static void awaitPartner(String partnerId) {
        awaitRow("select 1 from partner where partner_id = ?", partnerId);
    }

    public static void awaitTier(String partnerId, String code) {
        awaitRow("select 1 from partner_tier where partner_id = ? and tier_code = '" + code + "'", partnerId);
    }

    public static void awaitRow(String sql, String param) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            try (Connection c = TestSupport.jdbc(); PreparedStatement st = c.prepareStatement(sql)) {
                st.setString(1, param);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    public static long count(String sql, String... params) {
        try (Connection c = TestSupport.jdbc(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setString(i + 1, params[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------------------------------ deals

    public static DealLine line(int n, String sku, String category, String quantity, String amount, String ccy) {
        return new DealLine(n, sku, sku + " product", category, null, new BigDecimal(quantity), null, Money.of(amount, ccy));
    }

    public static DealContext deal(String dealId, String name, String closedAt, String country, String dealType, List<DealLine> lines) {
        String ccy = lines.get(0).amount().currencyCode();
        Money amount = Money.sum(java.util.Currency.getInstance(ccy), lines.stream().map(DealLine::amount).toList());
        Instant close = Instant.parse(closedAt);
        return new DealContext(dealId, null, 1, name, dealType, close.minus(Duration.ofDays(40)), close,
                new Customer(null, name + " Customer", country, null, null, null), ccy, amount, lines, null);
    }

    /** A credit with per-line amounts given as "line:amount" pairs. */
    public static Credit credit(String partnerId, String weight, String role, List<String> touchTypes, DealContext d, String... lineAmounts) {
        List<Credit.LineCredit> lines = new ArrayList<>();
        Money total = Money.zero(d.currency());
        for (String la : lineAmounts) {
            int n = Integer.parseInt(la.substring(0, la.indexOf(':')));
            Money m = Money.of(la.substring(la.indexOf(':') + 1), d.currency());
            DealLine dl = d.lines().stream().filter(l -> l.lineNumber() == n).findFirst().orElseThrow();
            lines.add(new Credit.LineCredit(n, dl.sku(), dl.category(), m));
            total = total.plus(m);
        }
        return new Credit(partnerId, new BigDecimal(weight), total, role, touchTypes, List.of(id()), lines);
    }

    public static ModelRef model(String kind) {
        return new ModelRef(id(), 1, kind + " model", kind, null);
    }

    public static DealAttributed attributed(DealContext d, String modelKind, Credit... credits) {
        return new DealAttributed(id(), d.dealId(), d, model(modelKind),
                java.util.Arrays.stream(credits).sorted(java.util.Comparator.comparing(Credit::partnerId)).toList(), d.closedAt().plusSeconds(5));
    }

    public static DealAttributionReversed reversed(DealAttributed a, String kind, String reversedAt, Credit... deltas) {
        Money sum = Money.sum(java.util.Currency.getInstance(a.deal().currency()), java.util.Arrays.stream(deltas).map(Credit::amount).toList());
        return new DealAttributionReversed(id(), a.attributionId(), a.dealId(), id(), kind, kind + " by customer", a.deal(), a.model(),
                sum, java.util.Arrays.stream(deltas).sorted(java.util.Comparator.comparing(Credit::partnerId)).toList(), Instant.parse(reversedAt));
    }

    public static DealReattributed reattributed(DealAttributed a, String modelKind, Credit... credits) {
        return new DealReattributed(id(), a.attributionId(), "switch to " + modelKind, id(), a.dealId(), a.deal(), model(modelKind),
                java.util.Arrays.stream(credits).sorted(java.util.Comparator.comparing(Credit::partnerId)).toList(), Instant.now());
    }

    // ------------------------------------------------------------------------------------------ observing

    /** Exactly {@code n} records of {@code type} for the partner on incentive.earnings (fails otherwise), contract-checked. */
    public static List<ConsumerRecord<String, String>> earnings(String partnerId, String type, int n, Predicate<String> filter) {
        List<ConsumerRecord<String, String>> out = TestSupport.await("incentive.earnings",
                r -> partnerId.equals(r.key()) && type.equals(TestSupport.header(r, "ce_type")) && filter.test(r.value()), n, Duration.ofSeconds(30));
        assertEquals(n, out.size(), type + " for " + partnerId);
        for (ConsumerRecord<String, String> r : out) {
            assertEquals(List.of(), ContractValidator.validate(type, r.value()), r.value());
            var tree = EventJson.readTree(r.value());
            assertTrue(tree.hasNonNull("explanation") && !tree.get("explanation").get("summary").asText().isBlank(), "every earning explains itself");
            assertEquals(tree.get("earningId").asText(), TestSupport.header(r, "ce_id"));
        }
        return out;
    }

    public static List<ConsumerRecord<String, String>> earnings(String partnerId, String type, int n) {
        return earnings(partnerId, type, n, v -> true);
    }

    /** How many records of the partner are on the topic once settled ({@link TestSupport#settled}, one more gets 4 s). */
    public static int settledCount(String partnerId, int atLeast) {
        return TestSupport.settled("incentive.earnings", r -> partnerId.equals(r.key()), atLeast, Duration.ofSeconds(4)).size();
    }

    // ------------------------------------------------------------------------------------------ REST

    public static String staff() {
        return bearer("cm-tests", "channel-manager");
    }

    public static void program(Map<String, Object> definition) {
        given().header("Authorization", bearer("cm-tests", "channel-manager")).contentType(ContentType.JSON).body(definition)
                .post("/programs").then().statusCode(201);
    }

    public static void fxRate(String from, String to, String date, String rate) {
        given().header("Authorization", bearer("fin-tests", "finance")).contentType(ContentType.JSON)
                .body(Map.of("from", from, "to", to, "date", date, "rate", rate, "source", "test"))
                .post("/fx-rates").then().statusCode(201);
    }

    /** A one-rule commission program effective [from, to). */
    public static Map<String, Object> commissionProgram(String code, String from, String to, List<Map<String, Object>> rates,
                                                        Map<String, Object> eligibility) {
        Map<String, Object> rule = new HashMap<>();
        rule.put("key", "commission");
        rule.put("name", "Commission by tier");
        rule.put("kind", "commission");
        rule.put("commission", Map.of("rates", rates));
        if (eligibility != null) {
            rule.put("eligibility", eligibility);
        }
        Map<String, Object> p = new HashMap<>();
        p.put("code", code);
        p.put("name", "Program " + code);
        p.put("effectiveFrom", from);
        p.put("effectiveTo", to);
        p.put("rules", List.of(rule));
        return p;
    }

    public static Map<String, Object> rate(String tier, String category, String sourced, String influenced) {
        Map<String, Object> m = new HashMap<>();
        m.put("tier", tier);
        m.put("category", category);
        m.put("sourced", sourced);
        if (influenced != null) {
            m.put("influenced", influenced);
        }
        return m;
    }
}
