package io.partnerflow.deal.application;

import io.partnerflow.contracts.EventJson;
import io.partnerflow.contracts.crm.CrmDeliveryReceived;
import io.partnerflow.deal.config.DealConfig;
import io.partnerflow.deal.domain.CrmChange;
import io.partnerflow.deal.domain.InvalidCrmDataException;
import io.partnerflow.deal.domain.crm.GenericFormat;
import io.partnerflow.deal.persistence.CrmDeliveryEntity;
import io.partnerflow.platform.messaging.EventConsumer;
import io.partnerflow.platform.messaging.EventEnvelope;
import io.partnerflow.platform.persistence.Pg;
import io.partnerflow.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a raw CRM delivery (from crm.webhooks) into deal and touchpoint changes, in the consumer's transaction
 * (inbox row + raw delivery + deals + touchpoints + outbox rows commit together). The raw delivery is kept with
 * its outcome; a delivery that cannot be normalised (e.g. a mapping that does not fit) is recorded as
 * {@code failed} with the reason instead of blocking the partition, and an admin can replay it after fixing the
 * mapping. Each CRM change (event / notification id) is applied once; replays bypass that and rely on versions.
 */
@ApplicationScoped
public class CrmNormaliser {
    private static final Logger LOG = Logger.getLogger(CrmNormaliser.class);

    private final DealService deals;
    private final TouchpointService touchpoints;
    private final CrmAdapters adapters;
    private final Clock clock;

    public CrmNormaliser(DealService deals, TouchpointService touchpoints, CrmAdapters adapters, Clock clock) {
        this.deals = deals;
        this.touchpoints = touchpoints;
        this.adapters = adapters;
        this.clock = clock;
    }

    public record DeliveryView(String deliveryId, String source, String sourceAccount, Instant receivedAt,
                               String status, List<String> outcome, int applications, Instant lastAppliedAt,
                               Instant purgedAt) {
    }

