package io.partnerflow.deal;

import io.partnerflow.contracts.ContractValidator;
import io.partnerflow.contracts.EventJson;
import io.partnerflow.contracts.deal.DealClosedWon;
import io.partnerflow.deal.domain.signature.HubSpotSignatureV3;
import io.partnerflow.testing.TestSupport;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import static io.partnerflow.testing.TestSupport.bearer;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Salesforce OpportunityLineItems and HubSpot line items → deal lines (SKU, category, quantity, amount — summing to
 * the deal amount, or the deal waits); HubSpot partner properties and Salesforce partner touches → touchpoints.
 */
@QuarkusTest
class CrmLineItemsAndPartnersTest {
    private static final String CLOSED_WON = "partnerflow.deal.closed-won.v1";
    private static final String ADMIN = bearer("root", "admin");

    @TestHTTPResource("/webhooks/crm/hubspot")
    URL hubspotUrl;

    @Test
    void salesforceLineItemsBecomeDealLinesAndALineItemAheadOfItsOpportunityWaitsUntilTheAmountAgrees() throws Exception {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 13);
        String opp = "0065g" + suffix;
        String account = "0015gP" + suffix.substring(1);
        String partner = registerPartner("salesforce", account);

        String first = message(opportunity(opp, "Negotiation/Review", "48000.0", "2026-11-01T10:00:00.000Z", "N1")
                + lineItem(opp, "1", "PLAT-1Y", "Software", "40", "1000.0", "40000.0", "2026-11-01T09:59:00.000Z", "N2")
                + lineItem(opp, "2", "ONBOARD", "Services", "1", "8000.0", "8000.0", "2026-11-01T09:59:00.000Z", "N3")
                + touch(opp, account, "N4"));
        CrmAdaptersTest.salesforcePost(WebhookTestConfig.SF_URL_SECRET, first).then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> CrmAdaptersTest.sfDeal(opp).then().statusCode(200)
                .body("lines.size()", equalTo(2))
                .body("lines[0].sku", equalTo("PLAT-1Y")).body("lines[0].category", equalTo("software"))
                .body("lines[0].quantity", equalTo(40)).body("lines[0].unitPrice.amount", equalTo("1000.00"))
                .body("lines[0].amount.amount", equalTo("40000.00"))
                .body("lines[1].sku", equalTo("ONBOARD")).body("lines[1].category", equalTo("services"))
                .body("lines[1].amount.amount", equalTo("8000.00"))
                .body("touchpoints[0].partnerId", equalTo(partner)).body("touchpoints[0].type", equalTo("resale")));
        // one consistent deal from the message (its lines from the start, never a single line corrected)
        int revision = CrmAdaptersTest.sfDeal(opp).then().extract().path("revision");

        // a line item changes ahead of its Opportunity: 40000 + 12000 ≠ 48000 → the deal waits, unchanged
        String ahead = message(lineItem(opp, "2", "ONBOARD", "Services", "1", "12000.0", "12000.0", "2026-11-02T10:00:00.000Z", "N5"));
        CrmAdaptersTest.salesforcePost(WebhookTestConfig.SF_URL_SECRET, ahead).then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", ADMIN)
                .get("/admin/crm-deliveries/salesforce-" + CrmAdaptersTest.sha256(ahead)).then().statusCode(200)
                .body("status", equalTo("applied")).body("outcome[0]", containsString("waiting"))
                .body("outcome[0]", containsString("sum to 52000.00 EUR but the deal amount is 48000.00 EUR")));
        CrmAdaptersTest.sfDeal(opp).then().body("lines[1].amount.amount", equalTo("8000.00")).body("revision", equalTo(revision));

        // the Opportunity follows (52000, won): the deal is won with both lines, published with its touchpoint
        CrmAdaptersTest.salesforcePost(WebhookTestConfig.SF_URL_SECRET,
                message(opportunity(opp, "Closed Won", "52000.0", "2026-11-02T10:00:01.000Z", "N6"))).then().statusCode(200);
        String dealId = io.partnerflow.deal.domain.Ids.deal("salesforce", opp).toString();
        List<DealClosedWon> won = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            won.clear();
            Crm.events(dealId, CLOSED_WON, 1, Duration.ofSeconds(2)).forEach(r -> {
                assertEquals(List.of(), ContractValidator.validate(CLOSED_WON, r.value()));
                won.add(EventJson.readString(r.value(), DealClosedWon.class));
            });
            return !won.isEmpty();
        });
        DealClosedWon snapshot = won.stream().max(Comparator.comparingLong(DealClosedWon::revision)).orElseThrow();
        assertEquals(List.of("PLAT-1Y", "ONBOARD"), snapshot.lines().stream().map(l -> l.sku()).toList());
        assertEquals(List.of("software", "services"), snapshot.lines().stream().map(l -> l.category()).toList());
        assertEquals(List.of("40000.00", "12000.00"), snapshot.lines().stream().map(l -> l.amount().amountString()).toList());
        assertEquals(0, new BigDecimal("40").compareTo(snapshot.lines().get(0).quantity()));
        assertEquals("52000.00", snapshot.amount().amountString());
        assertEquals(List.of(partner), snapshot.touchpoints().stream().map(t -> String.valueOf(t.partnerId())).toList());
        assertEquals(List.of("resale"), snapshot.touchpoints().stream().map(t -> String.valueOf(t.touchType())).toList());
    }

    @Test
    void hubspotLineItemsAndPartnerPropertiesBecomeLinesAndTouchpointsAndAClearedPartnerIsRemoved() {
        long deal = Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
        String id = Long.toString(deal);
        String company = "77" + deal;
        String reseller = registerPartner("hubspot", company);
        String referrer = registerPartner("hubspot", "none-" + deal);
        long item1 = deal * 10 + 1;
        long item2 = deal * 10 + 2;
        long t0 = 1_790_000_000_000L;
        String first = "[" + String.join(",",
                event("deal.creation", deal, t0, null, null),
                event("deal.propertyChange", deal, t0 + 1, "dealname", "Umbrella renewal"),
                event("deal.propertyChange", deal, t0 + 1, "amount", "1500"),
                event("deal.propertyChange", deal, t0 + 1, "dealstage", "closedwon"),
                event("deal.propertyChange", deal, t0 + 1, "closedate", Long.toString(t0 + 500)),
                event("deal.propertyChange", deal, t0 + 1, "partnerflow_customer_name", "Umbrella Corp"),
                event("deal.propertyChange", deal, t0 + 2, "partnerflow_resale_partner", company),
                event("deal.propertyChange", deal, t0 + 3, "partnerflow_referral_partner", referrer),
                event("line_item.creation", item1, t0, null, null),
                event("line_item.propertyChange", item1, t0 + 1, "hs_sku", "UMB-SEC-1Y"),
                event("line_item.propertyChange", item1, t0 + 1, "name", "Security suite"),
                event("line_item.propertyChange", item1, t0 + 1, "quantity", "2"),
                event("line_item.propertyChange", item1, t0 + 1, "price", "500"),
                event("line_item.propertyChange", item1, t0 + 1, "amount", "1000"),
                event("line_item.propertyChange", item1, t0 + 1, "partnerflow_product_category", "Software"),
                event("line_item.propertyChange", item2, t0 + 1, "hs_sku", "UMB-TRAIN"),
                event("line_item.propertyChange", item2, t0 + 1, "quantity", "1"),
                event("line_item.propertyChange", item2, t0 + 1, "amount", "500"),
                event("line_item.propertyChange", item2, t0 + 1, "partnerflow_product_category", "Services"),
                association(deal, item1, t0 + 4), association(deal, item2, t0 + 4)) + "]";
        hubspotPost(first).then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> hubspotDeal(id).then().statusCode(200)
                .body("status", equalTo("closed_won")).body("amount.amount", equalTo("1500.00"))
                .body("lines.size()", equalTo(2))
                .body("lines[0].sku", equalTo("UMB-SEC-1Y")).body("lines[0].productName", equalTo("Security suite"))
                .body("lines[0].category", equalTo("software")).body("lines[0].quantity", equalTo(2))
                .body("lines[0].unitPrice.amount", equalTo("500.00")).body("lines[0].amount.amount", equalTo("1000.00"))
                .body("lines[1].sku", equalTo("UMB-TRAIN")).body("lines[1].category", equalTo("services"))
                .body("lines[1].amount.amount", equalTo("500.00"))
                .body("touchpoints.size()", equalTo(2))
                .body("touchpoints[0].partnerId", equalTo(reseller)).body("touchpoints[0].type", equalTo("resale"))
                .body("touchpoints[1].partnerId", equalTo(referrer)).body("touchpoints[1].type", equalTo("referral")));

        // a line item's amount changes while the deal's does not: the lines no longer sum → the deal waits
        String mismatch = "[" + event("line_item.propertyChange", item2, t0 + 10, "amount", "700") + "]";
        hubspotPost(mismatch).then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", ADMIN)
                .get("/admin/crm-deliveries/hubspot-" + sha256(mismatch)).then().statusCode(200)
                .body("outcome[0]", containsString("waiting"))
                .body("outcome[0]", containsString("sum to 1700.00 USD but the deal amount is 1500.00 USD")));
        hubspotDeal(id).then().body("lines[1].amount.amount", equalTo("500.00"));

        // the deal amount follows (1700): the won deal is corrected — per-line deltas, then the next closed-won revision
        hubspotPost("[" + event("deal.propertyChange", deal, t0 + 12, "amount", "1700") + "]").then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> hubspotDeal(id).then()
                .body("amount.amount", equalTo("1700.00")).body("lines[1].amount.amount", equalTo("700.00")));
        String dealId = io.partnerflow.deal.domain.Ids.deal("hubspot", id).toString();
        var reversed = Crm.events(dealId, "partnerflow.deal.reversed.v1", 1, Duration.ofSeconds(30));
        assertEquals(1, reversed.size());
        assertEquals(List.of(), ContractValidator.validate("partnerflow.deal.reversed.v1", reversed.get(0).value()));
        assertTrue(reversed.get(0).value().contains("\"correction\""), reversed.get(0).value());

        // line item 2 is deleted and the amount drops back to 1000: one line left
        hubspotPost("[" + String.join(",", event("line_item.deletion", item2, t0 + 13, null, null),
                event("deal.propertyChange", deal, t0 + 13, "amount", "1000")) + "]").then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> hubspotDeal(id).then()
                .body("amount.amount", equalTo("1000.00")).body("lines.size()", equalTo(1))
                .body("lines[0].sku", equalTo("UMB-SEC-1Y")));

        // the reseller is cleared on the deal: its touchpoint goes, the referrer's stays
        hubspotPost("[" + event("deal.propertyChange", deal, t0 + 11, "partnerflow_resale_partner", "") + "]").then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> hubspotDeal(id).then()
                .body("touchpoints.size()", equalTo(1)).body("touchpoints.partnerId", not(hasItem(reseller)))
                .body("touchpoints[0].partnerId", equalTo(referrer)));
    }

    // ------------------------------------------------------------------ helpers

    /** A partner known to deal-service (from partner.events) with a CRM account; answers its id. */
    private static String registerPartner(String system, String account) {
        String partnerId = UUID.randomUUID().toString();
        String body = PartnerEventsConsumerTest.registered(partnerId, "Partner " + account).replace("\"crmAccounts\":[]",
                "\"crmAccounts\":[{\"system\":\"" + system + "\",\"accountId\":\"" + account + "\"}]");
        TestSupport.send("partner.events", partnerId, body, PartnerEventsConsumerTest.headers(UUID.randomUUID().toString(),
                "partnerflow.partner.registered.v1", partnerId));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", bearer("cm", "channel-manager"))
                .get("/partner-directory/" + partnerId).then().statusCode(200));
        return partnerId;
    }

    private static String message(String notifications) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
                 <soapenv:Body><notifications xmlns="http://soap.sforce.com/2005/09/outbound">
                  <OrganizationId>00D5g000004ABCDEAA</OrganizationId><ActionId>04k5g000000ABCDAA4</ActionId>
                  %s
                 </notifications></soapenv:Body></soapenv:Envelope>""".formatted(notifications);
    }

    private static String opportunity(String opp, String stage, String amount, String modified, String n) {
        return """
                <Notification><Id>04l5g%s%s</Id><sObject xsi:type="sf:Opportunity" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">
                 <sf:Id>%s</sf:Id><sf:Amount>%s</sf:Amount><sf:CloseDate>2026-11-03</sf:CloseDate>
                 <sf:CreatedDate>2026-10-01T08:30:00.000Z</sf:CreatedDate><sf:CurrencyIsoCode>EUR</sf:CurrencyIsoCode>
                 <sf:Customer_Name__c>Contoso AG</sf:Customer_Name__c><sf:Account_Country__c>DE</sf:Account_Country__c>
                 <sf:LastModifiedDate>%s</sf:LastModifiedDate><sf:Name>Contoso rollout</sf:Name>
                 <sf:StageName>%s</sf:StageName></sObject></Notification>""".formatted(opp.substring(5), n, opp, amount, modified, stage);
    }

    private static String lineItem(String opp, String n, String code, String family, String qty, String unit, String total,
                                   String modified, String notification) {
        return """
                <Notification><Id>04l5g%s%s</Id><sObject xsi:type="sf:OpportunityLineItem" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">
                 <sf:Id>00k5g%s%s</sf:Id><sf:OpportunityId>%s</sf:OpportunityId><sf:ProductCode>%s</sf:ProductCode>
                 <sf:Product_Family__c>%s</sf:Product_Family__c><sf:Quantity>%s</sf:Quantity><sf:UnitPrice>%s</sf:UnitPrice>
                 <sf:TotalPrice>%s</sf:TotalPrice><sf:SortOrder>%s</sf:SortOrder><sf:LastModifiedDate>%s</sf:LastModifiedDate>
                </sObject></Notification>""".formatted(opp.substring(5), notification, opp.substring(5, 17), n, opp, code,
                family, qty, unit, total, n, modified);
    }

    private static String touch(String opp, String account, String n) {
        return """
                <Notification><Id>04l5g%s%s</Id><sObject xsi:type="sf:Partner_Touch__c" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">
                 <sf:Id>a0T5g%s</sf:Id><sf:Opportunity__c>%s</sf:Opportunity__c><sf:Partner_Account__c>%s</sf:Partner_Account__c>
                 <sf:Touch_Type__c>Resale/Closing</sf:Touch_Type__c><sf:Occurred_At__c>2026-10-15T14:00:00.000Z</sf:Occurred_At__c>
                 <sf:LastModifiedDate>2026-10-15T15:00:00.000Z</sf:LastModifiedDate></sObject></Notification>"""
                .formatted(opp.substring(5), n, opp.substring(5), opp, account);
    }

    private static String event(String type, long object, long at, String property, String value) {
        return """
                {"eventId":%d,"subscriptionId":2101,"portalId":62515,"appId":1160452,"occurredAt":%d,
                 "subscriptionType":"%s","attemptNumber":0,"objectId":%d,"changeSource":"CRM"%s}"""
                .formatted(Math.abs(UUID.randomUUID().getLeastSignificantBits() % 1_000_000_000_000L), at, type, object,
                        property == null ? "" : ",\"propertyName\":\"" + property + "\",\"propertyValue\":\"" + value + "\"");
    }

    private static String association(long deal, long item, long at) {
        return """
                {"eventId":%d,"subscriptionId":2102,"portalId":62515,"appId":1160452,"occurredAt":%d,
                 "subscriptionType":"deal.associationChange","attemptNumber":0,"changeSource":"USER",
                 "associationType":"DEAL_TO_LINE_ITEM","fromObjectId":%d,"toObjectId":%d,"associationRemoved":false,
                 "isPrimaryAssociation":false}""".formatted(Math.abs(UUID.randomUUID().getLeastSignificantBits() % 1_000_000_000_000L),
                at, deal, item);
    }

    private Response hubspotPost(String body) {
        String ts = Long.toString(Instant.now().toEpochMilli());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return given().contentType("application/json").header("X-HubSpot-Request-Timestamp", ts)
                .header("X-HubSpot-Signature-v3", HubSpotSignatureV3.sign(WebhookTestConfig.HUBSPOT_SECRET, "POST",
                        hubspotUrl.toString(), bytes, ts))
                .body(bytes).post("/webhooks/crm/hubspot");
    }

    private static Response hubspotDeal(String id) {
        return given().header("Authorization", bearer("cm", "channel-manager"))
                .queryParam("crmSystem", "hubspot").queryParam("crmDealId", id).get("/deals");
    }

    private static String sha256(String s) {
        try {
            return CrmAdaptersTest.sha256(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
