package io.partnerflow.deal.domain.crm;

import io.partnerflow.deal.domain.CrmChange;
import io.partnerflow.deal.domain.LineData;
import io.partnerflow.deal.domain.StageMapping;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pure mapping of CRM line items to deal lines and of HubSpot partner properties to touchpoints. */
class LineItemMappingTest {
    private static final StageMapping STAGES = new StageMapping(Set.of("closed won"), Set.of("closed lost"));
    private static final CrmMapping SF = new CrmMapping(CrmMapping.SALESFORCE_OPPORTUNITY, "Partner_Touch__c",
            CrmMapping.SALESFORCE_TOUCH, "EUR", "DE", "SKU", "software", "OpportunityLineItem",
            CrmMapping.SALESFORCE_LINE_ITEM, Map.of());

    @Test
    void opportunityLineItemsBecomeExactLinesInSortOrderAndAMismatchWaits() {
        var message = new SalesforceOutboundMessage("00D", List.of(
                note("N1", "Opportunity", Map.of("Id", "0061", "Name", "Opp", "Amount", "100.10", "CurrencyIsoCode", "EUR",
                        "StageName", "Negotiation", "Account_Name__c", "Acme", "CreatedDate", "2026-10-01T08:30:00Z",
                        "LastModifiedDate", "2026-10-02T08:30:00Z")),
                note("N2", "OpportunityLineItem", item("00kB", "0061", "B", "33.37", "2", "2026-10-02T08:31:00Z")),
                note("N3", "OpportunityLineItem", item("00kA", "0061", "A", "66.73", "1", "2026-10-02T08:29:00Z"))));
        SalesforceRecords records = new SalesforceRecords();
        List<CrmChange> changes = message.changes(SF, STAGES, records);
        CrmChange.DealUpserted deal = assertInstanceOf(CrmChange.DealUpserted.class, changes.get(0));
        List<LineData> lines = deal.deal().lines();
        assertEquals(List.of("SKU-A", "SKU-B"), lines.stream().map(LineData::sku).toList());
        assertEquals(List.of("66.73", "33.37"), lines.stream().map(l -> l.amount().amountString()).toList());
        assertEquals(List.of(1, 2), lines.stream().map(LineData::lineNumber).toList());
        assertEquals(java.time.Instant.parse("2026-10-02T08:31:00Z").toEpochMilli(), deal.version());
        assertEquals(Set.of("0061"), records.changed());

        // a later line item alone: 66.73 + 40.00 ≠ 100.10 → waiting, no deal change
        var later = new SalesforceOutboundMessage("00D", List.of(
                note("N4", "OpportunityLineItem", item("00kB", "0061", "B", "40.00", "2", "2026-10-03T08:00:00Z"))));
        CrmChange waiting = later.changes(SF, STAGES, records).get(0);
        assertTrue(assertInstanceOf(CrmChange.Noted.class, waiting).message()
                .contains("sum to 106.73 EUR but the deal amount is 100.10 EUR"), waiting.toString());
    }

    @Test
    void hubspotPartnerPropertiesRecordAndRemoveOneTouchpointPerPartner() {
        CrmMapping m = new CrmMapping(CrmMapping.HUBSPOT_DEAL, null, Map.of(), "USD", "US", "SKU", "software", null,
                CrmMapping.HUBSPOT_LINE_ITEM, Map.of("partnerflow_resale_partner", "resale"));
        Map<String, HubSpotEvents.Prop> before = new TreeMap<>(Map.of("partnerflow_resale_partner", new HubSpotEvents.Prop("11;22", 10)));
        Map<String, HubSpotEvents.Prop> after = new TreeMap<>(Map.of("partnerflow_resale_partner", new HubSpotEvents.Prop("22; 33", 20)));
        List<CrmChange> touches = HubSpotEvents.partnerTouches("D1", before, after, m);
        assertEquals(2, touches.size());
        CrmChange.TouchpointRecorded added = assertInstanceOf(CrmChange.TouchpointRecorded.class, touches.get(0));
        assertEquals("D1:partnerflow_resale_partner:33", added.externalId());
        assertEquals("resale", added.touchType());
        assertEquals("33", added.partner().accountId());
        assertEquals("hubspot", added.partner().system());
        CrmChange.TouchpointRemoved removed = assertInstanceOf(CrmChange.TouchpointRemoved.class, touches.get(1));
        assertEquals("D1:partnerflow_resale_partner:11", removed.externalId());
        // an unchanged property yields nothing
        assertEquals(List.of(), HubSpotEvents.partnerTouches("D1", after, after, m));
    }

    private static SalesforceOutboundMessage.Notification note(String id, String type, Map<String, String> fields) {
        return new SalesforceOutboundMessage.Notification(id, type, new LinkedHashMap<>(fields));
    }

    private static Map<String, String> item(String id, String opp, String code, String total, String sort, String modified) {
        return Map.of("Id", id, "OpportunityId", opp, "ProductCode", "SKU-" + code, "Product_Family__c", "Software",
                "Quantity", "1", "TotalPrice", total, "SortOrder", sort, "LastModifiedDate", modified);
    }
}
