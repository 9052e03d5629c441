package io.partnerflow.deal.application;

import io.partnerflow.contracts.crm.CrmDeliveryReceived;
import io.partnerflow.deal.domain.CrmChange;
import io.partnerflow.deal.persistence.CrmDeliveryEntity;
import io.partnerflow.platform.messaging.EventConsumer;
import io.partnerflow.platform.messaging.EventEnvelope;
import io.partnerflow.platform.persistence.Pg;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The crm.webhooks consumer's path: a poll's deliveries applied a chunk at a time (issue #16) by the rules of
 * {@link CrmNormaliser}, with the chunk's rows loaded once ({@link NormaliserScope}), its CRM changes claimed in one
 * statement and its raw deliveries written in one multi-row INSERT.
 */
@ApplicationScoped
public class CrmDeliveryBatch {
    private final CrmNormaliser normaliser;
    private final Clock clock;

    public CrmDeliveryBatch(CrmNormaliser normaliser, Clock clock) {
        this.normaliser = normaliser;
        this.clock = clock;
    }

    /** Deliveries applied together: one scope load, one claim statement, one flush (bounds the session's size). */
    static final int CHUNK = 100;

    /**
     * From the crm.webhooks consumer: all new events of one poll in offset order, inside the consumer's single
     * transaction (issue #16). The same outcome per delivery as {@link CrmNormaliser}'s replay path, with a few statements per chunk of
     * {@value #CHUNK} deliveries instead of ≈ 25 per delivery: which deliveries are known already (one query), what the
     * chunk's changes need — deals, touchpoints, partners, tombstones, registrations — loaded and locked at once
     * ({@link NormaliserScope}), every CRM change claimed (crm_item) with one statement, the deliveries applied one
     * after another in memory by the same rules, then one flush and one multi-row crm_delivery INSERT. Each
     * delivery's outbox rows continue that delivery's own trace.
     */
    public Uni<Void> applyAll(List<EventEnvelope> events) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int from = 0; from < events.size(); from += CHUNK) {
            List<EventEnvelope> part = events.subList(from, Math.min(events.size(), from + CHUNK));
            chain = chain.chain(() -> applyChunk(part)).chain(EventConsumer::flushAndClear);
        }
        return chain;
    }

    private Uni<Void> applyChunk(List<EventEnvelope> events) {
        List<Pending> pending = new ArrayList<>(events.size());
        for (EventEnvelope e : events) {
            pending.add(new Pending(e, e.dataAs(CrmDeliveryReceived.class)));
        }
        String[] ids = pending.stream().map(p -> p.delivery.deliveryId()).distinct().toArray(String[]::new);
        Instant now = clock.instant();
        return Pg.strings("select delivery_id from crm_delivery where delivery_id = any($1)", (Object) ids).chain(known -> {
            Set<String> seen = new HashSet<>(known); // also: the same delivery twice in one batch (other event ids)
            List<Pending> fresh = pending.stream().filter(p -> seen.add(p.delivery.deliveryId())).toList();
            for (Pending p : fresh) {
                p.row = newRow(p.delivery, p.event.data());
                p.row.applications = 1;
                p.row.lastAppliedAt = now;
            }
            Uni<Void> parsed = CrmNormaliser.inOrder(fresh, p -> normaliser.changes(p.row, p.delivery).invoke(c -> p.changes = c));
            return parsed.chain(() -> {
                List<CrmChange> all = fresh.stream().filter(p -> p.changes != null).flatMap(p -> p.changes.stream()).toList();
                return NormaliserScope.load(all).chain(scope -> {
                    scope.open();
                    return claim(fresh, now).chain(claimed -> CrmNormaliser.inOrder(fresh, p -> {
                        if (p.changes == null) {
                            return Uni.createFrom().voidItem();
                        }
                        EventConsumer.traceOf(p.event).bind(); // its outbox rows continue its trace
                        return normaliser.applyChanges(p.row, p.delivery, p.changes, false, c -> claimed.remove(
                                new Claim(p.delivery.source(), c.itemId(), p.delivery.deliveryId())));
                    })).onTermination().invoke(NormaliserScope::close);
                });
            }).chain(() -> insertDeliveries(fresh.stream().map(p -> p.row).toList()));
        });
    }

    private static final class Pending {
        final EventEnvelope event;
        final CrmDeliveryReceived delivery;
        CrmDeliveryEntity row;
        List<CrmChange> changes;

        Pending(EventEnvelope event, CrmDeliveryReceived delivery) {
            this.event = event;
            this.delivery = delivery;
        }
    }

    private record Claim(String source, String itemId, String deliveryId) {
    }

    /** Every CRM change of the chunk claimed in ONE statement: those seen here for the first time come back. */
    private static Uni<Set<Claim>> claim(List<Pending> fresh, Instant now) {
        List<String> sources = new ArrayList<>(), items = new ArrayList<>(), deliveries = new ArrayList<>();
        for (Pending p : fresh) {
            if (p.changes != null) {
                for (CrmChange c : p.changes) {
                    sources.add(p.delivery.source());
                    items.add(c.itemId());
                    deliveries.add(p.delivery.deliveryId());
                }
            }
        }
        if (items.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        // unnest keeps the array order: of two deliveries naming one item, the earlier claims it
        return Pg.rows("insert into crm_item (source, item_id, delivery_id, applied_at) select s, i, d, $4"
                                + " from unnest($1::text[], $2::text[], $3::text[]) as x(s, i, d)"
                                + " on conflict do nothing returning source, item_id, delivery_id",
                        sources.toArray(String[]::new), items.toArray(String[]::new), deliveries.toArray(String[]::new),
                        OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .map(rows -> {
                    Set<Claim> out = new HashSet<>();
                    rows.forEach(r -> out.add(new Claim((String) r[0], (String) r[1], (String) r[2])));
                    return out;
                });
    }

    private static CrmDeliveryEntity newRow(CrmDeliveryReceived delivery, String payload) {
        CrmDeliveryEntity row = new CrmDeliveryEntity();
        row.deliveryId = delivery.deliveryId();
        row.source = delivery.source();
        row.sourceAccount = delivery.sourceAccount();
        row.receivedAt = delivery.receivedAt();
        row.payload = payload;
        row.applications = 0;
        return row;
    }


    /** The chunk's raw deliveries in ONE multi-row INSERT (holders, never persisted as entities). */
    private static Uni<Void> insertDeliveries(List<CrmDeliveryEntity> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = rows.size();
        String[] id = new String[n], source = new String[n], account = new String[n], payload = new String[n],
                status = new String[n], outcome = new String[n];
        OffsetDateTime[] receivedAt = new OffsetDateTime[n], lastApplied = new OffsetDateTime[n];
        Integer[] applications = new Integer[n];
        for (int i = 0; i < n; i++) {
            CrmDeliveryEntity r = rows.get(i);
            id[i] = r.deliveryId;
            source[i] = r.source;
            account[i] = r.sourceAccount;
            receivedAt[i] = OffsetDateTime.ofInstant(r.receivedAt, ZoneOffset.UTC);
            payload[i] = r.payload;
            status[i] = r.status;
            outcome[i] = r.outcome;
            applications[i] = r.applications;
            lastApplied[i] = OffsetDateTime.ofInstant(r.lastAppliedAt, ZoneOffset.UTC);
        }
        return Pg.exec("insert into crm_delivery (delivery_id, source, source_account, received_at, payload, status,"
                        + " outcome, applications, last_applied_at) select * from unnest($1::text[], $2::text[],"
                        + " $3::text[], $4::timestamptz[], $5::text[], $6::text[], $7::text[], $8::int[], $9::timestamptz[])",
                id, source, account, receivedAt, payload, status, outcome, applications, lastApplied).replaceWithVoid();
    }
}
