package io.partnerflow.deal.domain.crm;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What deal-service keeps of Salesforce records between Outbound Messages, per Opportunity: its newest fields and
 * its line items' newest fields (Outbound Messages send one record per notification: an Opportunity and its
 * OpportunityLineItems arrive separately, in any order). Plain maps, loaded and saved by the application layer;
 * {@link #changed()} lists the opportunities whose state must be saved.
 */
public final class SalesforceRecords {
    private final Map<String, Map<String, String>> opportunities = new LinkedHashMap<>();
    private final Map<String, Map<String, Map<String, String>>> lineItems = new LinkedHashMap<>();
    private final Set<String> changed = new LinkedHashSet<>();

    /** Loaded state of one opportunity (either may be null / empty). */
    public void load(String opportunityId, Map<String, String> fields, Map<String, Map<String, String>> items) {
        if (fields != null) {
            opportunities.put(opportunityId, fields);
        }
        lineItems.put(opportunityId, items == null ? new LinkedHashMap<>() : new LinkedHashMap<>(items));
    }

    public Map<String, String> opportunity(String id) {
        return opportunities.get(id);
    }

    public Map<String, Map<String, String>> lineItems(String opportunityId) {
        return lineItems.computeIfAbsent(opportunityId, k -> new LinkedHashMap<>());
    }

    void putOpportunity(String id, Map<String, String> fields) {
        opportunities.put(id, fields);
        changed.add(id);
    }

    void putLineItem(String opportunityId, String itemId, Map<String, String> fields) {
        lineItems(opportunityId).put(itemId, fields);
        changed.add(opportunityId);
    }

    public Set<String> changed() {
        return changed;
    }
}
