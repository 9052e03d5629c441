package io.partnerflow.deal.domain.crm;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a CRM's records map to deals and touchpoints: logical field → CRM field (Salesforce API name, HubSpot
 * property), with defaults for what the CRM does not say (currency, SKU and category of the single line a deal
 * gets when the CRM sends no line items). {@code lineItem} maps line item fields (Salesforce
 * {@code lineItemObject}, HubSpot line items); {@code partnerProperties} maps HubSpot deal properties naming partners
 * to touch types (docs/crm-webhooks.md).
 */
public record CrmMapping(Map<String, String> deal, String touchObject, Map<String, String> touch,
                         String defaultCurrency, String defaultCountry, String defaultSku, String defaultCategory,
                         String lineItemObject, Map<String, String> lineItem, Map<String, String> partnerProperties) {

    public CrmMapping {
        lineItem = lineItem == null ? Map.of() : Map.copyOf(lineItem);
        partnerProperties = partnerProperties == null ? Map.of() : Map.copyOf(partnerProperties);
    }

    /** A mapping without line items or partner properties. */
    public CrmMapping(Map<String, String> deal, String touchObject, Map<String, String> touch, String defaultCurrency,
                      String defaultCountry, String defaultSku, String defaultCategory) {
        this(deal, touchObject, touch, defaultCurrency, defaultCountry, defaultSku, defaultCategory, null, Map.of(), Map.of());
    }

    /** Salesforce OpportunityLineItem (product code, family and name as formula fields where needed). */
    public static final Map<String, String> SALESFORCE_LINE_ITEM = Map.ofEntries(
            Map.entry("id", "Id"), Map.entry("deal", "OpportunityId"), Map.entry("sku", "ProductCode"),
            Map.entry("product-name", "Product_Name__c"), Map.entry("category", "Product_Family__c"),
            Map.entry("quantity", "Quantity"), Map.entry("unit-price", "UnitPrice"), Map.entry("amount", "TotalPrice"),
            Map.entry("sort-order", "SortOrder"), Map.entry("modified-at", "LastModifiedDate"));

    /** HubSpot line item properties. */
    public static final Map<String, String> HUBSPOT_LINE_ITEM = Map.ofEntries(
            Map.entry("sku", "hs_sku"), Map.entry("product-name", "name"),
            Map.entry("category", "partnerflow_product_category"), Map.entry("quantity", "quantity"),
            Map.entry("unit-price", "price"), Map.entry("amount", "amount"), Map.entry("sort-order", "hs_position_on_quote"));

    /** HubSpot deal properties that name partners (a HubSpot company id or a Partnerflow partner id) → touch type. */
    public static final Map<String, String> HUBSPOT_PARTNER_PROPERTIES = Map.of(
            "partnerflow_referral_partner", "referral",
            "partnerflow_resale_partner", "resale",
            "partnerflow_co_sell_partner", "co_sell_meeting");

    public static final Map<String, String> SALESFORCE_OPPORTUNITY = Map.ofEntries(
            Map.entry("id", "Id"), Map.entry("name", "Name"), Map.entry("amount", "Amount"),
            Map.entry("currency", "CurrencyIsoCode"), Map.entry("stage", "StageName"),
            Map.entry("closed-at", "CloseDate"), Map.entry("expected-close-date", "CloseDate"),
            Map.entry("created-at", "CreatedDate"), Map.entry("modified-at", "LastModifiedDate"),
            Map.entry("type", "Type"), Map.entry("probability-percent", "Probability"),
            Map.entry("customer-account", "AccountId"), Map.entry("customer-name", "Account_Name__c"),
            Map.entry("customer-domain", "Account_Website__c"), Map.entry("customer-country", "Account_Country__c"),
            Map.entry("sku", "Product_SKU__c"), Map.entry("category", "Product_Category__c"),
            Map.entry("quantity", "TotalOpportunityQuantity"));

    public static final Map<String, String> SALESFORCE_TOUCH = Map.ofEntries(
            Map.entry("id", "Id"), Map.entry("deal", "Opportunity__c"),
            Map.entry("partner-account", "Partner_Account__c"), Map.entry("partner-id", "Partnerflow_Partner_Id__c"),
            Map.entry("type", "Touch_Type__c"), Map.entry("occurred-at", "Occurred_At__c"),
            Map.entry("evidence", "Evidence__c"), Map.entry("removed", "Removed__c"),
            Map.entry("modified-at", "LastModifiedDate"));

    public static final Map<String, String> HUBSPOT_DEAL = Map.ofEntries(
            Map.entry("name", "dealname"), Map.entry("amount", "amount"), Map.entry("currency", "deal_currency_code"),
            Map.entry("stage", "dealstage"), Map.entry("closed-at", "closedate"),
            Map.entry("expected-close-date", "closedate"), Map.entry("created-at", "createdate"),
            Map.entry("type", "dealtype"), Map.entry("probability", "hs_deal_stage_probability"),
            Map.entry("customer-name", "partnerflow_customer_name"),
            Map.entry("customer-domain", "partnerflow_customer_domain"),
            Map.entry("customer-country", "partnerflow_customer_country"),
            Map.entry("sku", "partnerflow_sku"), Map.entry("category", "partnerflow_product_category"));

    /** Defaults overridden by the configured entries. */
    public static Map<String, String> merge(Map<String, String> defaults, Map<String, String> overrides) {
        Map<String, String> m = new LinkedHashMap<>(defaults);
        if (overrides != null) {
            m.putAll(overrides);
        }
        return Map.copyOf(m);
    }
}
