package io.partnerflow.deal;

import io.partnerflow.contracts.ContractValidator;
import io.partnerflow.contracts.EventJson;
import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.deal.DealClosedWon;
import io.partnerflow.contracts.deal.DealPipelineUpdated;
import io.partnerflow.contracts.deal.DealRegistrationSubmitted;
import io.partnerflow.testing.TestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.partnerflow.deal.GenericWebhookTest.deal;
import static io.partnerflow.testing.TestSupport.bearer;
import static io.partnerflow.testing.TestSupport.header;
import static io.partnerflow.testing.TestSupport.partnerBearer;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Deal registration: conflicts, DB-enforced uniqueness, approval → deal touchpoint → conversion, expiry, scoping. */
@QuarkusTest
class RegistrationTest {
    private static final String CM = bearer("cm-reg", "channel-manager");

    @Test
    void anApprovedRegistrationIsMatchedToItsCustomersDealByDomainAndConvertedWhenTheDealIsWon() {
        String partner = knownPartner(false);
        String uniq = "acme" + UUID.randomUUID().toString().substring(0, 8);
        String regId = submit(partner, "Acme " + uniq, "shop." + uniq + ".example", "DE", "software")
                .then().statusCode(201).body("status", equalTo("submitted")).body("customerDomain", equalTo("shop." + uniq + ".example"))
                .extract().path("id");
        ConsumerRecord<String, String> submitted = registrationEvent(regId, "partnerflow.deal.registration-submitted.v1");
        assertEquals(List.of(), ContractValidator.validate("partnerflow.deal.registration-submitted.v1", submitted.value()));

        Response approved = given().header("Authorization", CM).contentType("application/json").body(Map.of("note", "looks good"))
                .post("/registrations/" + regId + "/approve");
        approved.then().statusCode(200).body("status", equalTo("approved"));
        Instant approvedAt = Instant.parse(approved.path("approvedAt"));
        assertEquals(approvedAt.plus(Duration.ofDays(90)), Instant.parse(approved.path("protectedUntil")));
        registrationEvent(regId, "partnerflow.deal.registration-approved.v1");

        // the CRM deal arrives later, for another subdomain of the same customer
        String crmId = "D-" + UUID.randomUUID();
        Crm.post(Crm.delivery(Crm.deal(crmId, 1, "Proposal", "100.00").replace("www." + crmId.toLowerCase() + ".example", "eu." + uniq + ".example")))
                .then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> deal(crmId).then().statusCode(200)
                .body("registrationId", equalTo(regId)).body("touchpoints[0].type", equalTo("deal_registration"))
                .body("touchpoints[0].partnerId", equalTo(partner)).body("touchpoints[0].source", equalTo("registration")));
        String dealId = Crm.dealId(crmId);
        DealPipelineUpdated snap = EventJson.readString(Crm.events(dealId, "partnerflow.deal.pipeline-updated.v1", 1,
                Duration.ofSeconds(30)).get(0).value(), DealPipelineUpdated.class);
        assertEquals(regId, snap.registration().registrationId());
        assertEquals("deal_registration", snap.touchpoints().get(0).touchType());

