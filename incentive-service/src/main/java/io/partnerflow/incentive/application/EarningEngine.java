package io.partnerflow.incentive.application;

import io.partnerflow.contracts.EventJson;
import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.analytics.ChallengeCompleted;
import io.partnerflow.contracts.attribution.Credit;
import io.partnerflow.contracts.attribution.DealAttributed;
import io.partnerflow.contracts.attribution.DealAttributionReversed;
import io.partnerflow.contracts.attribution.DealContext;
import io.partnerflow.contracts.attribution.DealReattributed;
import io.partnerflow.contracts.partner.PartnerCertificationCompleted;
import io.partnerflow.incentive.domain.RewardCalculator;
import io.partnerflow.platform.jobs.Rounds;
import io.partnerflow.platform.messaging.PoisonMessageException;
import io.partnerflow.platform.persistence.Db;
import io.partnerflow.platform.persistence.Pg;
import io.partnerflow.platform.trace.TraceContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

import static io.partnerflow.incentive.application.EarningWriter.forEach;

/**
 * Attribution events → earnings. Runs inside the consumer's (or the REST call's) transaction.
 * <p>
 * Work is done per (event, partner). When the partner is unknown or an FX rate is missing, the work waits in
 * {@code pending_work} (visible over REST) and everything later for the same deal and partner queues behind it,
 * so one partner's earnings on one deal are applied in order; {@link #resolvePartner} / {@link #resolveFx} run
 * the queues when the data arrives. Earning ids are name-based, inserts are {@code on conflict do nothing} and
 * the outbox row is written only for a new earning: redelivery and recomputation never duplicate.
 * <p>
 * This class only stores, queues and dispatches. The work is done by {@link AccrualWork}, {@link ReversalWork} and
 * {@link ReattributionWork}, which load their inputs, call the pure calculation core
 * ({@code io.partnerflow.incentive.domain.calc}) and write through {@link EarningWriter}.
 */
@ApplicationScoped
public class EarningEngine {
    static final String ATTRIBUTED = "attributed";
    static final String REVERSED = "reversed";
    static final String REATTRIBUTED = "reattributed";
    static final String CERTIFICATION = "certification";
    static final String ACTIVITY = "activity";
    static final String CHALLENGE = "challenge";

    /** The program and rule an award earning names: challenges are analytics-service's, not a program's rules. */
    static final UUID CHALLENGES_PROGRAM = AccrualWork.CHALLENGES_PROGRAM;

    private final EarningWriter writer;
    private final ProgramCatalog catalog;
    private final Reference ref;
    private final AccrualWork accrual;
    private final ReversalWork reversal;
    private final ReattributionWork reattribution;
    private final AttributedRun attributedRun;
    private final Clock clock;
    private final int releaseChunk;
    private final int releaseOnRegistration;

    public EarningEngine(EarningWriter writer, ProgramCatalog catalog, Reference ref, AccrualWork accrual, ReversalWork reversal,
                         ReattributionWork reattribution, AttributedRun attributedRun, Clock clock,
                         io.partnerflow.incentive.config.IncentiveConfig config) {
        this.releaseChunk = config.pending().releaseChunk();
        this.releaseOnRegistration = config.pending().releaseOnRegistration();
        this.attributedRun = attributedRun;
        this.writer = writer;
        this.catalog = catalog;
        this.ref = ref;
        this.accrual = accrual;
        this.reversal = reversal;
        this.reattribution = reattribution;
        this.clock = clock;
    }

    // ------------------------------------------------------------------------------------------ inbound

