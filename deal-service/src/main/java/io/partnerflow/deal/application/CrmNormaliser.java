package io.partnerflow.deal.application;

import io.partnerflow.contracts.EventJson;
import io.partnerflow.contracts.crm.CrmDeliveryReceived;
import io.partnerflow.deal.config.DealConfig;
import io.partnerflow.deal.domain.CrmChange;
import io.partnerflow.deal.domain.InvalidCrmDataException;
import io.partnerflow.deal.domain.crm.GenericFormat;
import io.partnerflow.deal.persistence.CrmDeliveryEntity;
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

    /**
     * From the crm.webhooks consumer: all new events of one poll, in offset order, inside the consumer's single
     * transaction (issue #16). Same outcome as {@link #apply} per event, with fewer statements: which deliveries are
     * known already is ONE query for the batch, each delivery's CRM changes are claimed (crm_item) with ONE statement,
     * and the raw deliveries are written with ONE multi-row INSERT at the end. Deliveries are still applied one after
     * another (per deal order; a HubSpot / Salesforce delivery reads the state the previous one saved), each followed
     * by a flush and a cleared session, as when each event had its own transaction.
     */
    public Uni<Void> applyBatch(List<EventEnvelope> events) {
        List<CrmDeliveryReceived> received = new ArrayList<>(events.size());
        List<String> payloads = new ArrayList<>(events.size());
        for (EventEnvelope e : events) {
            received.add(e.dataAs(CrmDeliveryReceived.class));
            payloads.add(e.data());
        }
        String[] ids = received.stream().map(CrmDeliveryReceived::deliveryId).distinct().toArray(String[]::new);
        return Pg.strings("select delivery_id from crm_delivery where delivery_id = any($1)", (Object) ids).chain(known -> {
            Set<String> seen = new HashSet<>(known); // also: the same delivery twice in one batch (other event ids)
            List<CrmDeliveryEntity> rows = new ArrayList<>();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (int i = 0; i < received.size(); i++) {
                CrmDeliveryReceived delivery = received.get(i);
                if (!seen.add(delivery.deliveryId())) {
                    continue; // applied already
                }
                CrmDeliveryEntity row = new CrmDeliveryEntity(); // a holder here: written below, never persisted
                row.deliveryId = delivery.deliveryId();
                row.source = delivery.source();
                row.sourceAccount = delivery.sourceAccount();
                row.receivedAt = delivery.receivedAt();
                row.payload = payloads.get(i);
                row.applications = 0;
                rows.add(row);
                chain = chain.chain(() -> run(row, delivery, false)).chain(CrmNormaliser::flushAndClear);
            }
            return chain.chain(() -> insertDeliveries(rows));
        });
    }

    private static Uni<Void> flushAndClear() {
        return Panache.getSession().chain(s -> s.flush().invoke(s::clear));
    }

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
        return adapters.changes(delivery)
                .onFailure(InvalidCrmDataException.class).recoverWithItem(e -> {
                    row.status = "failed";
                    row.outcome = "not normalised: " + e.getMessage();
                    LOG.warnf("CRM delivery %s (%s) not normalised: %s", delivery.deliveryId(), delivery.source(), e.getMessage());
                    return null;
                })
                .chain(changes -> {
                    if (changes == null) {
                        return Uni.createFrom().voidItem();
                    }
                    List<String> outcomes = new ArrayList<>();
                    boolean[] failed = {false};
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    Set<String> claimed = new HashSet<>();
                    if (!replay) {
                        chain = claim(delivery, changes, now).invoke(claimed::addAll).replaceWithVoid();
                    }
                    for (CrmChange c : changes) {
                        // not replayed: claimed above; a repeat of an item id within the delivery is a duplicate
                        chain = chain.chain(() -> replay ? firstTime(delivery, c, true, now)
                                : Uni.createFrom().item(claimed.remove(c.itemId()))).chain(first -> {
                            if (!first) {
                                outcomes.add(c.itemId() + ": duplicate, already applied");
                                return Uni.createFrom().voidItem();
                            }
                            return applyOne(c).onFailure(InvalidCrmDataException.class).recoverWithItem(e -> {
                                failed[0] = true;
                                return "FAILED " + e.getMessage();
                            }).invoke(o -> outcomes.add(c.itemId() + ": " + o)).replaceWithVoid();
                        });
                    }
                    return chain.invoke(() -> {
                        row.status = failed[0] ? "failed" : "applied";
                        row.outcome = String.join("\n", outcomes);
                    });
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

    /** The item ids of the delivery's changes seen here for the first time (claimed now): ONE statement per delivery. */
    private static Uni<List<String>> claim(CrmDeliveryReceived delivery, List<CrmChange> changes, Instant now) {
        if (changes.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        String[] items = changes.stream().map(CrmChange::itemId).distinct().toArray(String[]::new);
        return Pg.strings("insert into crm_item (source, item_id, delivery_id, applied_at) select $1, i, $2, $3"
                        + " from unnest($4::text[]) as i on conflict do nothing returning item_id",
                delivery.source(), delivery.deliveryId(), OffsetDateTime.ofInstant(now, ZoneOffset.UTC), items);
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
