package io.partnerflow.deal.application;

import io.partnerflow.contracts.crm.CrmDeliveryReceived;
import io.partnerflow.deal.config.DealConfig;
import io.partnerflow.deal.domain.CrmChange;
import io.partnerflow.deal.domain.InvalidCrmDataException;
import io.partnerflow.deal.domain.crm.CrmMapping;
import io.partnerflow.deal.domain.crm.GenericFormat;
import io.partnerflow.deal.domain.crm.HubSpotEvents;
import io.partnerflow.deal.domain.crm.SalesforceOutboundMessage;
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
            case SalesforceOutboundMessage.SYSTEM -> Uni.createFrom().item(() -> SalesforceOutboundMessage
                    .parse(CrmNormaliser.body(d).getBytes(StandardCharsets.UTF_8))
                    .changes(mappings.salesforce(sourceOf(d)), config.stageMapping()));
            case HubSpotEvents.SYSTEM -> hubspot(d);
            default -> Uni.createFrom().failure(new InvalidCrmDataException("no adapter for CRM source '" + d.source() + "'"));
        };
    }

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
        List<CrmChange> deletions = new ArrayList<>();
        for (HubSpotEvents.Event e : events) {
            if (!e.subscriptionType().startsWith("deal.")) {
                continue; // only deals are mapped
            }
            if ("deal.deletion".equals(e.subscriptionType())) {
                deletions.add(new CrmChange.DealDeleted(e.eventId(), HubSpotEvents.SYSTEM, e.objectId(), e.occurredAt(),
                        java.time.Instant.ofEpochMilli(e.occurredAt())));
            } else {
                byDeal.computeIfAbsent(e.objectId(), k -> new ArrayList<>()).add(e);
            }
        }
        List<CrmChange> out = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<String, List<HubSpotEvents.Event>> en : byDeal.entrySet()) {
            chain = chain.chain(() -> loadState(en.getKey()).chain(state -> {
                Map<String, HubSpotEvents.Prop> merged = state;
                for (HubSpotEvents.Event e : en.getValue()) {
                    merged = HubSpotEvents.merge(merged, e);
                }
                out.add(HubSpotEvents.toChange(en.getKey(), merged, mapping, config.stageMapping()));
                return saveState(en.getKey(), merged);
            }));
        }
        return chain.map(ignored -> {
            out.addAll(deletions);
            return out;
        });
    }

    private static Uni<Map<String, HubSpotEvents.Prop>> loadState(String dealId) {
        // on the raw connection (Pg): a native SELECT through Hibernate misses its plan cache on every execution
        return Pg.strings("""
                        select properties from crm_record_state
                        where crm_system = 'hubspot' and object_type = 'deal' and external_id = $1 for update""", dealId)
                .map(l -> HubSpotEvents.read(l.isEmpty() ? null : l.get(0)));
    }

    private Uni<Void> saveState(String dealId, Map<String, HubSpotEvents.Prop> state) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into crm_record_state (crm_system, object_type, external_id, properties, updated_at)
                        values ('hubspot', 'deal', ?1, ?2, ?3)
                        on conflict (crm_system, object_type, external_id)
                        do update set properties = excluded.properties, updated_at = excluded.updated_at""")
                .setParameter(1, dealId).setParameter(2, HubSpotEvents.write(state))
                .setParameter(3, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).executeUpdate()).replaceWithVoid();
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