    /**
     * {@code deal.attributed}: consecutive attributions of a consumer chunk (offset order; a lone event is a run of one),
     * each with the trace its outbox rows continue, with a fixed number of statements per chunk ({@link AttributedRun}).
     */
    public Uni<Void> onAttributedRun(List<DealAttributed> events, List<TraceContext> traces) {
        List<AttributedRun.Item> items = new java.util.ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            items.add(new AttributedRun.Item(events.get(i), traces.get(i)));
        }
        return attributedRun.apply(items);
    }

    public Uni<Void> onReversed(DealAttributionReversed r) {
        requireDeal(r.deal(), r.reversalId());
        return store(r.reversalId(), REVERSED, r.dealId(), r.attributionId(), r.deal().closedAt(), EventJson.writeString(r))
                .chain(isNew -> !isNew ? Uni.createFrom().voidItem()
                        : CompactCredits.apply(r.deal(), r.credits()).chain(() -> forPartners(r.dealId(),
                        r.credits().stream().map(Credit::partnerId).distinct().sorted().toList(), r.deal().closedAt(),
                        r.reversalId(), REVERSED, r)));
    }

    public Uni<Void> onReattributed(DealReattributed r) {
        requireDeal(r.deal(), r.attributionId());
        return store(r.attributionId(), REATTRIBUTED, r.dealId(), r.attributionId(), r.deal().closedAt(), EventJson.writeString(r))
                .chain(isNew -> !isNew ? Uni.createFrom().voidItem()
                        : CompactCredits.replace(r.deal(), r.credits()).chain(() -> Db.strings("select distinct partner_id from earning where deal_id = ?1 union select distinct partner_id from pending_work where deal_id = ?1", r.dealId())
                        .chain(earlier -> {
                            TreeSet<String> partners = new TreeSet<>(earlier);
                            r.credits().forEach(c -> partners.add(c.partnerId()));
                            return forPartners(r.dealId(), List.copyOf(partners), r.deal().closedAt(), r.attributionId(), REATTRIBUTED, r);
                        })));
    }

    /** A certification completion: training rewards (once per rule, person and certification code). */
    public Uni<Void> onCertification(PartnerCertificationCompleted c) {
        String key = "cert:" + c.certificationId();
        RewardCalculator.Certification cert = new RewardCalculator.Certification(c.certificationId(), c.certificationCode(),
                c.certificationName(), c.personId(), c.personName(), c.completedAt());
        return store(key, CERTIFICATION, key, c.certificationId(), c.completedAt(), EventJson.writeString(cert))
                .chain(isNew -> !isNew ? Uni.createFrom().voidItem() : processOrQueue(key, c.partnerId(), key, CERTIFICATION));
    }

    /**
     * A challenge completed in analytics-service: ONE {@code challenge_award} earning per (challenge, partner) — the
     * work is stored under that key once (a redelivery under any event id stores nothing) and the earning id is
     * name-based from challenge + partner. Waits like other work for an unknown partner or a missing FX rate.
     */
    public Uni<Void> onChallengeCompleted(ChallengeCompleted c) {
        if (c.challengeId() == null || c.partnerId() == null || c.award() == null || c.completedAt() == null) {
            throw new PoisonMessageException("challenge.completed without challengeId, partnerId, award or completedAt");
        }
        try {
            UUID.fromString(c.challengeId());
            UUID.fromString(c.partnerId());
        } catch (IllegalArgumentException e) {
            throw new PoisonMessageException("challenge.completed with a challengeId or partnerId that is not a UUID");
        }
        String key = "challenge:" + c.challengeId() + ":" + c.partnerId();
        return store(key, CHALLENGE, key, c.challengeId(), c.completedAt(), EventJson.writeString(c))
                .chain(isNew -> !isNew ? Uni.createFrom().voidItem() : processOrQueue(key, c.partnerId(), key, CHALLENGE));
    }

    /** A reported partner activity: activity rewards (once per rule and activity). */
    public Uni<Void> onActivity(String partnerId, RewardCalculator.Activity a) {
        String key = "activity:" + a.activityId();
        return store(key, ACTIVITY, key, a.activityId(), a.occurredAt(), EventJson.writeString(a))
                .chain(isNew -> !isNew ? Uni.createFrom().voidItem() : processOrQueue(key, partnerId, key, ACTIVITY));
    }

    static void requireDeal(DealContext d, String id) {
        if (d == null || d.closedAt() == null || d.amount() == null || d.dealId() == null) {
            throw new PoisonMessageException("attribution event " + id + " without deal context (dealId, closedAt, amount)");
        }
    }

    private Uni<Boolean> store(String key, String kind, String dealId, String attributionId, Instant closedAt, String payload) {
        return Db.exec("""
                        insert into attribution_event (event_key, event_kind, deal_id, attribution_id, closed_at, payload, received_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7) on conflict (event_key) do nothing""",
                key, kind, dealId, attributionId, closedAt, payload, clock.instant()).map(n -> n == 1);
    }

    // ------------------------------------------------------------------------------------------ pending queues

    private Uni<Void> processOrQueue(String dealId, String partnerId, String eventKey, String kind) {
        return Db.rows("select seq from pending_work where deal_id = ?1 and partner_id = ?2 limit 1", dealId, partnerId)
                .chain(queued -> processOrQueue(dealId, partnerId, eventKey, kind, !queued.isEmpty(), new EventReads(ref, catalog)));
    }

    /**
     * One just-stored event's work for each of its partners, in partner order, with the reads shared (see
     * {@link EventReads}): the queue check, the partners and their tiers take one query each for all partners.
     * Work for one partner writes only that partner's earnings and queue rows, so a later partner's reads are the same
     * as if they had been made just before its turn.
     */
    private Uni<Void> forPartners(String dealId, List<String> partnerIds, Instant closedAt, String eventKey, String kind, Object event) {
        if (partnerIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        EventReads reads = new EventReads(ref, catalog).withEvent(eventKey, event);
        return Db.strings("select distinct partner_id from pending_work where deal_id = ?1 and partner_id in (?2)", dealId, partnerIds)
                .chain(queued -> reads.prefetch(partnerIds, closedAt).chain(() -> forEach(partnerIds,
                        p -> processOrQueue(dealId, p, eventKey, kind, queued.contains(p), reads))));
    }

    private Uni<Void> processOrQueue(String dealId, String partnerId, String eventKey, String kind, boolean queued, EventReads reads) {
        if (queued) {
            return pend(dealId, partnerId, eventKey, kind, Wait.queued());
        }
        return attempt(eventKey, kind, partnerId, reads)
                .chain(wait -> wait == null ? Uni.createFrom().voidItem() : pend(dealId, partnerId, eventKey, kind, wait));
    }

    private Uni<Void> pend(String dealId, String partnerId, String eventKey, String kind, Wait w) {
        return Db.exec("""
                        insert into pending_work (deal_id, partner_id, event_key, event_kind, reason, detail, fx_from, fx_to, fx_date, created_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, cast(?7 as text), cast(?8 as text), cast(?9 as date), ?10)
                        on conflict (event_key, partner_id) do update set reason = excluded.reason, detail = excluded.detail,
                            fx_from = excluded.fx_from, fx_to = excluded.fx_to, fx_date = excluded.fx_date""",
                dealId, partnerId, eventKey, kind, w.reason(), w.detail(), w.fxFrom(), w.fxTo(),
                w.fxDate(), clock.instant()).replaceWithVoid();
    }

    /**
     * Runs the queues waiting for {@code partnerId} (called when partner.registered arrives) when there are at most
     * {@code incentive.pending.release-on-registration} of them — a poll of partner.events is one transaction; more are
     * left to the sweep ({@link PendingPartnerSweep}), which runs them a chunk per transaction.
     */
    public Uni<Void> resolvePartner(String partnerId) {
        return Db.rows("select distinct deal_id, partner_id from pending_work where partner_id = ?1 order by deal_id limit ?2",
                partnerId, releaseOnRegistration + 1).chain(queues -> queues.size() > releaseOnRegistration
                        ? Uni.createFrom().voidItem() : drainAll(queues).replaceWithVoid());
    }

    /** A queue of pending work: one deal's work for one partner. */
    public record Queue(String dealId, String partnerId) {
    }

    /**
     * The sweep of queues whose head can run by now ({@link PendingPartnerSweep}), up to
     * {@code incentive.pending.release-chunk} queues a round, in (deal, partner) order, the order every drain locks
     * queues in. A head can run when it waits for a partner known by now — what a registration left to the sweep, or
     * what a chunk queued while the partner's registration committed beside it (each blind to the other) — or when it
     * is marked {@code queued}: a chunk queued work behind a head that a drain committing beside it then removed.
     * Heads are locked, skipping those another transaction holds (another replica's sweep, a drain); the queues that
     * failed earlier in the run are left out. A round answers how many heads changed (done, or waiting for something
     * else now), so the rounds end.
     */
    public Rounds.Chunked<Queue> runnableQueues() {
        return Rounds.Chunked.of(skip -> Pg.rows("""
                                select w.deal_id, w.partner_id from pending_work w
                                 where (w.reason = 'queued' or (w.reason = 'unknown_partner'
                                        and exists (select 1 from partner p where p.partner_id = w.partner_id)))
                                   and not exists (select 1 from pending_work e
                                                    where e.deal_id = w.deal_id and e.partner_id = w.partner_id and e.seq < w.seq)
                                   and not exists (select 1 from unnest($2::text[], $3::text[]) as s(deal_id, partner_id)
                                                    where s.deal_id = w.deal_id and s.partner_id = w.partner_id)
                                 order by w.deal_id, w.partner_id limit $1 for update of w skip locked""", (long) releaseChunk,
                                skip.stream().map(Queue::dealId).toArray(String[]::new), skip.stream().map(Queue::partnerId).toArray(String[]::new))
                        .map(rows -> rows.stream().map(r -> new Queue(Db.str(r[0]), Db.str(r[1]))).toList()),
                queues -> drainAll(queues.stream().map(q -> new Object[]{q.dealId(), q.partnerId()}).toList()));
    }

    /**
     * Runs every queue whose head waits for a rate that a new from/to rate may complete: the pair itself, its inverse,
     * or a cross through the base currency with either currency as a leg (called when a rate is added).
     */
    public Uni<Void> resolveFx(String from, String to) {
        return Db.rows("""
                        select distinct deal_id, partner_id from pending_work
                        where reason = 'missing_fx' and (fx_from in (?1, ?2) or fx_to in (?1, ?2)) order by deal_id, partner_id""", from, to)
                .chain(queues -> drainAll(queues).replaceWithVoid());
    }

    /** Runs the queues; answers how many heads changed. */
    private Uni<Integer> drainAll(List<Object[]> queues) {
        int[] changed = {0};
        return forEach(queues, q -> drain(Db.str(q[0]), Db.str(q[1])).invoke(c -> changed[0] += c ? 1 : 0).replaceWithVoid())
                .map(v -> changed[0]);
    }

    /**
     * Runs one queue from its head until an item has to wait; answers whether its head changed. Its rows are locked
     * first: a drain of the same queue beside it waits, then sees only what this one left.
     */
    private Uni<Boolean> drain(String dealId, String partnerId) {
        return Db.rows("select seq, event_key, event_kind, reason from pending_work where deal_id = ?1 and partner_id = ?2 order by seq for update",
                        dealId, partnerId)
                .chain(items -> items.isEmpty() ? Uni.createFrom().item(false) : drainFrom(items, 0, partnerId, Db.str(items.get(0)[3])));
    }

    private Uni<Boolean> drainFrom(List<Object[]> items, int i, String partnerId, String headReason) {
        if (i >= items.size()) {
            return Uni.createFrom().item(true);
        }
        Object[] item = items.get(i);
        long seq = ((Number) item[0]).longValue();
        return attempt(Db.str(item[1]), Db.str(item[2]), partnerId).chain(wait -> {
            if (wait == null) {
                return Db.exec("delete from pending_work where seq = ?1", seq).chain(() -> drainFrom(items, i + 1, partnerId, headReason));
            }
            return Db.exec("update pending_work set reason = ?2, detail = ?3, fx_from = cast(?4 as text), fx_to = cast(?5 as text), fx_date = cast(?6 as date) where seq = ?1",
                    seq, wait.reason(), wait.detail(), wait.fxFrom(), wait.fxTo(), wait.fxDate())
                    .replaceWith(i > 0 || !wait.reason().equals(headReason));
        });
    }

    // ------------------------------------------------------------------------------------------ one attempt

    /** Applies one event to one partner; null when done, else why it has to wait. */
    Uni<Wait> attempt(String eventKey, String kind, String partnerId) {
        return attempt(eventKey, kind, partnerId, new EventReads(ref, catalog));
    }

    private Uni<Wait> attempt(String eventKey, String kind, String partnerId, EventReads reads) {
        return reads.event(eventKey, kind)
                .chain(event -> reads.partner(partnerId).chain(partner -> {
                    if (partner == null) {
                        return Uni.createFrom().item(Wait.unknownPartner(partnerId));
                    }
                    return switch (kind) {
                        case ATTRIBUTED -> accrual.accrue((DealAttributed) event, partner, reads);
                        case REVERSED -> reversal.reverse((DealAttributionReversed) event, partner);
                        case REATTRIBUTED -> reattribution.reattribute((DealReattributed) event, partner, reads);
                        case CERTIFICATION -> accrual.reward((RewardCalculator.Certification) event, null, partner, reads);
                        case ACTIVITY -> accrual.reward(null, (RewardCalculator.Activity) event, partner, reads);
                        case CHALLENGE -> accrual.award((ChallengeCompleted) event, partner, reads);
                        default -> throw new IllegalStateException("unknown work kind " + kind);
                    };
                }));
    }

    /** Stores an earning and, only if it is new, its outbox event (see {@link EarningWriter#write}). */
    Uni<Void> write(EarningWriter.Row row, EventType type, Object data) {
        return writer.write(row, type, data);
    }
}
