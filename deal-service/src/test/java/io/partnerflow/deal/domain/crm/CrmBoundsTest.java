package io.partnerflow.deal.domain.crm;

import io.partnerflow.deal.domain.CrmChange;
import io.partnerflow.deal.domain.InvalidCrmDataException;
import io.partnerflow.deal.domain.StageMapping;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The same bounds for every CRM format: generic JSON (with field paths), Salesforce and HubSpot mappings. */
class CrmBoundsTest {
    static final StageMapping STAGES = StageMapping.defaults();

    static String deal(String version, String amount, String lines) {
        return """
                {"events":[{"id":"e1","type":"deal.upserted","version":%s,"data":{"dealId":"D1","name":"Deal",
                 "customer":{"name":"Acme","country":"DE"},"currency":"EUR","amount":"%s","stage":"Closed Won",
                 "createdAt":"2026-10-01T09:00:00Z","closedAt":"2026-11-01T09:00:00Z","lines":[%s]}}]}"""
                .formatted(version, amount, lines);
    }

    static String line(int n, String amount, String quantity) {
        return "{\"lineNumber\":%d,\"sku\":\"S%d\",\"category\":\"software\",\"quantity\":\"%s\",\"amount\":\"%s\"}"
                .formatted(n, n, quantity, amount);
    }

    static InvalidCrmDataException refused(String body) {
        return assertThrows(InvalidCrmDataException.class, () -> GenericFormat.parse(body, STAGES));
    }

    @Test
    void aVersionIsAJsonIntegerThatFitsSixtyFourBitsAndIsNeverWrappedAround() {
        assertEquals(Long.MAX_VALUE, ((CrmChange.DealUpserted) GenericFormat.parse(
                deal("9223372036854775807", "10.00", line(1, "10.00", "1")), STAGES).get(0)).version());
        for (String v : List.of("9223372036854775808", "18446744073709551623", "1180591620717411303424", "-1", "\"7\"", "1.5", "true")) {
            assertEquals("events[0].version", refused(deal(v, "10.00", line(1, "10.00", "1"))).field(), v);
        }
    }

    @Test
    void wonDealsAreWorthSomethingLinesAreNotNegativeQuantitiesArePositive() {
        assertEquals("events[0].data.amount", refused(deal("1", "0.00", line(1, "0.00", "1"))).field());
        assertEquals("events[0].data.lines[1].amount",
                refused(deal("1", "1000.00", line(1, "2000.00", "1") + "," + line(2, "-1000.00", "1"))).field());
        assertEquals("events[0].data.lines[0].quantity", refused(deal("1", "10.00", line(1, "10.00", "-5"))).field());
        assertEquals("events[0].data.lines[0].quantity", refused(deal("1", "10.00", line(1, "10.00", "0"))).field());
        assertEquals("events[0].data.amount", refused(deal("1", "1000000000000000.00", line(1, "1000000000000000.00", "1"))).field());
        // the largest amount numeric(19,4) holds at cent scale is fine
        GenericFormat.parse(deal("1", "999999999999999.99", line(1, "999999999999999.99", "1")), STAGES);
    }

    @Test
    void controlCharactersAreRefusedWithTheFieldNotStripped() {
        String body = deal("1", "10.00", line(1, "10.00", "1")).replace("\"name\":\"Acme\"", "\"name\":\"Ac\\u0000me\"");
        assertEquals("events[0].data.customer.name", refused(body).field());
        String sku = deal("1", "10.00", line(1, "10.00", "1")).replace("\"S1\"", "\"S\\u00071\"");
        assertEquals("events[0].data.lines[0].sku", refused(sku).field());
    }

    static SalesforceOutboundMessage sf(String amount, String quantity) {
        return new SalesforceOutboundMessage("00D", List.of(new SalesforceOutboundMessage.Notification("N1", "Opportunity",
                new LinkedHashMap<>(Map.of("Id", "0061", "Name", "Opp", "Amount", amount, "CurrencyIsoCode", "EUR",
                        "StageName", "Negotiation", "Account_Name__c", "Acme", "Account_Country__c", "DE",
                        "CreatedDate", "2026-10-01T08:30:00.000Z", "LastModifiedDate", "2026-10-02T08:30:00.000Z",
                        "TotalOpportunityQuantity", quantity)))));
    }

    static CrmMapping sfMapping() {
        return new CrmMapping(CrmMapping.SALESFORCE_OPPORTUNITY, "Partner_Touch__c", CrmMapping.SALESFORCE_TOUCH, "EUR",
                null, "SKU", "software");
    }

    @Test
    void salesforceValuesGetTheSameBounds() {
        assertEquals(1, sf("48000.0", "2").changes(sfMapping(), STAGES).size());
        assertTrue(assertThrows(InvalidCrmDataException.class, () -> sf("1E30", "1").changes(sfMapping(), STAGES))
                .getMessage().contains("out of range"));
        assertTrue(assertThrows(InvalidCrmDataException.class, () -> sf("100.0", "-5").changes(sfMapping(), STAGES))
                .getMessage().contains("must be positive"));
        var farFuture = new SalesforceOutboundMessage("00D", List.of(new SalesforceOutboundMessage.Notification("N1",
                "Opportunity", new LinkedHashMap<>(Map.of("Id", "0061", "LastModifiedDate", "+999999999-12-31T00:00:00Z")))));
        assertTrue(assertThrows(InvalidCrmDataException.class, () -> farFuture.changes(sfMapping(), STAGES))
                .getMessage().contains("out of range"));
    }

    @Test
    void aHubSpotDealMissingPropertiesWaitsButOneWithAnOutOfRangeValueFails() {
        CrmMapping m = new CrmMapping(CrmMapping.HUBSPOT_DEAL, null, Map.of(), "USD", "US", "SKU", "software");
        Map<String, HubSpotEvents.Prop> state = new TreeMap<>();
        state.put("dealname", new HubSpotEvents.Prop("Deal", 1000L));
        assertInstanceOf(CrmChange.Noted.class, HubSpotEvents.toChange("42", state, m, STAGES));
        state.put("amount", new HubSpotEvents.Prop("1e30", 2000L));
        state.put("dealstage", new HubSpotEvents.Prop("appointmentscheduled", 2000L));
        state.put("partnerflow_customer_name", new HubSpotEvents.Prop("Acme", 2000L));
        assertTrue(assertThrows(InvalidCrmDataException.class, () -> HubSpotEvents.toChange("42", state, m, STAGES))
                .getMessage().contains("out of range"));
        state.put("amount", new HubSpotEvents.Prop("100", 3000L));
        assertInstanceOf(CrmChange.DealUpserted.class, HubSpotEvents.toChange("42", state, m, STAGES));
    }
}
