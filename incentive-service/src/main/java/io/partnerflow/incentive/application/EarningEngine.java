package io.partnerflow.incentive.application;

import io.partnerflow.contracts.EventJson;
import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.Topics;
import io.partnerflow.contracts.attribution.Credit;
import io.partnerflow.contracts.attribution.DealAttributed;
import io.partnerflow.contracts.attribution.DealAttributionReversed;
import io.partnerflow.contracts.attribution.DealContext;
import io.partnerflow.contracts.attribution.DealReattributed;
import io.partnerflow.contracts.incentive.EarningAccrued;
import io.partnerflow.contracts.incentive.EarningAdjusted;
import io.partnerflow.contracts.incentive.EarningReversed;
import io.partnerflow.contracts.incentive.EarningSource;
import io.partnerflow.contracts.incentive.Explanation;
import io.partnerflow.contracts.incentive.FxConversion;
import io.partnerflow.contracts.incentive.ProgramRef;
import io.partnerflow.contracts.incentive.RuleRef;
import io.partnerflow.core.ids.NameBasedIds;
import io.partnerflow.core.money.Money;
import io.partnerflow.incentive.application.ProgramCatalog.ActiveProgram;
import io.partnerflow.incentive.application.ProgramCatalog.ActiveRule;
import io.partnerflow.incentive.config.IncentiveConfig;
import io.partnerflow.incentive.domain.Calculation;
import io.partnerflow.incentive.domain.Clawbacks;
import io.partnerflow.incentive.domain.Facts;
import io.partnerflow.incentive.domain.Outcome;
import io.partnerflow.incentive.domain.PerDealCalculator;
import io.partnerflow.incentive.domain.Periods;
import io.partnerflow.incentive.domain.RewardCalculator;
import io.partnerflow.incentive.domain.RuleSpec;
import io.partnerflow.incentive.domain.Texts;
import io.partnerflow.platform.messaging.PoisonMessageException;
import io.partnerflow.platform.outbox.OutboxEvent;
import io.partnerflow.platform.outbox.OutboxWriter;
import io.partnerflow.platform.persistence.Db;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Attribution events → earnings. Runs inside the consumer's (or the REST call's) transaction.
 * <p>
 * Work is done per (event, partner). When the partner is unknown or an FX rate is missing, the work waits in
 * {@code pending_work} (visible over REST) and everything later for the same deal and partner queues behind it,
 * so one partner's earnings on one deal are applied in order; {@link #resolvePartner} / {@link #resolveFx} run
 * the queues when the data arrives. Earning ids are name-based, inserts are {@code on conflict do nothing} and
 * the outbox row is written only for a new earning: redelivery and recomputation never duplicate.
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
    static final java.util.UUID CHALLENGES_PROGRAM = NameBasedIds.of("incentive.program", "analytics-challenges");

    private final OutboxWriter outbox;
    private final ProgramCatalog catalog;
    private final Reference ref;
    private final IncentiveConfig config;
    private final Clock clock;

    public EarningEngine(OutboxWriter outbox, ProgramCatalog catalog, Reference ref, IncentiveConfig config, Clock clock) {
        this.outbox = outbox;
        this.catalog = catalog;
        this.ref = ref;
        this.config = config;
        this.clock = clock;
    }

    /** Why work could not complete yet; null fields for FX when it is not about FX. */
    record Wait(String reason, String detail, String fxFrom, String fxTo, LocalDate fxDate) {
        static Wait unknownPartner(String partnerId) {
            return new Wait("unknown_partner", "partner " + partnerId + " is not known yet (waiting for partner.registered)", null, null, null);
        }

        static Wait fx(Outcome.MissingFx m) {
            return new Wait("missing_fx", m.describe(), m.from(), m.to(), m.date());
        }
    }

    // ------------------------------------------------------------------------------------------ inbound

    public Uni<Void> onAttributed(DealAttributed a) {
        requireDeal(a.deal(), a.attributionId());
        return store(a.attributionId(), ATTRIBUTED, a.dealId(), a.attributionId(), a.deal().closedAt(), EventJson.writeString(a))
                .chain(isNew -> !isNew ? Uni.createFrom().voidItem()
                        : CompactCredits.replace(a.deal(), a.credits()).chain(() -> forPartners(a.dealId(),
                        a.credits().stream().map(Credit::partnerId).distinct().sorted().toList(), a.deal().closedAt(),
                        a.attributionId(), ATTRIBUTED, a)));
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
    public Uni<Void> onCertification(io.partnerflow.contracts.partner.PartnerCertificationCompleted c) {
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
    public Uni<Void> onChallengeCompleted(io.partnerflow.contracts.analytics.ChallengeCompleted c) {
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

    private static void requireDeal(DealContext d, String id) {
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
            return pend(dealId, partnerId, eventKey, kind,
                    new Wait("queued", "waiting behind earlier pending work for this deal and partner", null, null, null));
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

    /** Runs every queue waiting for {@code partnerId} (called when partner.registered arrives). */
    public Uni<Void> resolvePartner(String partnerId) {
        return Db.rows("select distinct deal_id, partner_id from pending_work where partner_id = ?1", partnerId)
                .chain(this::drainAll);
    }

    /** Runs every queue whose head waits for a from/to rate (called when a rate is added). */
    public Uni<Void> resolveFx(String from, String to) {
        return Db.rows("select distinct deal_id, partner_id from pending_work where reason = 'missing_fx' and fx_from = ?1 and fx_to = ?2", from, to)
                .chain(this::drainAll);
    }

    private Uni<Void> drainAll(List<Object[]> queues) {
        return forEach(queues, q -> drain(Db.str(q[0]), Db.str(q[1])));
    }

    private Uni<Void> drain(String dealId, String partnerId) {
        return Db.rows("select seq, event_key, event_kind from pending_work where deal_id = ?1 and partner_id = ?2 order by seq", dealId, partnerId)
                .chain(items -> drainFrom(items, 0, dealId, partnerId));
    }

    private Uni<Void> drainFrom(List<Object[]> items, int i, String dealId, String partnerId) {
        if (i >= items.size()) {
            return Uni.createFrom().voidItem();
        }
        Object[] item = items.get(i);
        long seq = ((Number) item[0]).longValue();
        return attempt(Db.str(item[1]), Db.str(item[2]), partnerId).chain(wait -> {
            if (wait == null) {
                return Db.exec("delete from pending_work where seq = ?1", seq).chain(() -> drainFrom(items, i + 1, dealId, partnerId));
            }
            return Db.exec("update pending_work set reason = ?2, detail = ?3, fx_from = cast(?4 as text), fx_to = cast(?5 as text), fx_date = cast(?6 as date) where seq = ?1",
                    seq, wait.reason(), wait.detail(), wait.fxFrom(), wait.fxTo(), wait.fxDate()).replaceWithVoid();
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
                        case ATTRIBUTED -> accrue((DealAttributed) event, partner, reads);
                        case REVERSED -> reverse((DealAttributionReversed) event, partner);
                        case REATTRIBUTED -> reattribute((DealReattributed) event, partner, reads);
                        case CERTIFICATION -> reward((RewardCalculator.Certification) event, null, partner, reads);
                        case ACTIVITY -> reward(null, (RewardCalculator.Activity) event, partner, reads);
                        case CHALLENGE -> award((io.partnerflow.contracts.analytics.ChallengeCompleted) event, partner, reads);
                        default -> throw new IllegalStateException("unknown work kind " + kind);
                    };
                }));
    }

    /** Everything a per-deal computation needs, loaded once. */
    record Context(Facts.Tier tier, Facts.FxTable fx, List<ActiveProgram> programs, Set<String> closed) {
    }

    private Uni<Context> context(String partnerId, Instant closedAt, EventReads reads) {
        LocalDate closeDate = closedAt.atZone(config.periodZone()).toLocalDate();
        return reads.tierAsOf(partnerId, closedAt)
                .chain(tier -> reads.fxTable(closeDate)
                        .chain(fx -> reads.programs()
                                .chain(all -> reads.closedPeriods()
                                        .map(closed -> new Context(tier, fx, ProgramCatalog.inForce(all, closedAt), closed)))));
    }

    /** A rule that produced an outcome on a credit. */
    record Applied(ActiveProgram program, ActiveRule rule, Outcome outcome) {
        PerDealCalculator.RuleId id() {
            return new PerDealCalculator.RuleId(program.programId().toString(), program.name(), rule.ruleId().toString(),
                    rule.version(), rule.spec().name());
        }
    }

    /**
     * Per-deal rules of the programs in force applied to a credit, highest priority first; inside an exclusivity
     * group only the first program with an eligible rule pays.
     */
    List<Applied> evaluate(Context ctx, Facts.CreditOnDeal credit, Facts.Partner partner) {
        List<Applied> out = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (ActiveProgram p : ctx.programs()) {
            if (p.exclusivityGroup() != null && taken.contains(p.exclusivityGroup())) {
                continue;
            }
            boolean any = false;
            for (ActiveRule r : p.rules()) {
                if (!r.spec().kind().perDeal()) {
                    continue;
                }
                Applied a = new Applied(p, r, null);
                Outcome o = PerDealCalculator.apply(a.id(), r.spec(), credit, partner, ctx.tier(), ctx.fx(), config.periodZone());
                if (o instanceof Outcome.Earned || o instanceof Outcome.MissingFx) {
                    out.add(new Applied(p, r, o));
                    any = true;
                }
            }
            if (any && p.exclusivityGroup() != null) {
                taken.add(p.exclusivityGroup());
            }
        }
        return out;
    }

    private static Optional<Wait> firstMissing(List<Applied> applied) {
        return applied.stream().map(Applied::outcome).filter(o -> o instanceof Outcome.MissingFx)
                .map(o -> Wait.fx((Outcome.MissingFx) o)).findFirst();
    }

    // ------------------------------------------------------------------------------------------ accrual

    private Uni<Wait> accrue(DealAttributed a, Facts.Partner partner, EventReads reads) {
        Credit credit = a.credits().stream().filter(c -> c.partnerId().equals(partner.partnerId())).findFirst().orElse(null);
        if (credit == null) {
            return Uni.createFrom().nullItem();
        }
        Facts.CreditOnDeal c = new Facts.CreditOnDeal(a.attributionId(), a.deal(), a.model() == null ? null : a.model().kind(), credit);
        return context(partner.partnerId(), a.deal().closedAt(), reads).chain(ctx -> {
            List<Applied> applied = evaluate(ctx, c, partner);
            Optional<Wait> missing = firstMissing(applied);
            if (missing.isPresent()) {
                return Uni.createFrom().item(missing.get());
            }
            String booking = Periods.bookingMonth(a.deal().closedAt(), config.periodZone(), ctx.closed());
            return forEach(applied, ap -> {
                Calculation calc = ((Outcome.Earned) ap.outcome()).calculation();
                UUID id = NameBasedIds.of("incentive." + calc.kind().wire(), a.attributionId(), ap.rule().ruleId(),
                        ap.rule().version(), partner.partnerId());
                EarningAccrued e = new EarningAccrued(id.toString(), partner.partnerId(), programRef(ap.program()),
                        ruleRef(ap.rule()), calc.kind().wire(), calc.payout(), calc.original(), fx(calc), dealSource(a.deal(), a.attributionId(), null),
                        booking, clock.instant(), calc.explanation());
                return write(new Row(id, "accrued", partner.partnerId(), calc.kind().wire(), ap.program().programId(), ap.rule().ruleId(),
                        ap.rule().version(), a.dealId(), a.attributionId(), a.attributionId(), calc.payout(), calc.original(), calc.fx(),
                        booking, null, Basis.of(calc)), EventType.EARNING_ACCRUED, e);
            }).replaceWith((Wait) null);
        });
    }

    // ------------------------------------------------------------------------------------------ rewards

    /** Training (cert != null) or activity (activity != null) rewards of the programs in force at the time. */
    private Uni<Wait> reward(RewardCalculator.Certification cert, RewardCalculator.Activity activity, Facts.Partner partner, EventReads reads) {
        Instant at = cert != null ? cert.completedAt() : activity.occurredAt();
        io.partnerflow.incentive.domain.RuleKind kind = cert != null ? io.partnerflow.incentive.domain.RuleKind.TRAINING_REWARD
                : io.partnerflow.incentive.domain.RuleKind.ACTIVITY_REWARD;
        return context(partner.partnerId(), at, reads).chain(ctx -> {
            List<Applied> applied = new ArrayList<>();
            Set<String> taken = new HashSet<>();
            for (ActiveProgram p : ctx.programs()) {
                if (p.exclusivityGroup() != null && taken.contains(p.exclusivityGroup())) {
                    continue;
                }
                for (ActiveRule r : p.rulesOf(kind)) {
                    PerDealCalculator.RuleId rid = new Applied(p, r, null).id();
                    Outcome o = cert != null
                            ? RewardCalculator.training(rid, r.spec(), cert, partner, ctx.tier(), ctx.fx(), config.periodZone())
                            : RewardCalculator.activity(rid, r.spec(), activity, partner, ctx.tier(), ctx.fx(), config.periodZone());
                    if (o instanceof Outcome.Earned || o instanceof Outcome.MissingFx) {
                        applied.add(new Applied(p, r, o));
                        if (p.exclusivityGroup() != null) {
                            taken.add(p.exclusivityGroup());
                        }
                    }
                }
            }
            Optional<Wait> missing = firstMissing(applied);
            if (missing.isPresent()) {
                return Uni.createFrom().item(missing.get());
            }
            String booking = Periods.bookingMonth(at, config.periodZone(), ctx.closed());
            return forEach(applied, ap -> {
                Calculation calc = ((Outcome.Earned) ap.outcome()).calculation();
                UUID id = cert != null
                        ? NameBasedIds.of("incentive.training_reward", ap.rule().ruleId(), cert.personId(), cert.code())
                        : NameBasedIds.of("incentive.activity_reward", ap.rule().ruleId(), activity.activityId());
                EarningSource source = cert != null
                        ? new EarningSource("certification", null, null, null, null, null, null, null, null, null,
                        cert.certificationId(), cert.personId(), null)
                        : EarningSource.activity(activity.activityId());
                EarningAccrued e = new EarningAccrued(id.toString(), partner.partnerId(), programRef(ap.program()), ruleRef(ap.rule()),
                        calc.kind().wire(), calc.payout(), calc.original(), fx(calc), source, booking, clock.instant(), calc.explanation());
                String sourceKey = cert != null ? cert.certificationId() : activity.activityId();
                return write(new Row(id, "accrued", partner.partnerId(), calc.kind().wire(), ap.program().programId(), ap.rule().ruleId(),
                        ap.rule().version(), null, null, sourceKey, calc.payout(), calc.original(), calc.fx(), booking, null, null),
                        EventType.EARNING_ACCRUED, e);
            }).replaceWith((Wait) null);
        });
    }

    // ------------------------------------------------------------------------------------------ challenge awards

    private Uni<Wait> award(io.partnerflow.contracts.analytics.ChallengeCompleted c, Facts.Partner partner, EventReads reads) {
        return context(partner.partnerId(), c.completedAt(), reads).chain(ctx -> {
            Outcome o = RewardCalculator.challenge(c, partner, ctx.fx(), config.periodZone());
            if (o instanceof Outcome.MissingFx m) {
                return Uni.createFrom().item(Wait.fx(m));
            }
            Calculation calc = ((Outcome.Earned) o).calculation();
            String booking = Periods.bookingMonth(c.completedAt(), config.periodZone(), ctx.closed());
            UUID id = NameBasedIds.of("incentive.challenge_award", c.challengeId(), c.partnerId());
            UUID ruleId = UUID.fromString(c.challengeId());
            EarningAccrued e = new EarningAccrued(id.toString(), partner.partnerId(),
                    new ProgramRef(CHALLENGES_PROGRAM.toString(), "analytics-challenges", "Analytics challenges"),
                    new RuleRef(ruleId.toString(), 1, c.challengeName()), calc.kind().wire(), calc.payout(), calc.original(), fx(calc),
                    EarningSource.challenge(c.challengeId()), booking, clock.instant(), calc.explanation());
            return write(new Row(id, "accrued", partner.partnerId(), calc.kind().wire(), CHALLENGES_PROGRAM, ruleId, 1, null, null,
                    c.challengeId(), calc.payout(), calc.original(), calc.fx(), booking, null, null), EventType.EARNING_ACCRUED, e)
                    .replaceWith((Wait) null);
        });
    }

    // ------------------------------------------------------------------------------------------ reversals

    private Uni<Wait> reverse(DealAttributionReversed r, Facts.Partner partner) {
        Credit delta = r.credits().stream().filter(c -> c.partnerId().equals(partner.partnerId())).findFirst().orElse(null);
        if (delta == null) {
            return Uni.createFrom().nullItem();
        }
        if ("correction".equals(r.kind())) {
            return correct(r, delta, partner);
        }
        Instant closedAt = r.deal().closedAt();
        Instant windowEnd = closedAt.plus(config.clawbackWindow());
        if (r.reversedAt() != null && r.reversedAt().isAfter(windowEnd)) {
            return record(r, partner, "outside_window", r.kind() + " on " + r.reversedAt() + " is after the clawback window ("
                    + config.clawbackWindow() + " from the close " + closedAt + "): recorded, nothing clawed back");
        }
        return calcEarnings(r.attributionId(), partner.partnerId()).chain(originals -> {
            if (originals.isEmpty()) {
                return record(r, partner, "nothing_earned", "no earning on attribution " + r.attributionId() + " to claw back");
            }
            Map<Integer, BigDecimal> current = new TreeMap<>();
            delta.lines().forEach(l -> current.merge(l.lineNumber(), l.amount().amount().abs(), BigDecimal::add));
            return ref.closedPeriods().chain(closed -> {
                String booking = Periods.bookingMonth(r.reversedAt() == null ? clock.instant() : r.reversedAt(), config.periodZone(), closed);
                return forEach(originals, o -> clawback(r, partner, delta, o, current, booking));
            }).replaceWith((Wait) null);
        });
    }

    private Uni<Wait> record(DealAttributionReversed r, Facts.Partner partner, String outcome, String detail) {
        return Db.exec("""
                        insert into reversal_record (reversal_id, partner_id, deal_id, kind, outcome, detail, recorded_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7) on conflict do nothing""",
                r.reversalId(), partner.partnerId(), r.dealId(), r.kind(), outcome, detail, clock.instant()).replaceWith((Wait) null);
    }

    /** A stored earning that carries a calculation basis (accruals; re-attribution adjustments and carried bases). */
    record Stored(UUID earningId, String kind, UUID programId, UUID ruleId, int ruleVersion, Money payout, Money original,
                  Basis basis, String payload, String eventType, UUID related) {
        /** The published earning a clawback of this one names (a carried basis names the accrual it carries). */
        UUID published() {
            return "carried".equals(eventType) && related != null ? related : earningId;
        }
    }

    private Uni<List<Stored>> calcEarnings(String attributionId, String partnerId) {
        return Db.rows("""
                        select earning_id, kind, program_id, rule_id, rule_version, amount, currency, original_amount, original_currency,
                               basis, payload, event_type, related_earning_id
                        from earning where attribution_id = ?1 and partner_id = ?2 and basis is not null and event_type <> 'reversed'
                        order by rule_id""", attributionId, partnerId)
                .map(rows -> rows.stream().map(EarningEngine::stored).toList());
    }

    private static Stored stored(Object[] x) {
        return new Stored((UUID) x[0], Db.str(x[1]), (UUID) x[2], (UUID) x[3], ((Number) x[4]).intValue(),
                Money.of(Db.decimal(x[5]).setScale(Money.scaleOf(Money.currencyOf(Db.str(x[6])))), Db.str(x[6])),
                Money.of(Db.decimal(x[7]).setScale(Money.scaleOf(Money.currencyOf(Db.str(x[8])))), Db.str(x[8])),
                EventJson.readString(Db.str(x[9]), Basis.class), Db.str(x[10]), Db.str(x[11]), (UUID) x[12]);
    }

    private Uni<Void> clawback(DealAttributionReversed r, Facts.Partner partner, Credit delta, Stored o,
                               Map<Integer, BigDecimal> current, String booking) {
        return Db.rows("select amount, original_amount, basis from earning where related_earning_id = ?1 and event_type = 'reversed'", o.earningId())
                .chain(prior -> {
                    Map<Integer, BigDecimal> cumulative = new TreeMap<>(current);
                    BigDecimal priorPayout = BigDecimal.ZERO;
                    BigDecimal priorOriginal = BigDecimal.ZERO;
                    for (Object[] p : prior) {
                        priorPayout = priorPayout.add(Db.decimal(p[0]));
                        priorOriginal = priorOriginal.add(Db.decimal(p[1]));
                        EventJson.readString(Db.str(p[2]), Basis.class).reversedLines()
                                .forEach((line, amt) -> cumulative.merge(line, amt, BigDecimal::add));
                    }
                    Basis b = o.basis();
                    BigDecimal exact = Clawbacks.exactTarget(b.buckets(), cumulative);
                    Money targetOriginal = PerDealCalculator.round(exact, b.originalCurrency());
                    BigDecimal exactPayout = b.fxRate() == null ? exact : exact.multiply(b.fxRate());
                    Money targetPayout = PerDealCalculator.round(exactPayout, b.payoutCurrency());
                    Money clawOriginal = targetOriginal.negate().minus(Money.of(priorOriginal.setScale(targetOriginal.amount().scale()), b.originalCurrency()));
                    Money clawPayout = targetPayout.negate().minus(Money.of(priorPayout.setScale(targetPayout.amount().scale()), b.payoutCurrency()));
                    if (clawPayout.isZero() && clawOriginal.isZero()) {
                        return Uni.createFrom().voidItem();
                    }
                    UUID id = NameBasedIds.of("incentive.clawback", o.earningId(), r.reversalId());
                    BigDecimal reversedNow = current.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
                    String dealCcy = r.deal().amount().currencyCode();
                    String sentence = "Clawback of " + Texts.money(clawPayout.abs()) + ": a " + r.kind() + " of "
                            + Texts.money(reversedNow, dealCcy) + " of your credited amount on deal " + r.deal().name()
                            + ", within the " + config.clawbackWindow().toDays() + "-day clawback window (reverses your "
                            + o.kind().replace('_', ' ') + " of " + Texts.money(o.payout()) + ")";
                    List<Explanation.Input> inputs = new ArrayList<>();
                    inputs.add(new Explanation.Input("reversed_credit", reversedNow.toPlainString(), dealCcy,
                            "attribution-reversal:" + r.reversalId() + "/credit:" + partner.partnerId()));
                    cumulative.forEach((line, amt) -> inputs.add(new Explanation.Input("cumulative_reversed_line_" + line,
                            amt.toPlainString(), dealCcy, "attribution:" + r.attributionId())));
                    inputs.add(new Explanation.Input("original_earning", o.payout().amountString(), o.payout().currencyCode(), "earning:" + o.earningId()));
                    inputs.add(new Explanation.Input("original_exact", b.exactOriginal().toPlainString(), b.originalCurrency(), "earning:" + o.earningId()));
                    if (b.fxRate() != null) {
                        inputs.add(new Explanation.Input("fx_rate", b.fxRate().toPlainString(), "ratio",
                                "fx:" + b.originalCurrency() + "/" + b.payoutCurrency() + "@" + b.fxDate() + " (the original earning's rate)"));
                    }
                    inputs.add(new Explanation.Input("clawback_window", config.clawbackWindow().toString(), null,
                            "closed " + r.deal().closedAt() + ", reversed " + r.reversedAt()));
                    List<Explanation.Step> steps = List.of(
                            new Explanation.Step("earning's share of everything reversed so far (per line: contribution x reversed / credited)",
                                    "sum(contribution x reversed / credited)", exact.toPlainString(), b.originalCurrency()),
                            new Explanation.Step("in payout currency", exact.toPlainString() + (b.fxRate() == null ? "" : " x " + b.fxRate().toPlainString()),
                                    exactPayout.toPlainString(), b.payoutCurrency()),
                            new Explanation.Step("rounded HALF_EVEN once", "round(" + exactPayout.toPlainString() + ")", targetPayout.amountString(), b.payoutCurrency()),
                            new Explanation.Step("minus what earlier clawbacks took", "-" + targetPayout.amountString() + " - (" + priorPayout.toPlainString() + ")",
                                    clawPayout.amountString(), b.payoutCurrency()));
                    Explanation ex = new Explanation(sentence, "-(round(earning_exact x cumulative reversed share x fx_rate)) - earlier clawbacks",
                            inputs, steps, clawPayout);
                    EarningAccrued orig = EventJson.readString(o.payload(), EarningAccrued.class);
                    EarningReversed e = new EarningReversed(id.toString(), o.published().toString(), partner.partnerId(), orig.program(),
                            orig.rule(), o.kind(), r.kind(), r.reason(), clawPayout, clawOriginal, fxOf(b),
                            dealSource(r.deal(), r.attributionId(), r.reversalId()), booking, clock.instant(), ex);
                    return write(new Row(id, "reversed", partner.partnerId(), o.kind(), o.programId(), o.ruleId(), o.ruleVersion(),
                            r.dealId(), r.attributionId(), r.reversalId(), clawPayout, clawOriginal, fxRate(b), booking, o.earningId(),
                            Basis.reversed(current)), EventType.EARNING_REVERSED, e);
                });
    }

    /** A correction: exact deltas, always (no window) — recomputed on the corrected credit, minus the previous figure. */
    private Uni<Wait> correct(DealAttributionReversed r, Credit delta, Facts.Partner partner) {
        return calcEarnings(r.attributionId(), partner.partnerId()).chain(originals -> originals.isEmpty()
                ? record(r, partner, "nothing_earned", "no earning on attribution " + r.attributionId() + " to correct")
                : Db.rows("select event_key, payload, event_kind from attribution_event where attribution_id = ?1 order by received_at, event_key",
                        r.attributionId()).chain(events -> {
                    Credit base = null;
                    String modelKind = null;
                    List<Credit> earlierCorrections = new ArrayList<>();
                    for (Object[] ev : events) {
                        String k = Db.str(ev[2]);
                        if (ATTRIBUTED.equals(k)) {
                            DealAttributed a = EventJson.readString(Db.str(ev[1]), DealAttributed.class);
                            base = a.credits().stream().filter(c -> c.partnerId().equals(partner.partnerId())).findFirst().orElse(null);
                            modelKind = a.model() == null ? null : a.model().kind();
                        } else if (REATTRIBUTED.equals(k)) {
                            DealReattributed a = EventJson.readString(Db.str(ev[1]), DealReattributed.class);
                            base = a.credits().stream().filter(c -> c.partnerId().equals(partner.partnerId())).findFirst().orElse(null);
                            modelKind = a.model() == null ? null : a.model().kind();
                        } else if (REVERSED.equals(k) && !Db.str(ev[0]).equals(r.reversalId())) {
                            DealAttributionReversed x = EventJson.readString(Db.str(ev[1]), DealAttributionReversed.class);
                            if ("correction".equals(x.kind())) {
                                x.credits().stream().filter(c -> c.partnerId().equals(partner.partnerId())).findFirst().ifPresent(earlierCorrections::add);
                            }
                        }
                    }
                    if (base == null) {
                        return record(r, partner, "nothing_earned", "no credit of the partner on attribution " + r.attributionId());
                    }
                    Credit before = plus(base, earlierCorrections);
                    List<Credit> all = new ArrayList<>(earlierCorrections);
                    all.add(delta);
                    Credit after = plus(base, all);
                    String mk = modelKind;
                    return ref.tierAsOf(partner.partnerId(), r.deal().closedAt()).chain(tier -> catalog.all().chain(programs -> ref.closedPeriods().chain(closed -> {
                        String booking = Periods.bookingMonth(r.reversedAt() == null ? clock.instant() : r.reversedAt(), config.periodZone(), closed);
                        return forEach(originals, o -> {
                            Optional<ActiveRule> rule = programs.stream().flatMap(p -> p.rules().stream())
                                    .filter(x -> x.ruleId().equals(o.ruleId()) && x.version() == o.ruleVersion()).findFirst();
                            if (rule.isEmpty() || o.basis().exactOriginal() == null) {
                                return Uni.createFrom().voidItem();
                            }
                            ActiveProgram program = programs.stream().filter(p -> p.programId().equals(o.programId())).findFirst().orElseThrow();
                            Facts.FxTable sameRate = (from, to, d) -> o.basis().fxRate() == null ? Optional.empty()
                                    : Optional.of(new Facts.FxRate(from, to, o.basis().fxRate(), o.basis().fxDate()));
                            PerDealCalculator.RuleId rid = new Applied(program, rule.get(), null).id();
                            Money prev = figure(PerDealCalculator.apply(rid, rule.get().spec(),
                                    new Facts.CreditOnDeal(r.attributionId(), r.deal(), mk, before), partner, tier, sameRate, config.periodZone()), o);
                            Outcome now = PerDealCalculator.apply(rid, rule.get().spec(),
                                    new Facts.CreditOnDeal(r.attributionId(), r.deal(), mk, after), partner, tier, sameRate, config.periodZone());
                            Money next = figure(now, o);
                            Money deltaPayout = next.minus(prev);
                            if (deltaPayout.isZero()) {
                                return Uni.createFrom().voidItem();
                            }
                            Money prevOrig = figureOriginal(PerDealCalculator.apply(rid, rule.get().spec(),
                                    new Facts.CreditOnDeal(r.attributionId(), r.deal(), mk, before), partner, tier, sameRate, config.periodZone()), o);
                            Money deltaOrig = figureOriginal(now, o).minus(prevOrig);
                            UUID id = NameBasedIds.of("incentive.correction", o.earningId(), r.reversalId());
                            String sentence = "Correction of deal " + r.deal().name() + " changed your credited amount by "
                                    + Texts.money(delta.amount()) + ": your " + o.kind().replace('_', ' ') + " is now "
                                    + Texts.money(next) + " (was " + Texts.money(prev) + "), an adjustment of " + Texts.money(deltaPayout);
                            List<Explanation.Input> inputs = new ArrayList<>();
                            inputs.add(new Explanation.Input("previous_figure", prev.amountString(), prev.currencyCode(), "earning:" + o.earningId()));
                            inputs.add(new Explanation.Input("corrected_figure", next.amountString(), next.currencyCode(),
                                    "attribution-reversal:" + r.reversalId()));
                            inputs.add(new Explanation.Input("credit_delta", delta.amount().amountString(), delta.amount().currencyCode(),
                                    "attribution-reversal:" + r.reversalId() + "/credit:" + partner.partnerId()));
                            if (now instanceof Outcome.Earned earned) {
                                inputs.addAll(earned.calculation().explanation().inputs());
                            }
                            Explanation ex = new Explanation(sentence, "recomputed figure on the corrected credit - previous figure (same rule version, tier and rate)",
                                    inputs, List.of(new Explanation.Step("delta", next.amountString() + " - " + prev.amountString(),
                                    deltaPayout.amountString(), deltaPayout.currencyCode())), deltaPayout);
                            EarningAccrued orig = EventJson.readString(o.payload(), EarningAccrued.class);
                            EarningAdjusted e = new EarningAdjusted(id.toString(), o.published().toString(), partner.partnerId(), orig.program(),
                                    orig.rule(), o.kind(), "correction", r.reason(), deltaPayout, deltaOrig, fxOf(o.basis()),
                                    dealSource(r.deal(), r.attributionId(), r.reversalId()), null, booking, clock.instant(), ex);
                            return write(new Row(id, "adjusted", partner.partnerId(), o.kind(), o.programId(), o.ruleId(), o.ruleVersion(),
                                    r.dealId(), r.attributionId(), r.reversalId(), deltaPayout, deltaOrig, fxRate(o.basis()), booking,
                                    o.earningId(), null), EventType.EARNING_ADJUSTED, e);
                        });
                    })));
                }).replaceWith((Wait) null));
    }

    private static Money figure(Outcome o, Stored s) {
        return o instanceof Outcome.Earned e ? e.calculation().payout() : Money.zero(s.payout().currencyCode());
    }

    private static Money figureOriginal(Outcome o, Stored s) {
        return o instanceof Outcome.Earned e ? e.calculation().original() : Money.zero(s.original().currencyCode());
    }

    /** The credit plus signed deltas, per line (lines keep their SKU/category). */
    static Credit plus(Credit base, List<Credit> deltas) {
        Map<Integer, Credit.LineCredit> lines = new TreeMap<>();
        base.lines().forEach(l -> lines.put(l.lineNumber(), l));
        Money total = base.amount();
        for (Credit d : deltas) {
            total = total.plus(d.amount());
            for (Credit.LineCredit l : d.lines()) {
                Credit.LineCredit was = lines.get(l.lineNumber());
                lines.put(l.lineNumber(), was == null ? l
                        : new Credit.LineCredit(l.lineNumber(), was.sku(), was.category(), was.amount().plus(l.amount())));
            }
        }
        return new Credit(base.partnerId(), base.weight(), total, base.role(), base.touchTypes(), base.touchpointIds(),
                base.touches(), List.copyOf(lines.values()));
    }

    // ------------------------------------------------------------------------------------------ re-attribution

    private Uni<Wait> reattribute(DealReattributed r, Facts.Partner partner, EventReads reads) {
        Credit credit = r.credits().stream().filter(c -> c.partnerId().equals(partner.partnerId())).findFirst().orElse(null);
        return context(partner.partnerId(), r.deal().closedAt(), reads).chain(ctx -> {
            List<Applied> applied = credit == null ? List.of()
                    : evaluate(ctx, new Facts.CreditOnDeal(r.attributionId(), r.deal(), r.model() == null ? null : r.model().kind(), credit), partner);
            Optional<Wait> missing = firstMissing(applied);
            if (missing.isPresent()) {
                return Uni.createFrom().item(missing.get());
            }
            return Db.rows("""
                            select rule_id, program_id, kind, currency, sum(amount), original_currency, sum(original_amount),
                                   max(rule_version), min(case when event_type = 'accrued' then earning_id::text end)
                            from earning where deal_id = ?1 and partner_id = ?2 and event_type <> 'carried'
                            group by rule_id, program_id, kind, currency, original_currency""", r.dealId(), partner.partnerId())
                    .chain(rows -> {
                        Map<UUID, Object[]> net = new LinkedHashMap<>();
                        rows.forEach(x -> net.put((UUID) x[0], x));
                        Map<UUID, Applied> next = new LinkedHashMap<>();
                        applied.forEach(a -> next.put(a.rule().ruleId(), a));
                        LinkedHashSet<UUID> rules = new LinkedHashSet<>(net.keySet());
                        rules.addAll(next.keySet());
                        String booking = Periods.bookingMonth(r.attributedAt() == null ? clock.instant() : r.attributedAt(), config.periodZone(), ctx.closed());
                        return forEach(List.copyOf(rules), ruleId -> adjustForReattribution(r, partner, ruleId, net.get(ruleId), next.get(ruleId), ctx, booking));
                    }).replaceWith((Wait) null);
        });
    }

    private Uni<Void> adjustForReattribution(DealReattributed r, Facts.Partner partner, UUID ruleId, Object[] net, Applied next,
                                             Context ctx, String booking) {
        Calculation calc = next == null ? null : ((Outcome.Earned) next.outcome()).calculation();
        String payoutCcy = calc != null ? calc.payout().currencyCode() : Db.str(net[3]);
        String origCcy = calc != null ? calc.original().currencyCode() : Db.str(net[5]);
        Money netPayout = net == null ? Money.zero(payoutCcy) : money(Db.decimal(net[4]), payoutCcy);
        Money netOrig = net == null ? Money.zero(origCcy) : money(Db.decimal(net[6]), origCcy);
        Money newPayout = calc == null ? Money.zero(payoutCcy) : calc.payout();
        Money newOrig = calc == null ? Money.zero(origCcy) : calc.original();
        Money delta = newPayout.minus(netPayout);
        Money deltaOrig = newOrig.minus(netOrig);
        String kind = calc != null ? calc.kind().wire() : Db.str(net[2]);
        UUID programId = next != null ? next.program().programId() : (UUID) net[1];
        ActiveProgram program = next != null ? next.program()
                : catalogProgram(ctx, programId);
        int ruleVersion = next != null ? next.rule().version() : ((Number) net[7]).intValue();
        String ruleName = next != null ? next.rule().spec().name() : kind;
        UUID adjusts = net == null || net[8] == null ? null : UUID.fromString(Db.str(net[8]));
        if (delta.isZero() && deltaOrig.isZero()) {
            if (calc == null) {
                return Uni.createFrom().voidItem();
            }
            // nothing to pay, but later clawbacks on the new attribution need its basis: carried, never published
            UUID id = NameBasedIds.of("incentive.carried", r.attributionId(), ruleId, partner.partnerId());
            return Db.exec("""
                            insert into earning (earning_id, event_type, partner_id, kind, program_id, rule_id, rule_version, deal_id, attribution_id,
                                source_key, amount, currency, original_amount, original_currency, booking_period, related_earning_id, basis, payload, created_at)
                            values (?1, 'carried', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, 0, ?9, 0, ?10, ?11, cast(?12 as uuid), ?13, ?14, ?15)
                            on conflict do nothing""",
                    id, partner.partnerId(), kind, programId, ruleId, ruleVersion, r.dealId(), r.attributionId(), payoutCcy, origCcy,
                    booking, adjusts, EventJson.writeString(Basis.of(calc)),
                    EventJson.writeString(accruedFor(r, partner, next, calc, booking)), clock.instant()).replaceWithVoid();
        }
        UUID id = NameBasedIds.of("incentive.reattribution", r.attributionId(), ruleId, partner.partnerId());
        String sentence = "Re-attribution of deal " + r.deal().name() + (r.reason() == null ? "" : " (" + r.reason() + ")") + ": your "
                + kind.replace('_', ' ') + " is now " + Texts.money(newPayout) + " (was " + Texts.money(netPayout) + "), an adjustment of "
                + Texts.money(delta);
        List<Explanation.Input> inputs = new ArrayList<>();
        inputs.add(new Explanation.Input("previous_net", netPayout.amountString(), payoutCcy, "attribution:" + r.supersedesAttributionId()));
        inputs.add(new Explanation.Input("new_figure", newPayout.amountString(), payoutCcy, "attribution:" + r.attributionId()));
        if (calc != null) {
            inputs.addAll(calc.explanation().inputs());
        }
        List<Explanation.Step> steps = new ArrayList<>();
        if (calc != null) {
            steps.addAll(calc.explanation().steps());
        }
        steps.add(new Explanation.Step("delta against what the superseded attribution earned", newPayout.amountString() + " - " + netPayout.amountString(),
                delta.amountString(), payoutCcy));
        Explanation ex = new Explanation(sentence, "figure under the new attribution - net earned under the superseded one", inputs, steps, delta);
        EarningAdjusted e = new EarningAdjusted(id.toString(), adjusts == null ? null : adjusts.toString(), partner.partnerId(),
                program == null ? new ProgramRef(programId.toString(), null, "program " + programId) : programRef(program),
                new RuleRef(ruleId.toString(), ruleVersion, ruleName), kind, "reattribution", r.reason(), delta, deltaOrig,
                calc == null ? null : fx(calc), dealSource(r.deal(), r.attributionId(), null), r.runId() == null ? null : safeUuid(r.runId()),
                booking, clock.instant(), ex);
        return write(new Row(id, "adjusted", partner.partnerId(), kind, programId, ruleId, ruleVersion, r.dealId(), r.attributionId(),
                r.attributionId(), delta, deltaOrig, calc == null ? null : calc.fx(), booking, adjusts,
                calc == null ? null : Basis.of(calc)), EventType.EARNING_ADJUSTED, e);
    }

    private EarningAccrued accruedFor(DealReattributed r, Facts.Partner partner, Applied next, Calculation calc, String booking) {
        return new EarningAccrued(UUID.randomUUID().toString(), partner.partnerId(), programRef(next.program()), ruleRef(next.rule()),
                calc.kind().wire(), calc.payout(), calc.original(), fx(calc), dealSource(r.deal(), r.attributionId(), null), booking,
                clock.instant(), calc.explanation());
    }

    private static ActiveProgram catalogProgram(Context ctx, UUID programId) {
        return ctx.programs().stream().filter(p -> p.programId().equals(programId)).findFirst().orElse(null);
    }

    private static String safeUuid(String s) {
        try {
            return UUID.fromString(s).toString();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------------------------------ writing

    /** The columns of an earning row. */
    record Row(UUID id, String eventType, String partnerId, String kind, UUID programId, UUID ruleId, int ruleVersion,
               String dealId, String attributionId, String sourceKey, Money payout, Money original, Facts.FxRate fx,
               String booking, UUID related, Basis basis) {
    }

    /** Stores the earning and, only if it is new, appends it to the outbox (one event per earning id, ever). */
    Uni<Void> write(Row row, EventType type, Object data) {
        return Db.exec("""
                        insert into earning (earning_id, event_type, partner_id, kind, program_id, rule_id, rule_version, deal_id, attribution_id,
                            source_key, amount, currency, original_amount, original_currency, fx_rate, fx_date, booking_period,
                            related_earning_id, basis, payload, created_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, cast(?8 as text), cast(?9 as text), cast(?10 as text), ?11, ?12, ?13, ?14,
                            cast(?15 as numeric), cast(?16 as date), ?17, cast(?18 as uuid), cast(?19 as text), ?20, ?21)
                        on conflict (earning_id) do nothing""",
                row.id(), row.eventType(), row.partnerId(), row.kind(), row.programId(), row.ruleId(), row.ruleVersion(),
                row.dealId(), row.attributionId(), row.sourceKey(), row.payout().amount(), row.payout().currencyCode(),
                row.original().amount(), row.original().currencyCode(),
                row.fx() == null ? null : row.fx().rate(), row.fx() == null ? null : row.fx().date(),
                row.booking(), row.related(),
                row.basis() == null ? null : EventJson.writeString(row.basis()), EventJson.writeString(data), clock.instant())
                .chain(n -> n == 0 ? Uni.createFrom().voidItem()
                        : outbox.append(new OutboxEvent(row.id(), Topics.INCENTIVE_EARNINGS, type.type(), "partner", row.partnerId(),
                        row.partnerId(), clock.instant(), data)));
    }

    static ProgramRef programRef(ActiveProgram p) {
        return new ProgramRef(p.programId().toString(), p.code(), p.name());
    }

    static RuleRef ruleRef(ActiveRule r) {
        return new RuleRef(r.ruleId().toString(), r.version(), r.spec().name());
    }

    static FxConversion fx(Calculation c) {
        return c.fx() == null ? null : new FxConversion(c.fx().from(), c.fx().to(), c.fx().rate(), c.fx().date());
    }

    static FxConversion fxOf(Basis b) {
        return b.fxRate() == null ? null : new FxConversion(b.originalCurrency(), b.payoutCurrency(), b.fxRate(), b.fxDate());
    }

    static Facts.FxRate fxRate(Basis b) {
        return b.fxRate() == null ? null : new Facts.FxRate(b.originalCurrency(), b.payoutCurrency(), b.fxRate(), b.fxDate());
    }

    static EarningSource dealSource(DealContext d, String attributionId, String reversalId) {
        return new EarningSource("deal", d.dealId(), d.name(), d.customer() == null ? null : d.customer().name(), d.closedAt(),
                attributionId, reversalId, null, null, null, null, null, null);
    }

    static Money money(BigDecimal amount, String ccy) {
        return Money.of(amount.setScale(Money.scaleOf(Money.currencyOf(ccy))), ccy);
    }

    /** Runs {@code f} for each item, one after the other, in the current session. */
    static <T> Uni<Void> forEach(List<T> items, java.util.function.Function<T, Uni<Void>> f) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (T t : items) {
            chain = chain.chain(() -> f.apply(t));
        }
        return chain;
    }
}
