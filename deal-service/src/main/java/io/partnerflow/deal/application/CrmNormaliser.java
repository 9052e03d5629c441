package io.partnerflow.deal.application;

import io.partnerflow.contracts.EventJson;
import io.partnerflow.contracts.crm.CrmDeliveryReceived;
import io.partnerflow.deal.domain.CrmChange;
import io.partnerflow.deal.domain.InvalidCrmDataException;
import io.partnerflow.deal.persistence.CrmDeliveryEntity;
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
import java.util.List;

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

    /**
     * One after another, in list order. Through a Multi, not a chain of {@code Uni.chain}: with a scope, most steps
     * complete synchronously, and a chain of hundreds of synchronous steps recurses on the stack until it overflows.
     */
    static <T> Uni<Void> inOrder(List<T> items, java.util.function.Function<T, Uni<?>> step) {
        return io.smallrye.mutiny.Multi.createFrom().iterable(items)
                .onItem().transformToUniAndConcatenate(x -> step.apply(x).replaceWith(Boolean.TRUE))
                .collect().last().replaceWithVoid();
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
    Uni<List<CrmChange>> changes(CrmDeliveryEntity row, CrmDeliveryReceived delivery) {
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
    Uni<Void> applyChanges(CrmDeliveryEntity row, CrmDeliveryReceived delivery, List<CrmChange> changes,
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
