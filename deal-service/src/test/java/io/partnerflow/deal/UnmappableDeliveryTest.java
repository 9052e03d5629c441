package io.partnerflow.deal;

import io.partnerflow.deal.application.CrmMappings;
import io.partnerflow.deal.config.DealConfig;
import io.partnerflow.deal.domain.crm.CrmMapping;
import io.partnerflow.testing.TestSupport;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.partnerflow.deal.CrmAdaptersTest.salesforce;
import static io.partnerflow.deal.CrmAdaptersTest.salesforcePost;
import static io.partnerflow.deal.CrmAdaptersTest.sfDeal;
import static io.partnerflow.deal.CrmAdaptersTest.sha256;
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
 * A delivery that is accepted (its shape is fine) but cannot be mapped is recorded as failed — listed under
 * {@code /admin/crm-deliveries?status=failed}, never only dead-lettered — and flows when an admin replays it after
 * the mapping is fixed.
 */
@QuarkusTest
class UnmappableDeliveryTest {
    static final String ADMIN = bearer("root", "admin");

    @Inject
    DealConfig config;

    static String opportunity() {
        return "0065g" + UUID.randomUUID().toString().replace("-", "").substring(0, 13);
    }

    @Test
    void aDeliveryTheMappingDoesNotFitIsListedAsFailedAndFlowsWhenReplayedAfterTheMappingIsFixed() throws Exception {
        String opp = opportunity();
        // this org sends the customer name in Account_Name__c; the source is configured to read Customer_Name__c
        String xml = salesforce(opp, "Closed Won", "2026-11-01T10:00:00.000Z", "0015g000000PTNR01", "A", "B")
                .replace("sf:Customer_Name__c", "sf:Account_Name__c");
        String deliveryId = "salesforce-" + sha256(xml);
        salesforcePost(WebhookTestConfig.SF_URL_SECRET, xml).then().statusCode(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", ADMIN)
                .queryParam("status", "failed").get("/admin/crm-deliveries").then().statusCode(200)
                .body("deliveryId", hasItem(deliveryId)));
        given().header("Authorization", ADMIN).get("/admin/crm-deliveries/" + deliveryId).then().statusCode(200)
                .body("status", equalTo("failed"))
                .body("outcome[0]", containsString("has no customer-name (mapped to field 'Customer_Name__c')"));
        given().header("Authorization", ADMIN).queryParam("status", "applied").get("/admin/crm-deliveries")
                .then().statusCode(200).body("deliveryId", not(hasItem(deliveryId)));
        sfDeal(opp).then().statusCode(404);
        assertTrue(Topics.everything("crm.webhooks.dlq.deal-service").stream().noneMatch(r -> deliveryId.equals(r.key())));

        // replaying with the same mapping fails the same way, and says so
        given().header("Authorization", ADMIN).post("/admin/crm-deliveries/" + deliveryId + "/replay").then()
                .statusCode(200).body("status", equalTo("failed")).body("applications", equalTo(2));

        // the admin fixes the mapping (customer-name → Account_Name__c) and redeploys: the stored delivery replays
        QuarkusMock.installMockForType(new CrmMappings(config) {
            @Override
            public CrmMapping salesforce(String source) {
                CrmMapping m = super.salesforce(source);
                return new CrmMapping(CrmMapping.merge(m.deal(), Map.of("customer-name", "Account_Name__c")),
                        m.touchObject(), m.touch(), m.defaultCurrency(), m.defaultCountry(), m.defaultSku(),
                        m.defaultCategory());
            }
        }, CrmMappings.class);
        given().header("Authorization", ADMIN).post("/admin/crm-deliveries/" + deliveryId + "/replay").then()
                .statusCode(200).body("status", equalTo("applied")).body("applications", equalTo(3));
        sfDeal(opp).then().statusCode(200).body("customer.name", equalTo("Helvetia Logistik AG"))
                .body("status", equalTo("closed_won")).body("amount.amount", equalTo("48000.00"))
                .body("touchpoints.size()", equalTo(1));
        String dealId = io.partnerflow.deal.domain.Ids.deal("salesforce", opp).toString();
        assertEquals(1, Crm.events(dealId, "partnerflow.deal.closed-won.v1", 1, Duration.ofSeconds(30)).size());
    }

    @Test
    void valuesOutOfBoundsInAMappedCrmRecordFailTheDeliveryVisiblyInsteadOfDeadLetteringIt() throws Exception {
        String opp = opportunity();
        String xml = salesforce(opp, "Negotiation", "2026-11-01T10:00:00.000Z", "0015g000000PTNR02", "A", "B")
                .replace("<sf:Amount>48000.0</sf:Amount>", "<sf:Amount>1E30</sf:Amount>");
        String deliveryId = "salesforce-" + sha256(xml);
        salesforcePost(WebhookTestConfig.SF_URL_SECRET, xml).then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", ADMIN)
                .get("/admin/crm-deliveries/" + deliveryId).then().statusCode(200)
                .body("status", equalTo("failed")).body("outcome[0]", containsString("out of range")));
        sfDeal(opp).then().statusCode(404);
        assertTrue(Topics.everything("crm.webhooks.dlq.deal-service").stream().noneMatch(r -> deliveryId.equals(r.key())));
    }

    @Test
    void theDeliveryListTakesABoundedLimitAndAKnownStatus() {
        given().header("Authorization", ADMIN).queryParam("limit", -5).get("/admin/crm-deliveries").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", containsString("limit"));
        given().header("Authorization", ADMIN).queryParam("limit", 501).get("/admin/crm-deliveries").then().statusCode(400);
        given().header("Authorization", ADMIN).queryParam("status", "weird").get("/admin/crm-deliveries").then()
                .statusCode(400).body("errors[0].field", containsString("status"));
        given().header("Authorization", ADMIN).queryParam("limit", 2).get("/admin/crm-deliveries").then()
                .statusCode(200).body("size()", org.hamcrest.Matchers.lessThanOrEqualTo(2));
        given().header("Authorization", bearer("cm", "channel-manager")).get("/admin/crm-deliveries").then().statusCode(403);
    }
}