        // won an hour from now (the registration touch, at submission, is before the close)
        String closedAt = Instant.now().plus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        Crm.post(Crm.delivery(Crm.deal(crmId, 2, "Closed Won", "100.00").replace("www." + crmId.toLowerCase() + ".example", "eu." + uniq + ".example")
                        .replace("2026-11-20T10:00:00Z", closedAt)))
                .then().statusCode(202);
        DealClosedWon won = EventJson.readString(Crm.events(dealId, "partnerflow.deal.closed-won.v1", 1,
                Duration.ofSeconds(30)).get(0).value(), DealClosedWon.class);
        assertEquals(regId, won.registration().registrationId());
        assertEquals(partner, won.touchpoints().get(0).partnerId());
        registrationEvent(regId, "partnerflow.deal.registration-converted.v1");
        given().header("Authorization", CM).get("/registrations/" + regId).then().statusCode(200)
                .body("status", equalTo("converted")).body("dealId", equalTo(dealId));
    }

    @Test
    void approvingARegistrationForAnExistingOpenDealLinksItAndRepublishesTheDeal() {
        String partner = knownPartner(true); // tier benefit: 120 days of protection
        String uniq = "globex" + UUID.randomUUID().toString().substring(0, 8);
        String crmId = "D-" + UUID.randomUUID();
        Crm.post(Crm.delivery(Crm.deal(crmId, 1, "Proposal", "100.00").replace("www." + crmId.toLowerCase() + ".example", uniq + ".example")))
                .then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> deal(crmId).then().statusCode(200));
        String regId = submit(partner, "Globex", uniq + ".example", "FR", "Software").then().statusCode(201).extract().path("id");
        Response approved = given().header("Authorization", CM).post("/registrations/" + regId + "/approve");
        approved.then().statusCode(200);
        assertEquals(Instant.parse(approved.path("approvedAt")).plus(Duration.ofDays(120)), Instant.parse(approved.path("protectedUntil")));
        deal(crmId).then().body("registrationId", equalTo(regId)).body("revision", equalTo(2))
                .body("touchpoints.type", hasItem("deal_registration"));
    }

    @Test
    void firstToRegisterRejectsAnotherPartnersLaterRegistrationForTheSameCustomerAndCategory() {
        String first = knownPartner(false);
        String second = knownPartner(false);
        String uniq = "initech" + UUID.randomUUID().toString().substring(0, 8);
        String reg1 = submit(first, "Initech GmbH", uniq + ".example", "DE", "software", "services")
                .then().statusCode(201).body("status", equalTo("submitted")).extract().path("id");
        // a subdomain of the same customer, overlapping category
        String reg2 = submit(second, "Initech Europe", "emea." + uniq + ".example", "AT", "services")
                .then().statusCode(201).body("status", equalTo("rejected"))
                .body("conflictingRegistrationId", equalTo(reg1))
                .body("conflicts[0].reason", equalTo("same_customer_domain_and_product_category"))
                .body("decisionNote", containsString("first")).extract().path("id");
        ConsumerRecord<String, String> rejected = registrationEvent(reg2, "partnerflow.deal.registration-rejected.v1");
        assertTrue(rejected.value().contains(reg1));
        DealRegistrationSubmitted sub = EventJson.readString(registrationEvent(reg2,
                "partnerflow.deal.registration-submitted.v1").value(), DealRegistrationSubmitted.class);
        assertEquals(reg1, sub.conflicts().get(0).registrationId());
        // same name + country without a domain conflicts too
        submit(second, "INITECH gmbh", null, "DE", "software").then().statusCode(201).body("status", equalTo("rejected"))
                .body("conflicts[0].reason", equalTo("same_customer_name_and_country_and_product_category"));
        // another category of the same customer does not conflict; nor does the same partner again
        submit(second, "Initech GmbH", uniq + ".example", "DE", "hardware").then().statusCode(201).body("status", equalTo("submitted"));
        submit(first, "Initech GmbH", uniq + ".example", "DE", "software").then().statusCode(201).body("status", equalTo("submitted"));
        // same name in another country is another customer
        submit(second, "Initech GmbH", null, "CH", "software").then().statusCode(201).body("status", equalTo("submitted"));
    }

    @Test
    void theDatabaseRefusesASecondApprovedRegistrationForTheSameCustomerAndCategory() throws Exception {
        String a = knownPartner(false);
        String b = knownPartner(false);
        String uniq = "umbrella" + UUID.randomUUID().toString().substring(0, 8);
        String regA = submit(a, "Umbrella", uniq + ".example", "US", "software").then().statusCode(201).extract().path("id");
        given().header("Authorization", CM).post("/registrations/" + regA + "/approve").then().statusCode(200);
        // bypassing the application (as a concurrent submission would): a submitted conflicting registration of B
        UUID regB = UUID.randomUUID();
        try (Connection c = TestSupport.jdbc()) {
            insert(c, regB, b, "Umbrella Corp", "umbrella corp", "labs." + uniq + ".example", uniq + ".example", "US", "submitted", "software", "hardware");
            // approving it directly in SQL violates the claims' primary key
            SQLException e = assertThrows(SQLException.class, () -> {
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("update registration set status = 'approved' where id = '" + regB + "'");
                }
            });
            assertEquals("23505", e.getSQLState(), e.getMessage());
            // and so does inserting one as approved
            SQLException e2 = assertThrows(SQLException.class, () -> insert(c, UUID.randomUUID(), b, "Other name", "other name",
                    uniq + ".example", uniq + ".example", "GB", "approved", "software"));
            assertEquals("23505", e2.getSQLState());
        }
        // through the API: 409 problem, nothing changed
        given().header("Authorization", CM).post("/registrations/" + regB + "/approve").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("already approved"));
        given().header("Authorization", CM).get("/registrations/" + regB).then().body("status", equalTo("submitted"));
        // once A is cancelled, B can be approved
        given().header("Authorization", partnerBearer("pa", a)).contentType("application/json").body(Map.of("reason", "lost"))
                .post("/registrations/" + regA + "/cancel").then().statusCode(200).body("status", equalTo("cancelled"));
        given().header("Authorization", CM).post("/registrations/" + regB + "/approve").then().statusCode(200);
    }

    @Test
    void protectionEndsWithExpiryByTheScheduledJobWhichRunsOnceAcrossReplicas() throws Exception {
        String partner = knownPartner(false);
        String uniq = "hooli" + UUID.randomUUID().toString().substring(0, 8);
        String regId = submit(partner, "Hooli", uniq + ".example", "US", "software").then().statusCode(201).extract().path("id");
        given().header("Authorization", CM).post("/registrations/" + regId + "/approve").then().statusCode(200);
        String admin = bearer("root", "admin");
        // another replica holds the job's lock: this run skips (taken BEFORE protection lapses, so the scheduled
        // job of this service cannot expire the registration in between either)
        try (Connection other = TestSupport.jdbc()) {
            other.setAutoCommit(false);
            try (Statement st = other.createStatement()) {
                st.execute("select pg_advisory_xact_lock(hashtextextended('deal-service:registration-expiry', 0))");
            }
            try (Connection c = TestSupport.jdbc(); Statement st = c.createStatement()) {
                st.executeUpdate("update registration set protected_until = now() - interval '1 day' where id = '" + regId + "'");
            }
            given().header("Authorization", admin).post("/registrations/expiry-runs").then().statusCode(200)
                    .body("ran", equalTo(false));
            given().header("Authorization", CM).get("/registrations/" + regId).then().body("status", equalTo("approved"));
            other.rollback();
        }
        // lock released: the next run (this one, or the scheduled one if it got there first) expires it
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            given().header("Authorization", admin).post("/registrations/expiry-runs").then().statusCode(200);
            given().header("Authorization", CM).get("/registrations/" + regId).then().body("status", equalTo("expired"));
        });
        ConsumerRecord<String, String> expired = registrationEvent(regId, "partnerflow.deal.registration-expired.v1");
        assertTrue(expired.value().contains("protection_period_ended"));
        assertEquals(List.of(), ContractValidator.validate("partnerflow.deal.registration-expired.v1", expired.value()));
        given().header("Authorization", partnerBearer("p", partner)).post("/registrations/expiry-runs").then().statusCode(403);
    }

    @Test
    void aPartnerSeesSubmitsAndCancelsOnlyItsOwnRegistrationsEveryOtherIdIs404() {
        String a = knownPartner(false);
        String b = knownPartner(false);
        String uniq = "vandelay" + UUID.randomUUID().toString().substring(0, 8);
        String regA = submit(a, "Vandelay", uniq + ".example", "US", "software").then().statusCode(201).extract().path("id");
        String pb = partnerBearer("user-b", b);
        // GET by id
        given().header("Authorization", pb).get("/registrations/" + regA).then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", partnerBearer("user-a", a)).get("/registrations/" + regA).then().statusCode(200);
        // list: only own
        String regB = submit(b, "Kramerica", "kramerica-" + uniq + ".example", "US", "services").then().statusCode(201).extract().path("id");
        given().header("Authorization", pb).get("/registrations").then().statusCode(200)
                .body("partnerId", everyItem(equalTo(b))).body("id", hasItem(regB)).body("id", not(hasItem(regA)));
        // cancel
        given().header("Authorization", pb).contentType("application/json").body(Map.of("reason", "mine now"))
                .post("/registrations/" + regA + "/cancel").then().statusCode(404);
        // submit for another partner
        given().header("Authorization", pb).contentType("application/json")
                .body(Map.of("partnerId", a, "customer", Map.of("name", "X", "country", "US"), "productCategories", List.of("software")))
                .post("/registrations").then().statusCode(404);
        // decisions are for channel managers only (403 whatever the id: existence is not revealed)
        given().header("Authorization", pb).post("/registrations/" + regA + "/approve").then().statusCode(403);
        given().header("Authorization", pb).post("/registrations/" + regB + "/approve").then().statusCode(403);
        given().header("Authorization", pb).contentType("application/json").body(Map.of("reason", "no"))
                .post("/registrations/" + regA + "/reject").then().statusCode(403);
        // an unknown id is 404 as well
        given().header("Authorization", pb).get("/registrations/" + UUID.randomUUID()).then().statusCode(404);
        given().header("Authorization", CM).get("/registrations/" + regA).then().statusCode(200).body("status", equalTo("submitted"));
        // a partner's own cancellation works and is published
        given().header("Authorization", pb).post("/registrations/" + regB + "/cancel").then().statusCode(200)
                .body("status", equalTo("cancelled"));
        registrationEvent(regB, "partnerflow.deal.registration-cancelled.v1");
    }

    @Test
    void aChannelManagerRejectsWithAReasonAndInvalidTransitionsAre409() {
        String partner = knownPartner(false);
        String regId = submit(partner, "Wayne", "wayne-" + UUID.randomUUID().toString().substring(0, 8) + ".example", "US", "software")
                .then().statusCode(201).extract().path("id");
        given().header("Authorization", CM).contentType("application/json").body(Map.of()).post("/registrations/" + regId + "/reject")
                .then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", CM).contentType("application/json").body(Map.of("reason", "existing direct deal"))
                .post("/registrations/" + regId + "/reject").then().statusCode(200).body("status", equalTo("rejected"))
                .body("decisionNote", equalTo("existing direct deal"));
        given().header("Authorization", CM).post("/registrations/" + regId + "/approve").then().statusCode(409);
        ConsumerRecord<String, String> r = registrationEvent(regId, "partnerflow.deal.registration-rejected.v1");
        assertTrue(r.value().contains("existing direct deal"));
        given().header("Authorization", partnerBearer("p", partner)).contentType("application/json")
                .body(Map.of("customer", Map.of("name", "X", "country", "Germany"), "productCategories", List.of()))
                .post("/registrations").then().statusCode(400);
    }

    // ------------------------------------------------------------------ helpers

    static Response submit(String partner, String name, String domain, String country, String... categories) {
        Map<String, Object> customer = new java.util.HashMap<>(Map.of("name", name, "country", country));
        if (domain != null) {
            customer.put("domain", domain);
        }
        return given().header("Authorization", partnerBearer("user-" + partner, partner)).contentType("application/json")
                .body(Map.of("customer", customer, "productCategories", List.of(categories),
                        "expectedAmount", Map.of("amount", "25000.00", "currency", "EUR"), "expectedCloseDate", "2027-01-31",
                        "dealName", name + " rollout"))
                .post("/registrations");
    }

    /** A partner deal-service knows (from partner.events); with {@code tier} its tier gives 120 days of protection. */
    static String knownPartner(boolean tier) {
        String id = UUID.randomUUID().toString();
        TestSupport.send("partner.events", id, PartnerEventsConsumerTest.registered(id, "Partner " + id),
                PartnerEventsConsumerTest.headers(UUID.randomUUID().toString(), "partnerflow.partner.registered.v1", id));
        if (tier) {
            String sample;
            try (var in = EventType.class.getClassLoader().getResourceAsStream(EventType.PARTNER_TIER_CHANGED.sampleResource())) {
                sample = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            TestSupport.send("partner.events", id, sample.replace("c81d5e7f-2a94-4b3c-8f61-5e0a7d2b9c44", id),
                    PartnerEventsConsumerTest.headers(UUID.randomUUID().toString(), "partnerflow.partner.tier-changed.v1", id));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", CM)
                .get("/partner-directory/" + id).then().statusCode(200).body("revision", equalTo(tier ? 2 : 1)));
        return id;
    }

    static ConsumerRecord<String, String> registrationEvent(String regId, String type) {
        List<ConsumerRecord<String, String>> found = TestSupport.await(Crm.DEAL_EVENTS,
                r -> regId.equals(r.key()) && type.equals(header(r, "ce_type")), 1, Duration.ofSeconds(30));
        assertEquals(1, found.size(), type + " for " + regId);
        assertNotNull(header(found.get(0), "ce_id"));
        assertEquals(List.of(), ContractValidator.validate(type, found.get(0).value()));
        return found.get(0);
    }

    private static void insert(Connection c, UUID id, String partner, String name, String nameKey, String domain,
                               String root, String country, String status, String... categories) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("""
                insert into registration (id, partner_id, customer_name, customer_name_key, customer_domain,
                  customer_root_domain, customer_country, product_categories, status, submitted_by, submitted_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'sql', now())""")) {
            st.setObject(1, id);
            st.setObject(2, UUID.fromString(partner));
            st.setString(3, name);
            st.setString(4, nameKey);
            st.setString(5, domain);
            st.setString(6, root);
            st.setString(7, country);
            st.setArray(8, c.createArrayOf("text", categories));
            st.setString(9, status);
            st.executeUpdate();
        }
    }
}
