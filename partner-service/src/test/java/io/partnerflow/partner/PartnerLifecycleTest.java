package io.partnerflow.partner;

import com.fasterxml.jackson.databind.JsonNode;
import io.partnerflow.contracts.EventJson;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.partnerflow.partner.Api.cm;
import static io.partnerflow.partner.Api.count;
import static io.partnerflow.partner.Api.createPartner;
import static io.partnerflow.partner.Api.events;
import static io.partnerflow.partner.Api.outboxRows;
import static io.partnerflow.partner.Api.partnerBody;
import static io.partnerflow.partner.Api.status;
import static io.partnerflow.partner.Api.uniqueDomain;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Partners over REST against real PostgreSQL and Kafka: profile, update, lifecycle, uniqueness, parents, lists. */
@QuarkusTest
class PartnerLifecycleTest {

    @Test
    void registersAFullProfileAndPublishesItMatchingTheContract() {
        String distributor = createPartner(Map.of("name", "Dist " + UUID.randomUUID(), "type", "DISTRIBUTOR",
                "country", "NL", "payoutCurrency", "EUR"));
        String crmId = "001" + UUID.randomUUID();
        Map<String, Object> body = partnerBody("Reseller " + UUID.randomUUID());
        String domain = uniqueDomain();
        body.put("webDomains", List.of("https://WWW." + domain.toUpperCase() + "/contact", domain));
        body.put("legalName", "Reseller GmbH");
        body.put("crmAccounts", List.of(Map.of("system", "salesforce", "accountId", crmId)));
        body.put("parentPartnerId", distributor);
        body.put("primaryContact", Map.of("name", "Dana Whitfield", "email", "dana@example.com"));
        String id = cm().body(body).post("/partners").then().statusCode(201)
                .body("status", equalTo("PROSPECT"))
                .body("webDomains", contains(domain))
                .body("crmAccounts[0].accountId", equalTo(crmId))
                .body("parentPartnerId", equalTo(distributor))
                .body("primaryContact.name", equalTo("Dana Whitfield"))
                .body("revision", equalTo(1))
                .extract().path("id");
        // name-based from its CRM account: replaying the same CRM history gives the same partner id
        assertEquals(io.partnerflow.core.ids.NameBasedIds.of("partner.crm-account", "salesforce", crmId).toString(), id);

        JsonNode data = EventJson.readTree(events(id, "partnerflow.partner.registered.v1", 1).get(0).value());
        assertEquals(distributor, data.get("parentPartnerId").asText());
        assertEquals("dana@example.com", data.get("primaryContact").get("email").asText());
        assertEquals("salesforce", data.get("crmAccounts").get(0).get("system").asText());
        assertEquals("prospect", data.get("status").asText());
        assertEquals(domain, data.get("webDomains").get(0).asText());
    }

    @Test
    void anUpdatePublishesTheFullSnapshotWithItsChangedFieldsAndRevision() throws Exception {
        String id = createPartner();
        Map<String, Object> update = partnerBody("Renamed " + UUID.randomUUID());
        update.put("payoutCurrency", "USD");
        update.put("crmAccounts", List.of(Map.of("system", "hubspot", "accountId", "hs-" + UUID.randomUUID())));
        update.put("expectedRevision", 1);
        cm().body(update).put("/partners/" + id).then().statusCode(200)
                .body("revision", equalTo(2)).body("payoutCurrency", equalTo("USD"));

        ConsumerRecord<String, String> e = events(id, "partnerflow.partner.updated.v1", 1).get(0);
        JsonNode data = EventJson.readTree(e.value());
        assertEquals(2, data.get("revision").asInt());
        assertEquals("cm-anna", data.get("updatedBy").asText());
        List<String> changed = EventJson.mapper().convertValue(data.get("changedFields"), List.class);
        assertEquals(List.of("name", "payoutCurrency", "webDomains", "crmAccounts"), changed);

        // The same content again changes nothing and publishes nothing.
        long rows = outboxRows(id);
        update.remove("expectedRevision");
        cm().body(update).put("/partners/" + id).then().statusCode(200).body("revision", equalTo(2));
        assertEquals(rows, outboxRows(id));

        // A stale revision is refused and writes nothing.
        update.put("name", "Stale writer");
        update.put("expectedRevision", 1);
        cm().body(update).put("/partners/" + id).then().statusCode(409).contentType("application/problem+json");
        assertEquals(rows, outboxRows(id));
        assertEquals(0, count("select count(*) from partner where name = 'Stale writer'"));
    }

    @Test
    void walksTheLifecycleAndPublishesEveryStatusChange() {
        String id = createPartner();
        for (String to : List.of("ONBOARDING", "ACTIVE", "SUSPENDED", "ACTIVE", "TERMINATED")) {
            status(id, to).then().statusCode(200).body("status", equalTo(to));
        }
        List<ConsumerRecord<String, String>> changes = events(id, "partnerflow.partner.status-changed.v1", 5);
        List<String> path = changes.stream().map(r -> EventJson.readTree(r.value()))
                .map(n -> n.get("from").asText() + ">" + n.get("to").asText()).toList();
        assertEquals(List.of("prospect>onboarding", "onboarding>active", "active>suspended", "suspended>active",
                "active>terminated"), path);
        assertEquals("cm-anna", EventJson.readTree(changes.get(0).value()).get("changedBy").asText());
    }