    /** From the crm.webhooks consumer (inside its transaction, after the inbox accepted the delivery id). */
    public Uni<Void> apply(EventEnvelope event) {
        CrmDeliveryReceived delivery = event.dataAs(CrmDeliveryReceived.class);
        return CrmDeliveryEntity.<CrmDeliveryEntity>findById(delivery.deliveryId()).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem(); // same delivery under another event id: applied already
            }
            CrmDeliveryEntity row = new CrmDeliveryEntity();
            row.deliveryId = delivery.deliveryId();
            row.source = delivery.source();
            row.sourceAccount = delivery.sourceAccount();
            row.receivedAt = delivery.receivedAt();
            row.payload = event.data();
            row.applications = 0;
            return run(row, delivery, false).chain(() -> row.persist()).replaceWithVoid();
        });
    }

    /** Deliveries applied together: one scope load, one claim statement, one flush (bounds the session's size). */
    static final int CHUNK = 100;

    /**
     * From the crm.webhooks consumer: all new events of one poll in offset order, inside the consumer's single
     * transaction (issue #16). Same outcome as {@link #apply} per event, with a few statements per chunk of
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
            chain = chain.chain(() -> applyChunk(part)).chain(CrmNormaliser::flushAndClear);
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
            Uni<Void> parsed = inOrder(fresh, p -> changes(p.row, p.delivery).invoke(c -> p.changes = c));
            return parsed.chain(() -> {
                List<CrmChange> all = fresh.stream().filter(p -> p.changes != null).flatMap(p -> p.changes.stream()).toList();
                return NormaliserScope.load(all).chain(scope -> {
                    scope.open();
                    return claim(fresh, now).chain(claimed -> inOrder(fresh, p -> {
                        if (p.changes == null) {
                            return Uni.createFrom().voidItem();
                        }
                        EventConsumer.traceOf(p.event).bind(); // its outbox rows continue its trace
                        return applyChanges(p.row, p.delivery, p.changes, false, c -> claimed.remove(
                                new Claim(p.delivery.source(), c.itemId(), p.delivery.deliveryId())));
                    })).onTermination().invoke(NormaliserScope::close);
                });
            }).chain(() -> insertDeliveries(fresh.stream().map(p -> p.row).toList()));
        });
    }

    /**
     * One after another, in list order. Through a Multi, not a chain of {@code Uni.chain}: with a scope, most steps
     * complete synchronously, and a chain of hundreds of synchronous steps recurses on the stack until it overflows.
     */
    private static <T> Uni<Void> inOrder(List<T> items, java.util.function.Function<T, Uni<?>> step) {
        return io.smallrye.mutiny.Multi.createFrom().iterable(items)
                .onItem().transformToUniAndConcatenate(x -> step.apply(x).replaceWith(Boolean.TRUE))
                .collect().last().replaceWithVoid();
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

    private static Uni<Void> flushAndClear() {
        return Panache.getSession().chain(s -> s.flush().invoke(s::clear));
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

    /** Admin replay of a stored raw delivery with today's mapping; versions keep older data from winning. */
    public Uni<DeliveryView> replay(String deliveryId) {
        return Panache.withTransaction(() -> CrmDeliveryEntity.<CrmDeliveryEntity>findById(deliveryId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no CRM delivery " + deliveryId))
                .chain(row -> {
                    if (row.payload == null) {
                        throw CrmDeliveryRetention.gone(row);
                    }
                    CrmDeliveryReceived delivery = EventJson.readString(row.payload, CrmDeliveryReceived.class);
                    return run(row, delivery, true).replaceWith(row);
                })).map(CrmNormaliser::view);
    }

    /** The newest deliveries first, of one status ({@code applied} / {@code failed}) or all; at most {@code limit}. */
    public Uni<List<DeliveryView>> list(String status, int limit) {
        Uni<List<CrmDeliveryEntity>> rows = Panache.withSession(() -> status == null
                ? CrmDeliveryEntity.<CrmDeliveryEntity>find("order by receivedAt desc, deliveryId").page(0, limit).list()
                : CrmDeliveryEntity.<CrmDeliveryEntity>find("status = ?1 order by receivedAt desc, deliveryId", status)
                        .page(0, limit).list());
        return rows.map(l -> l.stream().map(CrmNormaliser::view).toList());
    }

    public Uni<DeliveryView> get(String deliveryId) {
        return Panache.withSession(() -> CrmDeliveryEntity.<CrmDeliveryEntity>findById(deliveryId))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no CRM delivery " + deliveryId))
                .map(CrmNormaliser::view);
    }

    private Uni<Void> run(CrmDeliveryEntity row, CrmDeliveryReceived delivery, boolean replay) {
        Instant now = clock.instant();
        row.applications++;
        row.lastAppliedAt = now;
        return changes(row, delivery).chain(changes -> changes == null ? Uni.createFrom().voidItem()
                : applyChanges(row, delivery, changes, replay, c -> null));
    }

    /** The delivery's CRM changes; null (the row recorded as failed) when it cannot be normalised. */
    private Uni<List<CrmChange>> changes(CrmDeliveryEntity row, CrmDeliveryReceived delivery) {
        return adapters.changes(delivery)
                .onFailure(InvalidCrmDataException.class).recoverWithItem(e -> {
                    row.status = "failed";
                    row.outcome = "not normalised: " + e.getMessage();
                    LOG.warnf("CRM delivery %s (%s) not normalised: %s", delivery.deliveryId(), delivery.source(), e.getMessage());
                    return null;
                });
    }

    /**
     * Applies the changes in order; {@code claimed} says whether a change is seen for the first time (null: claim it
     * now, one statement per change — the single-delivery and replay paths).
     */
    private Uni<Void> applyChanges(CrmDeliveryEntity row, CrmDeliveryReceived delivery, List<CrmChange> changes,
                                   boolean replay, java.util.function.Function<CrmChange, Boolean> claimed) {
        Instant now = row.lastAppliedAt;
        List<String> outcomes = new ArrayList<>();
        boolean[] failed = {false};
        Uni<Void> chain = inOrder(changes, c -> {
            Boolean known = claimed.apply(c);
            return (known != null ? Uni.createFrom().item(known) : firstTime(delivery, c, replay, now)).chain(first -> {
                if (!first) {
                    outcomes.add(c.itemId() + ": duplicate, already applied");
                    return Uni.createFrom().voidItem();
                }
                return applyOne(c).onFailure(InvalidCrmDataException.class).recoverWithItem(e -> {
                    failed[0] = true;
                    return "FAILED " + e.getMessage();
                }).invoke(o -> outcomes.add(c.itemId() + ": " + o)).replaceWithVoid();
            });
        });
        return chain.invoke(() -> {
            row.status = failed[0] ? "failed" : "applied";
            row.outcome = String.join("\n", outcomes);
        });
    }

    private Uni<String> applyOne(CrmChange c) {
        if (c instanceof CrmChange.DealUpserted u) {
            return deals.upsert(u);
        } else if (c instanceof CrmChange.DealDeleted d) {
            return deals.delete(d);
        } else if (c instanceof CrmChange.DealReversal r) {
            return deals.reverse(r);
        } else if (c instanceof CrmChange.TouchpointRecorded t) {
            return touchpoints.record(t);
        } else if (c instanceof CrmChange.TouchpointRemoved t) {
            return touchpoints.remove(t);
        } else if (c instanceof CrmChange.Noted n) {
            return Uni.createFrom().item(n.message());
        }
        throw new IllegalStateException("unknown change " + c);
    }

    private static Uni<Boolean> firstTime(CrmDeliveryReceived delivery, CrmChange c, boolean replay, Instant now) {
        String sql = replay
                ? "insert into crm_item (source, item_id, delivery_id, applied_at) values ($1, $2, $3, $4) on conflict (source, item_id) do update set applied_at = excluded.applied_at"
                : "insert into crm_item (source, item_id, delivery_id, applied_at) values ($1, $2, $3, $4) on conflict do nothing";
        // on the raw connection (Pg): once per CRM change, Hibernate's parsing and binding cost more than the INSERT
        return Pg.exec(sql, delivery.source(), c.itemId(), delivery.deliveryId(), OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .map(rows -> replay || rows == 1);
    }

    /** The body as text ({@code base64} bodies decoded). */
    public static String body(CrmDeliveryReceived d) {
        if ("base64".equals(d.bodyEncoding())) {
            return new String(Base64.getDecoder().decode(d.body()), StandardCharsets.UTF_8);
        }
        return d.body();
    }

    static DeliveryView view(CrmDeliveryEntity e) {
        return new DeliveryView(e.deliveryId, e.source, e.sourceAccount, e.receivedAt, e.status,
                e.outcome == null ? List.of() : List.of(e.outcome.split("\n")), e.applications, e.lastAppliedAt, e.purgedAt);
    }
}
