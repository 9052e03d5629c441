package io.partnerflow.deal;

import io.partnerflow.contracts.ContractValidator;
import io.partnerflow.deal.domain.signature.HubSpotSignatureV3;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.partnerflow.deal.PartnerEventsConsumerTest.count;
import static io.partnerflow.testing.TestSupport.bearer;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Salesforce Outbound Messages and HubSpot v3 webhooks, with the configured mappings, end to end in the service. */
@QuarkusTest
class CrmAdaptersTest {
    @TestHTTPResource("/webhooks/crm/hubspot")
    URL hubspotUrl;

    // ------------------------------------------------------------------ Salesforce

    @Test
    void aSalesforceOutboundMessageIsAcknowledgedAndMapsOpportunitiesToDealsAndPartnerTouchesToTouchpoints() throws Exception {
        String opp = "0065g" + UUID.randomUUID().toString().replace("-", "").substring(0, 13);
        String partnerAccount = "0015g" + UUID.randomUUID().toString().replace("-", "").substring(0, 13);
        String xml = salesforce(opp, "Negotiation/Review", "2026-11-01T10:00:00.000Z", partnerAccount, "A", "B");
        salesforcePost(WebhookTestConfig.SF_URL_SECRET, xml).then().statusCode(200).contentType(containsString("xml"))
                .body(containsString("<Ack>true</Ack>"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> sfDeal(opp).then().statusCode(200)
                .body("name", equalTo("Helvetia Logistik - platform rollout"))
                .body("customer.name", equalTo("Helvetia Logistik AG"))        // overridden field mapping
                .body("customer.country", equalTo("CH"))
                .body("customer.crmAccountId", equalTo("0015g00000Cust01AAA"))
                .body("amount.amount", equalTo("48000.00")).body("lines[0].sku", equalTo("NWC-PLAT-ENT-1Y"))
                .body("lines[0].category", equalTo("software")).body("probability", equalTo(0.6f))
                .body("status", equalTo("open")).body("dealType", equalTo("new_business"))
                .body("touchpoints[0].type", equalTo("co_sell_meeting")).body("touchpoints[0].pending", equalTo(true))
                .body("touchpoints[0].partnerRef", equalTo("crm:salesforce:" + partnerAccount)));

        // Salesforce retries: the same message is acknowledged again and not applied twice
        salesforcePost(WebhookTestConfig.SF_URL_SECRET, xml).then().statusCode(200).body(containsString("<Ack>true</Ack>"));
        // a regrouped retry: a new message with an already-applied notification (the touch, B) and an older state
        // of the opportunity under a new notification id (C)
        String regrouped = salesforce(opp, "Qualification", "2026-10-20T10:00:00.000Z", partnerAccount, "C", "B");
        salesforcePost(WebhookTestConfig.SF_URL_SECRET, regrouped).then().statusCode(200);
        // won, later
        salesforcePost(WebhookTestConfig.SF_URL_SECRET, salesforce(opp, "Closed Won", "2026-11-05T10:00:00.000Z",
                partnerAccount, "D", "E")).then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> sfDeal(opp).then().body("status", equalTo("closed_won"))
                .body("closedAt", equalTo("2026-12-20T00:00:00Z")));
        sfDeal(opp).then().body("revision", equalTo(2)).body("stage", equalTo("Closed Won"));
        String admin = bearer("root", "admin");
        String dealId = io.partnerflow.deal.domain.Ids.deal("salesforce", opp).toString();
        assertEquals(List.of(), ContractValidator.validate("partnerflow.deal.closed-won.v1",
                Crm.events(dealId, "partnerflow.deal.closed-won.v1", 1, Duration.ofSeconds(30)).get(0).value()));
        given().header("Authorization", admin).get("/admin/crm-deliveries/salesforce-" + sha256(regrouped))
                .then().statusCode(200).body("outcome[0]", containsString("stale"))
                .body("outcome[1]", containsString("duplicate"));
        assertEquals(1, count("select count(*) from crm_delivery where delivery_id = ?", "salesforce-" + sha256(xml)));
    }

