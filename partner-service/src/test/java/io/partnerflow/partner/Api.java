package io.partnerflow.partner;

import io.partnerflow.contracts.ContractValidator;
import io.partnerflow.testing.TestSupport;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Test helpers: REST as a channel manager / admin / partner user, Kafka observation, JDBC counts. */
final class Api {
    static {
        io.restassured.RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private Api() {
    }

    static RequestSpecification cm() {
        return given().header("Authorization", TestSupport.bearer("cm-anna", "channel-manager")).contentType(ContentType.JSON);
    }

    static RequestSpecification admin() {
        return given().header("Authorization", TestSupport.bearer("admin-1", "admin")).contentType(ContentType.JSON);
    }

    static RequestSpecification partnerUser(String partnerId) {
        return given().header("Authorization", TestSupport.partnerBearer("user-of-" + partnerId, partnerId))
                .contentType(ContentType.JSON);
    }

    static String uniqueDomain() {
        return "p" + UUID.randomUUID().toString().substring(0, 12) + ".example.com";
    }

    static Map<String, Object> partnerBody(String name) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("type", "RESELLER");
        body.put("country", "DE");
        body.put("payoutCurrency", "EUR");
        body.put("webDomains", List.of(uniqueDomain()));
        return body;
    }

    static String createPartner(Map<String, Object> body) {
        return cm().body(body).post("/partners").then().statusCode(201).extract().path("id");
    }

    static String createPartner() {
        return createPartner(partnerBody("Partner " + UUID.randomUUID()));
    }

    static Response status(String id, String to) {
        return cm().body(Map.of("status", to, "reason", "test")).post("/partners/" + id + "/status");
    }

    static void activate(String id) {
        status(id, "ONBOARDING").then().statusCode(200);
        status(id, "ACTIVE").then().statusCode(200);
    }

    /** The partner.events records keyed by {@code partnerId} of {@code type}, expecting exactly {@code count}. */
    static List<ConsumerRecord<String, String>> events(String partnerId, String type, int count) {
        List<ConsumerRecord<String, String>> found = TestSupport.await("partner.events",
                r -> partnerId.equals(r.key()) && type.equals(TestSupport.header(r, "ce_type")), count,
                Duration.ofSeconds(30));
        assertEquals(count, found.size(), "events " + type + " for " + partnerId);
        for (ConsumerRecord<String, String> r : found) {
            assertEquals(List.of(), ContractValidator.validate(type, r.value()), "matches the contract: " + r.value());
        }
        return found;
    }

    static long count(String sql, Object... params) throws Exception {
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

    static long outboxRows(String partnerId) throws Exception {
        return count("select count(*) from outbox_event where aggregate_id = ?", partnerId);
    }
}
