package io.partnerflow.partner;

import io.partnerflow.contracts.ContractValidator;
import io.partnerflow.testing.TestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.partnerflow.testing.TestSupport.bearer;
import static io.partnerflow.testing.TestSupport.header;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The outbox, end to end through the real relay: a committed change is published, a rolled-back one never. */
@QuarkusTest
class PartnerOutboxTest {
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    static {
        io.restassured.RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void registeringAPartnerPublishesPartnerRegisteredKeyedByPartnerIdWithItsTrace() {
        String name = "Contoso Channel " + UUID.randomUUID();
        String id = given().header("Authorization", bearer("cm-1", "channel-manager"))
                .header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01")
                .contentType(ContentType.JSON)
                .body(Map.of("name", name, "type", "RESELLER", "country", "NL", "payoutCurrency", "EUR",
                        "webDomains", List.of("HTTPS://WWW." + uniqueDomain() + "/about")))
                .post("/partners")
                .then().statusCode(201).body("status", equalTo("PROSPECT")).extract().path("id");

        List<ConsumerRecord<String, String>> events = TestSupport.await("partner.events",
                r -> id.equals(r.key()) && "partnerflow.partner.registered.v1".equals(header(r, "ce_type")), 1,
                Duration.ofSeconds(30));
        assertEquals(1, events.size(), "one partner.registered for " + id);
        ConsumerRecord<String, String> e = events.get(0);
        assertEquals("partnerflow.partner.registered.v1", header(e, "ce_type"));
        assertEquals("/partnerflow/partner-service", header(e, "ce_source"));
        assertEquals("1.0", header(e, "ce_specversion"));
        assertEquals(id, header(e, "ce_subject"));
        assertTrue(header(e, "ce_id").matches("[0-9a-f-]{36}"), header(e, "ce_id"));
        assertTrue(header(e, "traceparent").startsWith("00-" + TRACE_ID + "-"), "trace continues: " + header(e, "traceparent"));
        assertEquals(List.of(), ContractValidator.validate("partnerflow.partner.registered.v1", e.value()),
                "published data matches its JSON Schema");
        assertTrue(e.value().contains(name));
        for (var h : e.headers()) {
            assertTrue(!h.key().startsWith("__debezium"), "no Debezium-internal header leaks: " + h.key());
        }
    }

    @Test
    void aRolledBackRegistrationPublishesNothing() throws Exception {
        String domain = uniqueDomain();
        create("First owner " + UUID.randomUUID(), domain).then().statusCode(201);

        // Same domain: refused inside the transaction (uniqueness check; the domain's primary key is the
        // backstop for races) — the whole transaction rolls back, outbox row included.
        String loser = "Rolled back " + UUID.randomUUID();
        create(loser, domain).then().statusCode(409)
                .contentType("application/problem+json").body("status", equalTo(409));

        // A later committed event is relayed; by then the rolled-back one would have been too.
        String marker = "Marker " + UUID.randomUUID();
        String markerId = create(marker, uniqueDomain()).then().statusCode(201).extract().path("id");
        assertEquals(1, TestSupport.await("partner.events", r -> markerId.equals(r.key())
                && "partnerflow.partner.registered.v1".equals(header(r, "ce_type")), 1, Duration.ofSeconds(30)).size());

        assertEquals(0, TestSupport.await("partner.events", r -> r.value().contains(loser), 1, Duration.ofSeconds(3)).size(),
                "nothing published for the rolled-back registration");
        assertEquals(0, count("select count(*) from outbox_event where payload::text like ?", "%" + loser + "%"));
        assertEquals(0, count("select count(*) from partner where name = ?", loser));
    }

    @Test
    void invalidInputGetsProblemJsonAndWritesNothing() throws Exception {
        long before = count("select count(*) from outbox_event", null);
        given().header("Authorization", bearer("cm-1", "channel-manager")).contentType(ContentType.JSON)
                .body(Map.of("name", "", "type", "RESELLER", "country", "Germany", "payoutCurrency", "EUR"))
                .post("/partners")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("country")).body("errors.field", hasItem("name"));
        given().header("Authorization", bearer("cm-1", "channel-manager")).contentType(ContentType.JSON)
                .body("{\"name\": \"x\", \"type\": \"NOT_A_TYPE\"")
                .post("/partners")
                .then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", bearer("cm-1", "channel-manager")).contentType(ContentType.JSON)
                .body(Map.of("name", "Bad domain", "type", "MSP", "country", "DE", "payoutCurrency", "EUR",
                        "webDomains", List.of("not a domain")))
                .post("/partners")
                .then().statusCode(400).contentType("application/problem+json");
        assertEquals(before, count("select count(*) from outbox_event", null));
    }

    @Test
    void writesNeedAChannelManagerOrAdminToken() {
        given().contentType(ContentType.JSON).body(Map.of("name", "x")).post("/partners")
                .then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", bearer("fin-1", "finance")).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "type", "MSP", "country", "DE", "payoutCurrency", "EUR"))
                .post("/partners")
                .then().statusCode(403).contentType("application/problem+json");
    }

    static io.restassured.response.Response create(String name, String domain) {
        return given().header("Authorization", bearer("cm-1", "channel-manager")).contentType(ContentType.JSON)
                .body(Map.of("name", name, "type", "RESELLER", "country", "DE", "payoutCurrency", "EUR",
                        "webDomains", List.of(domain)))
                .post("/partners");
    }

    static String uniqueDomain() {
        return "p" + UUID.randomUUID().toString().substring(0, 12) + ".example.com";
    }

    static long count(String sql, String param) throws Exception {
        try (Connection c = TestSupport.jdbc(); PreparedStatement st = c.prepareStatement(sql)) {
            if (param != null) {
                st.setString(1, param);
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
