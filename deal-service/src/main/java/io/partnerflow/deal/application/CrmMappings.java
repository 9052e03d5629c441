package io.partnerflow.deal.application;

import io.partnerflow.deal.config.DealConfig;
import io.partnerflow.deal.domain.InvalidCrmDataException;
import io.partnerflow.deal.domain.crm.CrmMapping;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/**
 * The field mappings in force for each configured Salesforce / HubSpot source, read from configuration each time
 * they are needed — a stored delivery replayed after the mapping was fixed (and the service redeployed) is mapped
 * with the fixed one.
 */
@ApplicationScoped
public class CrmMappings {
    private final DealConfig config;

    public CrmMappings(DealConfig config) {
        this.config = config;
    }

    public CrmMapping salesforce(String source) {
        DealConfig.Salesforce sf = config.webhooks().salesforce().get(source);
        if (sf == null) {
            throw new InvalidCrmDataException("Salesforce source '" + source + "' is not configured");
        }
        return new CrmMapping(CrmMapping.merge(CrmMapping.SALESFORCE_OPPORTUNITY, sf.dealFields()), sf.touchObject(),
                CrmMapping.merge(CrmMapping.SALESFORCE_TOUCH, sf.touchFields()), sf.defaultCurrency(),
                sf.defaultCountry().orElse(null), sf.defaultSku(), sf.defaultCategory(), sf.lineItemObject(),
                CrmMapping.merge(CrmMapping.SALESFORCE_LINE_ITEM, sf.lineItemFields()), Map.of());
    }

    public CrmMapping hubspot(String source) {
        DealConfig.HubSpot hs = config.webhooks().hubspot().get(source);
        if (hs == null) {
            throw new InvalidCrmDataException("HubSpot source '" + source + "' is not configured");
        }
        return new CrmMapping(CrmMapping.merge(CrmMapping.HUBSPOT_DEAL, hs.dealFields()), null, Map.of(),
                hs.defaultCurrency(), hs.defaultCountry().orElse(null), hs.defaultSku(), hs.defaultCategory(), null,
                CrmMapping.merge(CrmMapping.HUBSPOT_LINE_ITEM, hs.lineItemFields()), partnerProperties(hs.partnerProperties()));
    }

    /** The default partner properties with the configured ones; {@code none} removes one. Touch types are checked. */
    static Map<String, String> partnerProperties(Map<String, String> configured) {
        Map<String, String> m = new java.util.TreeMap<>(CrmMapping.HUBSPOT_PARTNER_PROPERTIES);
        configured.forEach((property, type) -> {
            if ("none".equalsIgnoreCase(type.trim())) {
                m.remove(property);
            } else {
                m.put(property, type);
            }
        });
        m.replaceAll((property, type) -> io.partnerflow.deal.domain.TouchTypes.canonical(type));
        return m;
    }
}