    @Test
    void salesforceIsAuthenticatedByTheUrlSecretAndTheOrganisationAllowListAndMalformedXmlIs400() throws Exception {
        String opp = "0065g" + UUID.randomUUID().toString().replace("-", "").substring(0, 13);
        String xml = salesforce(opp, "Prospecting", "2026-11-01T10:00:00.000Z", "0015gXYZ", "F", "G");
        salesforcePost("not-the-secret", xml).then().statusCode(401).contentType("application/problem+json");
        given().contentType("text/xml").body(xml).post("/webhooks/crm/salesforce/no-such-source/" + WebhookTestConfig.SF_URL_SECRET)
                .then().statusCode(401);
        salesforcePost(WebhookTestConfig.SF_URL_SECRET, xml.replace("00D5g000004ABCDEAA", "00D5g000009ZZZZEAA"))
                .then().statusCode(401).body("detail", containsString("not allowed"));
        // an allowed prefix with a tail is not an org id (and would not fit source_account)
        salesforcePost(WebhookTestConfig.SF_URL_SECRET, xml.replace("00D5g000004ABCDEAA", "00D5g000004ABCDEAA" + "x".repeat(300)))
                .then().statusCode(401);
        salesforcePost(WebhookTestConfig.SF_URL_SECRET, "<soapenv:Envelope><unclosed>").then().statusCode(400)
                .contentType("application/problem+json");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>" + xml.substring(xml.indexOf("<soapenv:Envelope"));
        salesforcePost(WebhookTestConfig.SF_URL_SECRET, xxe).then().statusCode(400);
        assertEquals(0, count("select count(*) from crm_delivery where delivery_id = ?", "salesforce-" + sha256(xml)));
    }

    // ------------------------------------------------------------------ HubSpot

    @Test
    void hubspotPropertyChangesAccumulateIntoTheDealOlderChangesLoseAndTheV3SignatureIsChecked() throws Exception {
        long deal = Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
        String id = Long.toString(deal);
        long t0 = 1_790_000_000_000L + deal;
        // the first batch lacks the customer's name: the deal waits
        String first = hubspotEvents(deal,
                event(deal, "deal.creation", t0, null, null),
                event(deal, "deal.propertyChange", t0 + 1, "dealname", "Globex expansion"),
                event(deal, "deal.propertyChange", t0 + 2, "amount", "1200.5"),
                event(deal, "deal.propertyChange", t0 + 3, "dealstage", "appointmentscheduled"),
                event(deal, "deal.propertyChange", t0 + 4, "company_domain", "globex-" + id + ".example"));
        hubspotPost(first, HUBSPOT(), Instant.now()).then().statusCode(202);
        String admin = bearer("root", "admin");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", admin)
                .get("/admin/crm-deliveries/hubspot-" + sha256(first)).then().statusCode(200)
                .body("outcome[0]", containsString("waiting")).body("outcome[0]", containsString("customer-name")));
        hubspotDeal(id).then().statusCode(404);

