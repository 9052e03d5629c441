package io.partnerflow.deal.domain.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.partnerflow.deal.domain.CrmChange;
import io.partnerflow.deal.domain.CrmLimits;
import io.partnerflow.deal.domain.InvalidCrmDataException;
import io.partnerflow.deal.domain.StageMapping;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * HubSpot webhook events (a JSON array; {@code deal.creation}, {@code deal.propertyChange}, {@code deal.deletion}).
 * A property change carries ONE property: they accumulate into the deal's state, each property keeping its newest
 * value by {@code occurredAt} (so out-of-order and repeated events are harmless); once the mapped required
 * properties are all there, the state becomes a deal.
 */
public final class HubSpotEvents {
    public static final String SYSTEM = "hubspot";
    static final String CREATED = "__created";
    private static final ObjectMapper JSON = new ObjectMapper();

    private HubSpotEvents() {
    }

    public record Event(String eventId, String subscriptionType, long portalId, String objectId, long occurredAt,
                        String propertyName, String propertyValue) {
    }

    /** One property's newest value and when it was set (epoch ms). */
    public record Prop(String value, long at) {
    }

    public static List<Event> parse(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (Exception e) {
            throw new InvalidCrmDataException("the body is not JSON: " + e.getMessage());
        }
        if (root == null || !root.isArray() || root.isEmpty()) {
            throw new InvalidCrmDataException("a HubSpot delivery is a non-empty JSON array of events");
        }
        List<Event> out = new ArrayList<>();
        int i = 0;
        for (JsonNode e : root) {
            String where = "[" + i++ + "]";
            if (!e.isObject() || !e.hasNonNull("eventId") || !e.hasNonNull("subscriptionType")
                    || !e.hasNonNull("objectId") || !e.path("occurredAt").canConvertToLong()) {
                throw new InvalidCrmDataException(where + ": an event needs eventId, subscriptionType, objectId and occurredAt");
            }
            if (!e.path("occurredAt").isIntegralNumber() || e.path("occurredAt").asLong() < 0
                    || !e.path("portalId").isMissingNode() && !e.path("portalId").canConvertToLong()) {
                throw InvalidCrmDataException.of(where + ".occurredAt", where + ": occurredAt (epoch ms) and portalId are"
                        + " non-negative 64-bit integers");
            }
            try {
                CrmLimits.line("eventId", e.path("eventId").asText(), CrmLimits.ID);
                CrmLimits.line("objectId", e.path("objectId").asText(), 100);
                CrmLimits.line("subscriptionType", e.path("subscriptionType").asText(), 100);
                CrmLimits.line("propertyName", e.path("propertyName").asText(), CrmLimits.ID);
            } catch (InvalidCrmDataException ex) {
                throw ex.under(where, where + ": ");
            }
            out.add(new Event(e.path("eventId").asText(), e.path("subscriptionType").asText(), e.path("portalId").asLong(),
                    e.path("objectId").asText(), e.path("occurredAt").asLong(),
                    e.hasNonNull("propertyName") ? e.path("propertyName").asText() : null,
                    e.hasNonNull("propertyValue") ? e.path("propertyValue").asText() : null));
        }
        return out;
    }

    /** The state after the event: a property only moves forward in time. */
    public static Map<String, Prop> merge(Map<String, Prop> state, Event e) {
        Map<String, Prop> m = new TreeMap<>(state);
        if ("deal.creation".equals(e.subscriptionType())) {
            Prop c = m.get(CREATED);
            if (c == null || e.occurredAt() < c.at()) {
                m.put(CREATED, new Prop(Long.toString(e.occurredAt()), e.occurredAt()));
            }
        }
        if (e.propertyName() != null) {
            Prop old = m.get(e.propertyName());
            if (old == null || e.occurredAt() >= old.at()) {
                m.put(e.propertyName(), new Prop(e.propertyValue(), e.occurredAt()));
            }
        }
        return m;
    }

    /** The deal the accumulated state describes, or a note saying what is still missing. */
    public static CrmChange toChange(String dealId, Map<String, Prop> state, CrmMapping m, StageMapping stages) {
        long version = state.values().stream().mapToLong(Prop::at).max().orElse(0);
        Map<String, String> values = new LinkedHashMap<>();
        state.forEach((k, v) -> values.put(k, v.value()));
        Prop created = state.get(CREATED);
        Instant fallbackCreated = created != null ? Instant.ofEpochMilli(created.at())
                : Instant.ofEpochMilli(state.values().stream().mapToLong(Prop::at).min().orElse(version));
        String itemId = "hubspot-state:" + dealId + ":" + version;
        io.partnerflow.deal.domain.DealData deal;
        try {
            deal = MappedDeals.deal(new Fields(values, m.deal(), "HubSpot deal " + dealId), m, stages, fallbackCreated);
        } catch (Fields.Missing e) {
            return new CrmChange.Noted(itemId, SYSTEM, version, "waiting: " + e.getMessage());
        }
        // a value that is there but wrong (out of range, negative, control characters) fails the delivery
        try {
            return new CrmChange.DealUpserted(itemId, SYSTEM, dealId, version, deal);
        } catch (InvalidCrmDataException e) {
            throw new InvalidCrmDataException("HubSpot deal " + dealId + " " + e.getMessage(), e);
        }
    }

    public static String write(Map<String, Prop> state) {
        try {
            return JSON.writeValueAsString(state);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static Map<String, Prop> read(String json) {
        if (json == null || json.isBlank()) {
            return new TreeMap<>();
        }
        try {
            Map<String, Prop> m = new TreeMap<>();
            JSON.readTree(json).fields().forEachRemaining(en -> m.put(en.getKey(),
                    new Prop(en.getValue().path("value").isNull() ? null : en.getValue().path("value").asText(),
                            en.getValue().path("at").asLong())));
            return m;
        } catch (Exception e) {
            throw new IllegalStateException("stored HubSpot state unreadable", e);
        }
    }
}
