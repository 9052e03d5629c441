package io.partnerflow.deal.domain.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.partnerflow.deal.domain.CrmChange;
import io.partnerflow.deal.domain.CrmLimits;
import io.partnerflow.deal.domain.InvalidCrmDataException;
import io.partnerflow.deal.domain.PartnerRef;
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
                        String propertyName, String propertyValue, String associationType, String toObjectId,
                        boolean associationRemoved) {
        public Event(String eventId, String subscriptionType, long portalId, String objectId, long occurredAt,
                     String propertyName, String propertyValue) {
            this(eventId, subscriptionType, portalId, objectId, occurredAt, propertyName, propertyValue, null, null, false);
        }

        public boolean isAssociation() {
            return subscriptionType.endsWith(".associationChange");
        }

        /** A deal ↔ line item association change as (deal id, line item id); null for anything else. */
        public String[] dealLineItem() {
            if (!isAssociation() || associationType == null) {
                return null;
            }
            return switch (associationType) {
                case "DEAL_TO_LINE_ITEM" -> new String[]{objectId, toObjectId};
                case "LINE_ITEM_TO_DEAL" -> new String[]{toObjectId, objectId};
                default -> null;
            };
        }
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
            boolean association = e.path("subscriptionType").asText().endsWith(".associationChange");
            if (association && (!e.hasNonNull("fromObjectId") || !e.hasNonNull("toObjectId") || !e.hasNonNull("associationType"))) {
                throw new InvalidCrmDataException(where + ": an associationChange event needs fromObjectId, toObjectId and associationType");
            }
            if (!e.isObject() || !e.hasNonNull("eventId") || !e.hasNonNull("subscriptionType")
                    || !(association || e.hasNonNull("objectId")) || !e.path("occurredAt").canConvertToLong()) {
                throw new InvalidCrmDataException(where + ": an event needs eventId, subscriptionType, objectId and occurredAt");
            }
            if (!e.path("occurredAt").isIntegralNumber() || e.path("occurredAt").asLong() < 0
                    || !e.path("portalId").isMissingNode() && !e.path("portalId").canConvertToLong()) {
                throw InvalidCrmDataException.of(where + ".occurredAt", where + ": occurredAt (epoch ms) and portalId are"
                        + " non-negative 64-bit integers");
            }
            try {
                CrmLimits.line("eventId", e.path("eventId").asText(), CrmLimits.ID);
                CrmLimits.line("objectId", association ? e.path("fromObjectId").asText() : e.path("objectId").asText(), 100);
                CrmLimits.line("toObjectId", e.path("toObjectId").asText(), 100);
                CrmLimits.line("associationType", e.path("associationType").asText(), 100);
                CrmLimits.line("subscriptionType", e.path("subscriptionType").asText(), 100);
                CrmLimits.line("propertyName", e.path("propertyName").asText(), CrmLimits.ID);
            } catch (InvalidCrmDataException ex) {
                throw ex.under(where, where + ": ");
            }
            out.add(new Event(e.path("eventId").asText(), e.path("subscriptionType").asText(), e.path("portalId").asLong(),
                    association ? e.path("fromObjectId").asText() : e.path("objectId").asText(), e.path("occurredAt").asLong(),
                    e.hasNonNull("propertyName") ? e.path("propertyName").asText() : null,
                    e.hasNonNull("propertyValue") ? e.path("propertyValue").asText() : null,
                    association ? e.path("associationType").asText() : null,
                    association ? e.path("toObjectId").asText() : null, e.path("associationRemoved").asBoolean(false)));
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

    /** Sets {@code key} to {@code value} (null: unset) unless the state already holds a newer value for it. */
    public static Map<String, Prop> set(Map<String, Prop> state, String key, String value, long at) {
        Map<String, Prop> m = new TreeMap<>(state);
        Prop old = m.get(key);
        if (old == null || at >= old.at()) {
            m.put(key, new Prop(value, at));
        }
        return m;
    }

    /** The line items associated with a deal (kept in its state as {@code __line_item:<id>} properties). */
    public static List<String> lineItemIds(Map<String, Prop> dealState) {
        List<String> out = new ArrayList<>();
        dealState.forEach((k, v) -> {
            if (k.startsWith(LINE_ITEM) && v.value() != null) {
                out.add(k.substring(LINE_ITEM.length()));
            }
        });
        return out;
    }

    /** The deal a line item is associated with, if any. */
    public static String dealOf(Map<String, Prop> lineItemState) {
        Prop p = lineItemState.get(DEAL);
        return p == null ? null : p.value();
    }

    public static boolean deleted(Map<String, Prop> state) {
        Prop p = state.get(DELETED);
        return p != null && "true".equals(p.value());
    }

    public static final String LINE_ITEM = "__line_item:";
    public static final String DEAL = "__deal";
    public static final String DELETED = "__deleted";

    /** The deal the accumulated state describes, or a note saying what is still missing. */
    public static CrmChange toChange(String dealId, Map<String, Prop> state, CrmMapping m, StageMapping stages) {
        return toChange(dealId, state, Map.of(), m, stages);
    }

    /**
     * The deal from its accumulated state and its associated line items' states (each line item id → state;
     * an associated item not known yet counts as one without an amount: the deal waits for it).
     */
    public static CrmChange toChange(String dealId, Map<String, Prop> state, Map<String, Map<String, Prop>> lineItems,
                                     CrmMapping m, StageMapping stages) {
        long version = state.values().stream().mapToLong(Prop::at).max().orElse(0);
        List<LineItems.Item> items = new ArrayList<>();
        for (String id : lineItemIds(state)) {
            Map<String, Prop> item = lineItems.getOrDefault(id, Map.of());
            if (deleted(item)) {
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            item.forEach((k, v) -> values.put(k, v.value()));
            items.add(new LineItems.Item(id, values));
            version = Math.max(version, item.values().stream().mapToLong(Prop::at).max().orElse(0));
        }
        Map<String, String> values = new LinkedHashMap<>();
        state.forEach((k, v) -> values.put(k, v.value()));
        Prop created = state.get(CREATED);
        Instant fallbackCreated = created != null ? Instant.ofEpochMilli(created.at())
                : Instant.ofEpochMilli(state.values().stream().mapToLong(Prop::at).min().orElse(version));
        // the same newest time can come with different content (an older property or line item arriving late)
        String itemId = "hubspot-state:" + dealId + ":" + version + ":" + digest(write(state) + items);
        io.partnerflow.deal.domain.DealData deal;
        try {
            deal = MappedDeals.deal(new Fields(values, m.deal(), "HubSpot deal " + dealId), m, stages, fallbackCreated,
                    items, "HubSpot deal " + dealId);
        } catch (Fields.Missing | LineItems.LinesDoNotSum e) {
            return new CrmChange.Noted(itemId, SYSTEM, version, "waiting: " + e.getMessage());
        }
        // a value that is there but wrong (out of range, negative, control characters) fails the delivery
        try {
            return new CrmChange.DealUpserted(itemId, SYSTEM, dealId, version, deal);
        } catch (InvalidCrmDataException e) {
            throw new InvalidCrmDataException("HubSpot deal " + dealId + " " + e.getMessage(), e);
        }
    }

    /**
     * Partner touchpoints from the deal's partner properties (documented mapping: property → touch type): each value
     * (a HubSpot company id, or a Partnerflow partner id; several separated by ';') is one touchpoint, recorded when
     * it appears and removed when it disappears, at the time the property was set.
     */
    public static List<CrmChange> partnerTouches(String dealId, Map<String, Prop> before, Map<String, Prop> after,
                                                 CrmMapping m) {
        List<CrmChange> out = new ArrayList<>();
        for (Map.Entry<String, String> en : new TreeMap<>(m.partnerProperties()).entrySet()) {
            Prop was = before.get(en.getKey());
            Prop now = after.get(en.getKey());
            if (now == null || was != null && was.at() == now.at() && java.util.Objects.equals(was.value(), now.value())) {
                continue;
            }
            java.util.Set<String> old = values(was);
            java.util.Set<String> current = values(now);
            for (String v : current) {
                if (!old.contains(v)) {
                    PartnerRef ref = isUuid(v) ? PartnerRef.of(v, null, null) : PartnerRef.of(null, SYSTEM, v);
                    out.add(new CrmChange.TouchpointRecorded("hubspot-touch:" + digest(dealId + "|" + en.getKey() + "|" + v
                            + "|+|" + now.at()), SYSTEM, dealId + ":" + en.getKey() + ":" + v, now.at(), dealId, ref,
                            en.getValue(), Instant.ofEpochMilli(now.at()), "HubSpot deal property " + en.getKey()));
                }
            }
            for (String v : old) {
                if (!current.contains(v)) {
                    out.add(new CrmChange.TouchpointRemoved("hubspot-touch:" + digest(dealId + "|" + en.getKey() + "|" + v
                            + "|-|" + now.at()), SYSTEM, dealId + ":" + en.getKey() + ":" + v, now.at()));
                }
            }
        }
        return out;
    }

    private static java.util.Set<String> values(Prop p) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        if (p != null && p.value() != null) {
            for (String v : p.value().split(";")) {
                if (!v.isBlank()) {
                    out.add(v.trim());
                }
            }
        }
        return out;
    }

    private static boolean isUuid(String v) {
        return v.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    }

    static String digest(String s) {
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(h, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
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