        // the name arrives, and (out of order) an OLDER amount change
        String second = hubspotEvents(deal,
                event(deal, "deal.propertyChange", t0 + 5, "partnerflow_customer_name", "Globex Corporation"),
                event(deal, "deal.propertyChange", t0 - 100, "amount", "999.00"));
        hubspotPost(second, HUBSPOT(), Instant.now()).then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> hubspotDeal(id).then().statusCode(200)
                .body("amount.amount", equalTo("1200.50")).body("amount.currency", equalTo("USD"))
                .body("customer.name", equalTo("Globex Corporation")).body("customer.country", equalTo("US"))
                .body("customer.domain", equalTo("globex-" + id + ".example")).body("status", equalTo("open")));

        // closed won
        String third = hubspotEvents(deal,
                event(deal, "deal.propertyChange", t0 + 10, "closedate", Long.toString(t0 + 9)),
                event(deal, "deal.propertyChange", t0 + 11, "dealstage", "closedwon"));
        hubspotPost(third, HUBSPOT(), Instant.now()).then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> hubspotDeal(id).then().body("status", equalTo("closed_won"))
                .body("closedAt", equalTo(Instant.ofEpochMilli(t0 + 9).toString())));
        // repeated batch: 200 duplicate
        hubspotPost(third, HUBSPOT(), Instant.now()).then().statusCode(oneOf2xx());

        // signatures: wrong secret, stale timestamp, tampered body
        hubspotPost(third, "wrong-secret", Instant.now()).then().statusCode(401);
        hubspotPost(third, HUBSPOT(), Instant.now().minusSeconds(301)).then().statusCode(401).body("detail", containsString("tolerance"));
        String ts = Long.toString(Instant.now().toEpochMilli());
        given().contentType("application/json").header("X-HubSpot-Request-Timestamp", ts)
                .header("X-HubSpot-Signature-v3", HubSpotSignatureV3.sign(HUBSPOT(), "POST", hubspotUrl.toString(),
                        first.getBytes(StandardCharsets.UTF_8), ts))
                .body(first.replace("1200.5", "1.5").getBytes(StandardCharsets.UTF_8)).post("/webhooks/crm/hubspot")
                .then().statusCode(401);
        // malformed (correctly signed) body
        hubspotPost("{\"not\":\"an array\"}", HUBSPOT(), Instant.now()).then().statusCode(400);
    }

    @Test
    void aHubSpotDeletionOfAnOpenDealPublishesItsLastSnapshotAsLost() {
        long deal = Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
        String id = Long.toString(deal);
        long t0 = 1_790_000_000_000L;
        hubspotPost(hubspotEvents(deal,
                event(deal, "deal.propertyChange", t0 + 1, "dealname", "Initrode"),
                event(deal, "deal.propertyChange", t0 + 2, "amount", "10"),
                event(deal, "deal.propertyChange", t0 + 3, "dealstage", "qualifiedtobuy"),
                event(deal, "deal.propertyChange", t0 + 4, "partnerflow_customer_name", "Initrode")), HUBSPOT(), Instant.now())
                .then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> hubspotDeal(id).then().statusCode(200));
        hubspotPost(hubspotEvents(deal, event(deal, "deal.deletion", t0 + 5, null, null)), HUBSPOT(), Instant.now())
                .then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> hubspotDeal(id).then().body("status", equalTo("deleted")));
        String dealId = io.partnerflow.deal.domain.Ids.deal("hubspot", id).toString();
        assertEquals(2, Crm.events(dealId, "partnerflow.deal.pipeline-updated.v1", 2, Duration.ofSeconds(30)).size());
    }

    // ------------------------------------------------------------------ helpers

    private static String HUBSPOT() {
        return WebhookTestConfig.HUBSPOT_SECRET;
    }

    private static org.hamcrest.Matcher<Integer> oneOf2xx() {
        return org.hamcrest.Matchers.oneOf(200, 202);
    }

    private Response hubspotPost(String body, String secret, Instant at) {
        String ts = Long.toString(at.toEpochMilli());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return given().contentType("application/json").header("X-HubSpot-Request-Timestamp", ts)
                .header("X-HubSpot-Signature-v3", HubSpotSignatureV3.sign(secret, "POST", hubspotUrl.toString(), bytes, ts))
                .body(bytes).post("/webhooks/crm/hubspot");
    }

    private static String hubspotEvents(long deal, String... events) {
        return "[" + String.join(",", events) + "]";
    }

    private static String event(long deal, String type, long at, String property, String value) {
        return """
                {"eventId":%d,"subscriptionId":2101,"portalId":62515,"appId":1160452,"occurredAt":%d,
                 "subscriptionType":"%s","attemptNumber":0,"objectId":%d,"changeSource":"CRM"%s}"""
                .formatted(Math.abs(UUID.randomUUID().getLeastSignificantBits() % 1_000_000_000_000L), at, type, deal,
                        property == null ? "" : ",\"propertyName\":\"" + property + "\",\"propertyValue\":\"" + value + "\"");
    }

    private static Response hubspotDeal(String id) {
        return given().header("Authorization", bearer("cm", "channel-manager"))
                .queryParam("crmSystem", "hubspot").queryParam("crmDealId", id).get("/deals");
    }

    static Response sfDeal(String opp) {
        return given().header("Authorization", bearer("cm", "channel-manager"))
                .queryParam("crmSystem", "salesforce").queryParam("crmDealId", opp).get("/deals");
    }

    static Response salesforcePost(String secret, String xml) {
        return given().contentType("text/xml; charset=utf-8").header("SOAPAction", "\"\"")
                .body(xml.getBytes(StandardCharsets.UTF_8)).post("/webhooks/crm/salesforce/acme-sf/" + secret);
    }

    static String salesforce(String opp, String stage, String modified, String partnerAccount, String n1, String n2)
            throws Exception {
        String template;
        try (InputStream in = CrmAdaptersTest.class.getResourceAsStream("/crm/salesforce-outbound-message.xml")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return template.replace("${OPP}", opp).replace("${STAGE}", stage).replace("${MODIFIED}", modified)
                .replace("${PARTNER_ACCOUNT}", partnerAccount).replace("${TOUCH}", "a0T5g" + opp.substring(5))
                .replace("${N1}", (opp + n1)).replace("${N2}", (opp + n2));
    }

    static String sha256(String s) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