    @Test
    void anInvalidTransitionIsRefusedWith409AndChangesNothing() throws Exception {
        String id = createPartner();
        long rows = outboxRows(id);
        status(id, "ACTIVE").then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:partnerflow:problem:invalid-status-transition"))
                .body("detail", containsString("PROSPECT"));
        status(id, "PROSPECT").then().statusCode(409);
        cm().get("/partners/" + id).then().statusCode(200).body("status", equalTo("PROSPECT")).body("revision", equalTo(1));
        assertEquals(rows, outboxRows(id));

        status(id, "TERMINATED").then().statusCode(200);
        status(id, "ACTIVE").then().statusCode(409);
        cm().body(partnerBody("After termination")).put("/partners/" + id).then().statusCode(409);
        cm().body(Map.of("status", "SLEEPING")).post("/partners/" + id + "/status").then().statusCode(400);
    }

    @Test
    void aWebDomainClaimedByAnotherPartnerIs409AndNothingIsWritten() throws Exception {
        String domain = uniqueDomain();
        Map<String, Object> first = partnerBody("First " + UUID.randomUUID());
        first.put("webDomains", List.of(domain));
        String owner = createPartner(first);

        String other = createPartner();
        String loser = "Loser " + UUID.randomUUID();
        Map<String, Object> second = partnerBody(loser);
        second.put("webDomains", List.of("http://www." + domain + "/"));
        long outboxBefore = count("select count(*) from outbox_event");
        cm().body(second).post("/partners").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString(domain));
        assertEquals(0, count("select count(*) from partner where name = ?", loser));

        // On update, too: the other partner keeps its domains and nothing is published.
        Map<String, Object> steal = partnerBody("Thief");
        steal.put("webDomains", List.of(domain));
        cm().body(steal).put("/partners/" + other).then().statusCode(409);
        cm().get("/partners/" + other).then().body("name", not(equalTo("Thief")));
        assertEquals(1, count("select count(*) from partner_web_domain where domain = ? and partner_id = ?::uuid", domain, owner));
        assertEquals(outboxBefore, count("select count(*) from outbox_event"), "nothing published");
    }

    @Test
    void aCrmAccountClaimedByAnotherPartnerIs409AndNothingIsWritten() throws Exception {
        String account = "0018d" + UUID.randomUUID();
        Map<String, Object> first = partnerBody("CRM owner " + UUID.randomUUID());
        first.put("crmAccounts", List.of(Map.of("system", "salesforce", "accountId", account)));
        createPartner(first);

        String loser = "CRM loser " + UUID.randomUUID();
        Map<String, Object> second = partnerBody(loser);
        second.put("crmAccounts", List.of(Map.of("system", "SALESFORCE", "accountId", " " + account + " ")));
        cm().body(second).post("/partners").then().statusCode(409).body("detail", containsString(account));
        assertEquals(0, count("select count(*) from partner where name = ?", loser));

        // The same id in another CRM is a different account.
        second.put("crmAccounts", List.of(Map.of("system", "hubspot", "accountId", account)));
        cm().body(second).post("/partners").then().statusCode(201);
        second.put("crmAccounts", List.of(Map.of("system", "dynamics", "accountId", account)));
        second.put("webDomains", List.of(uniqueDomain()));
        cm().body(second).post("/partners").then().statusCode(400);
    }

    @Test
    void aParentMustExistAndTheChainMustNotLoop() {
        Map<String, Object> orphan = partnerBody("Orphan " + UUID.randomUUID());
        orphan.put("parentPartnerId", UUID.randomUUID().toString());
        cm().body(orphan).post("/partners").then().statusCode(422);

        String top = createPartner(Map.of("name", "Top " + UUID.randomUUID(), "type", "DISTRIBUTOR", "country", "DE",
                "payoutCurrency", "EUR"));
        Map<String, Object> child = partnerBody("Child " + UUID.randomUUID());
        child.put("parentPartnerId", top);
        String childId = createPartner(child);
        Map<String, Object> topUpdate = new HashMap<>(Map.of("name", "Top", "type", "DISTRIBUTOR", "country", "DE",
                "payoutCurrency", "EUR", "parentPartnerId", childId));
        cm().body(topUpdate).put("/partners/" + top).then().statusCode(422).body("detail", containsString("cycle"));
        topUpdate.put("parentPartnerId", top);
        cm().body(topUpdate).put("/partners/" + top).then().statusCode(422);
    }

    @Test
    void listsFilterByTypeStatusAndCountryAndPaginate() {
        String country = "IS";
        String a = createPartner(Map.of("name", "MSP " + UUID.randomUUID(), "type", "MSP", "country", country,
                "payoutCurrency", "ISK"));
        String b = createPartner(Map.of("name", "Agent " + UUID.randomUUID(), "type", "AGENT", "country", country,
                "payoutCurrency", "EUR"));
        Api.activate(b);
        cm().queryParam("country", country).queryParam("type", "msp").get("/partners").then().statusCode(200)
                .body("items.id", hasItem(a)).body("items.id", not(hasItem(b)))
                .body("items.type", everyItem(equalTo("MSP"))).body("items.country", everyItem(equalTo(country)));
        cm().queryParam("country", country).queryParam("status", "ACTIVE").get("/partners").then().statusCode(200)
                .body("items.id", hasItem(b)).body("items.id", not(hasItem(a)))
                .body("items.status", everyItem(equalTo("ACTIVE")));
        cm().queryParam("country", country).queryParam("size", 1).queryParam("page", 0).get("/partners").then()
                .statusCode(200).body("items.size()", equalTo(1)).body("size", equalTo(1));
        cm().queryParam("status", "NOPE").get("/partners").then().statusCode(400).contentType("application/problem+json");
    }
}
