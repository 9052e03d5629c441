package io.partnerflow.deal.application;

import io.partnerflow.contracts.crm.CrmDeliveryReceived;
import io.partnerflow.deal.config.DealConfig;
import io.partnerflow.deal.domain.CrmChange;
import io.partnerflow.deal.domain.InvalidCrmDataException;
import io.partnerflow.deal.domain.crm.CrmMapping;
import io.partnerflow.deal.domain.crm.GenericFormat;
import io.partnerflow.deal.domain.crm.HubSpotEvents;
import io.partnerflow.deal.domain.crm.SalesforceOutboundMessage;
import io.partnerflow.deal.domain.crm.SalesforceRecords;
import io.partnerflow.platform.persistence.Pg;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Raw delivery → normalised changes, per sender format, with TODAY's configured mappings (a replay after a mapping
 * fix uses the fixed mapping). HubSpot property changes are merged into the stored per-deal state first (inside
 * the caller's transaction).
 */
@ApplicationScoped
public class CrmAdapters {
    private final DealConfig config;
    private final CrmMappings mappings;
    private final Clock clock;

    public CrmAdapters(DealConfig config, CrmMappings mappings, Clock clock) {
        this.config = config;
        this.mappings = mappings;
        this.clock = clock;
    }

    public Uni<List<CrmChange>> changes(CrmDeliveryReceived d) {
        return switch (d.source()) {
            case GenericFormat.SYSTEM -> Uni.createFrom().item(() -> GenericFormat.parse(CrmNormaliser.body(d), config.stageMapping()));
            case SalesforceOutboundMessage.SYSTEM -> salesforce(d);
            case HubSpotEvents.SYSTEM -> hubspot(d);
            default -> Uni.createFrom().failure(new InvalidCrmDataException("no adapter for CRM source '" + d.source() + "'"));
        };
    }

    /**
     * Salesforce: the kept Opportunity fields and line items of the opportunities the message is about are loaded
     * (locked), the message applied to them, and what changed saved — in the normaliser's transaction.
     */
    private Uni<List<CrmChange>> salesforce(CrmDeliveryReceived d) {
        SalesforceOutboundMessage message;
        CrmMapping mapping;
        try {
            message = SalesforceOutboundMessage.parse(CrmNormaliser.body(d).getBytes(StandardCharsets.UTF_8));
            mapping = mappings.salesforce(sourceOf(d));
        } catch (InvalidCrmDataException e) {
            return Uni.createFrom().failure(e);
        }
        SalesforceRecords records = new SalesforceRecords();
        Uni<Void> loaded = Uni.createFrom().voidItem();
        for (String opp : message.opportunityIds(mapping)) {
            loaded = loaded.chain(() -> loadRecord("salesforce", "opportunity", opp)
                    .chain(fields -> loadRecord("salesforce", "opportunity_lines", opp).invoke(lines ->
                            records.load(opp, fields == null ? null : RecordJson.fields(fields),
                                    lines == null ? null : RecordJson.items(lines))))
                    .replaceWithVoid());
        }
        return loaded.chain(() -> {
            List<CrmChange> changes = message.changes(mapping, config.stageMapping(), records);
            Uni<Void> saved = Uni.createFrom().voidItem();
            for (String opp : records.changed()) {
                saved = saved.chain(() -> saveRecord("salesforce", "opportunity", opp,
                                records.opportunity(opp) == null ? null : RecordJson.write(records.opportunity(opp))))
                        .chain(() -> saveRecord("salesforce", "opportunity_lines", opp,
                                records.lineItems(opp).isEmpty() ? null : RecordJson.write(records.lineItems(opp))));
            }
            return saved.replaceWith(changes);
        });
    }

    /** A kept CRM record's JSON, locked for this transaction; null when none is kept. */
    private static Uni<String> loadRecord(String system, String type, String id) {
        // on the raw connection (Pg): a native SELECT through Hibernate misses its plan cache on every execution
        return Pg.strings("""
                        select properties from crm_record_state
                        where crm_system = $1 and object_type = $2 and external_id = $3 for update""", system, type, id)
                .map(l -> l.isEmpty() ? null : l.get(0));
    }

    /** Keeps a CRM record's JSON (nothing when {@code json} is null). */
    private Uni<Void> saveRecord(String system, String type, String id, String json) {
        if (json == null) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into crm_record_state (crm_system, object_type, external_id, properties, updated_at)
                        values (?1, ?2, ?3, ?4, ?5)
                        on conflict (crm_system, object_type, external_id)
                        do update set properties = excluded.properties, updated_at = excluded.updated_at""")
                .setParameter(1, system).setParameter(2, type).setParameter(3, id).setParameter(4, json)
                .setParameter(5, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).executeUpdate()).replaceWithVoid();
    }

    /**
     * HubSpot: deal events, line item events and deal ↔ line item associations are merged into the kept states (line
     * items first, then every deal they or the delivery touch), each deal rebuilt from its state and its associated
     * line items, and its partner properties turned into touchpoints (recorded before the deal, so a new deal's first
     * snapshot has them).
     */
    private Uni<List<CrmChange>> hubspot(CrmDeliveryReceived d) {
        List<HubSpotEvents.Event> events;
        CrmMapping mapping;
        try {
            events = HubSpotEvents.parse(CrmNormaliser.body(d));
            mapping = mappings.hubspot(sourceOf(d));
        } catch (InvalidCrmDataException e) {
            return Uni.createFrom().failure(e);
        }
        Map<String, List<HubSpotEvents.Event>> byDeal = new LinkedHashMap<>();
        Map<String, List<HubSpotEvents.Event>> byItem = new LinkedHashMap<>();
        List<HubSpotEvents.Event> links = new ArrayList<>();
        List<CrmChange> deletions = new ArrayList<>();
        for (HubSpotEvents.Event e : events) {
            if (e.isAssociation()) {
                if (e.dealLineItem() != null) {
                    links.add(e);
                    byDeal.computeIfAbsent(e.dealLineItem()[0], k -> new ArrayList<>());
                    byItem.computeIfAbsent(e.dealLineItem()[1], k -> new ArrayList<>());
                }
            } else if (e.subscriptionType().startsWith("line_item.")) {
                byItem.computeIfAbsent(e.objectId(), k -> new ArrayList<>()).add(e);
            } else if ("deal.deletion".equals(e.subscriptionType())) {
                deletions.add(new CrmChange.DealDeleted(e.eventId(), HubSpotEvents.SYSTEM, e.objectId(), e.occurredAt(),
                        java.time.Instant.ofEpochMilli(e.occurredAt())));
            } else if (e.subscriptionType().startsWith("deal.")) {
                byDeal.computeIfAbsent(e.objectId(), k -> new ArrayList<>()).add(e);
            }
        }
        Map<String, Map<String, HubSpotEvents.Prop>> items = new LinkedHashMap<>();
        List<CrmChange> out = new ArrayList<>();
        // 1. line items: their own events, and which deal they belong to
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<String, List<HubSpotEvents.Event>> en : byItem.entrySet()) {
            chain = chain.chain(() -> loadState("line_item", en.getKey()).chain(state -> {
                Map<String, HubSpotEvents.Prop> merged = state;
                for (HubSpotEvents.Event e : en.getValue()) {
                    merged = "line_item.deletion".equals(e.subscriptionType())
                            ? HubSpotEvents.set(merged, HubSpotEvents.DELETED, "true", e.occurredAt())
                            : HubSpotEvents.merge(merged, e);
                }
                for (HubSpotEvents.Event link : links) {
                    if (link.dealLineItem()[1].equals(en.getKey())) {
                        merged = HubSpotEvents.set(merged, HubSpotEvents.DEAL,
                                link.associationRemoved() ? null : link.dealLineItem()[0], link.occurredAt());
                    }
                }
                items.put(en.getKey(), merged);
                String deal = HubSpotEvents.dealOf(merged);
                if (deal != null) {
                    byDeal.computeIfAbsent(deal, k -> new ArrayList<>());
                }
                return saveState("line_item", en.getKey(), merged);
            }));
        }
        // 2. every deal touched: its events, its associations, its line items
        return chain.chain(() -> {
            Uni<Void> deals = Uni.createFrom().voidItem();
            for (Map.Entry<String, List<HubSpotEvents.Event>> en : byDeal.entrySet()) {
                deals = deals.chain(() -> loadState("deal", en.getKey()).chain(before -> {
                    Map<String, HubSpotEvents.Prop> merged = before;
                    for (HubSpotEvents.Event e : en.getValue()) {
                        merged = HubSpotEvents.merge(merged, e);
                    }
                    for (HubSpotEvents.Event link : links) {
                        if (link.dealLineItem()[0].equals(en.getKey())) {
                            merged = HubSpotEvents.set(merged, HubSpotEvents.LINE_ITEM + link.dealLineItem()[1],
                                    link.associationRemoved() ? null : "1", link.occurredAt());
                        }
                    }
                    Map<String, HubSpotEvents.Prop> state = merged;
                    Uni<Void> loadItems = Uni.createFrom().voidItem();
                    for (String item : HubSpotEvents.lineItemIds(state)) {
                        if (!items.containsKey(item)) {
                            loadItems = loadItems.chain(() -> loadState("line_item", item).invoke(s -> items.put(item, s))
                                    .replaceWithVoid());
                        }
                    }
                    return loadItems.chain(() -> {
                        out.addAll(HubSpotEvents.partnerTouches(en.getKey(), before, state, mapping));
                        out.add(HubSpotEvents.toChange(en.getKey(), state, items, mapping, config.stageMapping()));
                        return saveState("deal", en.getKey(), state);
                    });
                }));
            }
            return deals;
        }).map(ignored -> {
            out.addAll(deletions);
            return out;
        });
    }

    private static Uni<Map<String, HubSpotEvents.Prop>> loadState(String type, String id) {
        return loadRecord("hubspot", type, id).map(HubSpotEvents::read);
    }

    private Uni<Void> saveState(String type, String id, Map<String, HubSpotEvents.Prop> state) {
        return saveRecord("hubspot", type, id, HubSpotEvents.write(state));
    }

    /** The configured source that accepted the delivery (the signature's key id up to '#'). */
    static String sourceOf(CrmDeliveryReceived d) {
        String keyId = d.signature() == null ? null : d.signature().keyId();
        if (keyId == null) {
            throw new InvalidCrmDataException("the delivery does not name the source that accepted it");
        }
        int hash = keyId.lastIndexOf('#');
        return hash < 0 ? keyId : keyId.substring(0, hash);
    }
}
