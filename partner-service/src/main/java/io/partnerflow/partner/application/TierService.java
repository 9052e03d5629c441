package io.partnerflow.partner.application;

import com.fasterxml.jackson.core.type.TypeReference;
import io.partnerflow.contracts.EventJson;
import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.partner.PartnerTierChanged;
import io.partnerflow.partner.api.TierDtos;
import io.partnerflow.partner.api.TierDtos.CurrentTierView;
import io.partnerflow.partner.api.TierDtos.EvaluationView;
import io.partnerflow.partner.api.TierDtos.HistoryEntryView;
import io.partnerflow.partner.api.TierDtos.MetricCheckView;
import io.partnerflow.partner.api.TierDtos.ProposalView;
import io.partnerflow.partner.api.TierDtos.RunView;
import io.partnerflow.partner.config.PartnerServiceConfig;
import io.partnerflow.partner.domain.Ids;
import io.partnerflow.partner.domain.PartnerStatus;
import io.partnerflow.partner.domain.PartnerType;
import io.partnerflow.partner.domain.tier.Criterion;
import io.partnerflow.partner.domain.tier.Ladder;
import io.partnerflow.partner.domain.tier.MetricCalculator;
import io.partnerflow.partner.domain.tier.MetricFacts;
import io.partnerflow.partner.domain.tier.Tier;
import io.partnerflow.partner.domain.tier.TierEvaluator;
import io.partnerflow.partner.domain.tier.TierEvaluator.Decision;
import io.partnerflow.partner.persistence.PartnerEntity;
import io.partnerflow.partner.persistence.TierHistoryEntity;
import io.partnerflow.partner.persistence.TierProposalEntity;
import io.partnerflow.partner.persistence.TierStateEntity;
import io.partnerflow.platform.jobs.AdvisoryLock;
import io.partnerflow.platform.outbox.OutboxWriter;
import io.partnerflow.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Tier use cases: initial tier, evaluation (one partner or all, as of a date; scheduled or on demand), manual
 * overrides, approval-gated promotions, effective-dated history. Every tier change appends a history entry and
 * a {@code partner.tier-changed} outbox row in the same transaction; a partner's state row is locked FOR UPDATE
 * while it is evaluated, so concurrent evaluations, overrides and approvals serialise.
 */
@ApplicationScoped
public class TierService {
    private static final Logger LOG = Logger.getLogger(TierService.class);
    public static final String JOB_LOCK = "partner-service:tier-evaluation";
    public static final String SYSTEM_ACTOR = "tier-evaluation";

    private final LadderService ladders;
    private final MetricFactsStore facts;
    private final OutboxWriter outbox;
    private final Clock clock;
    private final PartnerServiceConfig config;
    private final AdvisoryLock lock;

    public TierService(LadderService ladders, MetricFactsStore facts, OutboxWriter outbox, Clock clock,
                       PartnerServiceConfig config, AdvisoryLock lock) {
        this.ladders = ladders;
        this.facts = facts;
        this.outbox = outbox;
        this.clock = clock;
        this.config = config;
        this.lock = lock;
    }

    // ---- registration

    /** The ladder a new partner starts on (the newest version of its type's ladder, else the default), if any. In a session. */
    public Uni<Optional<Ladder>> ladderForNewPartner(PartnerType type) {
        return ladders.latest(type);
    }

    /** Creates the partner's tier state and, with a ladder, its initial (entry) tier. In the registration tx. */
    public Uni<Void> recordInitial(PartnerEntity p, Optional<Ladder> ladder, Instant now, String actor) {
        TierStateEntity st = new TierStateEntity();
        st.partnerId = p.id;
        return st.persist().chain(() -> ladder.isEmpty() ? Uni.createFrom().voidItem()
                : recordChange(st, p, ladder.get(), null, ladder.get().entry(), now, now, "initial",
                "entry tier at registration", actor, List.of(), false));
    }

    // ---- evaluation

    public Uni<EvaluationView> evaluate(UUID partnerId, LocalDate asOf, String actor) {
        Instant now = Times.now(clock);
        LocalDate date = asOfOrToday(asOf, now);
        return Panache.withTransaction(() -> evaluateInTx(partnerId, date, atFor(date, now), actor, true));
    }

    /**
     * Evaluates every partner that is not terminated, once across replicas: the run holds a PostgreSQL advisory
     * lock for its transaction; a run that cannot take it skips (scheduled) or answers 409 (on demand).
     */
    public Uni<RunView> evaluateAll(LocalDate asOf, String actor, boolean failIfLocked) {
        Instant now = Times.now(clock);
        LocalDate date = asOfOrToday(asOf, now);
        Instant at = atFor(date, now);
        return Panache.withTransaction(() -> lock.tryLock(JOB_LOCK).chain(got -> {
            if (!got) {
                if (failIfLocked) {
                    return Uni.createFrom().failure(PartnerService.conflict(
                            "a tier evaluation run is in progress on another instance; retry later"));
                }
                return Uni.createFrom().item(new RunView(date, 0, 0, 0, 0, 0, List.of()));
            }
            return PartnerEntity.<PartnerEntity>list("status <> ?1 order by id", PartnerStatus.TERMINATED)
                    .chain(partners -> {
                        List<EvaluationView> all = new ArrayList<>();
                        Uni<Void> chain = Uni.createFrom().voidItem();
                        for (PartnerEntity p : partners) {
                            chain = chain.chain(() -> evaluateInTx(p.id, date, at, actor, false)
                                    .onFailure(t -> !(t instanceof ProblemException) && isDomainFailure(t))
                                    .recoverWithItem(t -> {
                                        LOG.warnf("tier evaluation of %s failed: %s", p.id, t.toString());
                                        return new EvaluationView(p.id, date, "error", null, null, null, t.getMessage(),
                                                null, List.of(), List.of());
                                    })
                                    .invoke(all::add).replaceWithVoid());
                        }
                        return chain.map(x -> summary(date, all));
                    });
        }));
    }

    /**
     * Completes the evaluations that were waiting for data (DESIGN.md "Late reference data"): each partner whose
     * last evaluation is {@code pending} is evaluated again as of that evaluation's date, in its own transaction.
     * Called after reference data (an FX rate) arrives; failures are logged and left to the next scheduled run.
     */
    public Uni<Integer> resumePending(String actor) {
        Instant now = Times.now(clock);
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return Panache.withSession(() -> TierStateEntity.<TierStateEntity>list(
                        "evaluationStatus = 'pending' order by partnerId"))
                .chain(pending -> {
                    Uni<Integer> chain = Uni.createFrom().item(0);
                    for (TierStateEntity st : pending) {
                        LocalDate asOf = st.lastAsOf == null || st.lastAsOf.isAfter(today) ? today : st.lastAsOf;
                        chain = chain.chain(n -> Panache.withTransaction(() -> evaluateInTx(st.partnerId, asOf,
                                        atFor(asOf, now), actor, false))
                                .map(v -> "pending".equals(v.outcome()) ? n : n + 1)
                                .onFailure().recoverWithItem(t -> {
                                    LOG.warnf("resuming the pending tier evaluation of %s failed: %s", st.partnerId, t.toString());
                                    return n;
                                }));
                    }
                    return chain;
                });
    }

    private static boolean isDomainFailure(Throwable t) {
        return t instanceof IllegalArgumentException || t instanceof IllegalStateException;
    }

    private static RunView summary(LocalDate date, List<EvaluationView> all) {
        int changed = 0, proposed = 0, pending = 0, skipped = 0;
        List<EvaluationView> changes = new ArrayList<>();
        for (EvaluationView v : all) {
            switch (v.outcome()) {
                case "initial", "promoted", "demoted" -> {
                    changed++;
                    changes.add(v);
                }
                case "proposed" -> {
                    proposed++;
                    changes.add(v);
                }
                case "pending" -> pending++;
                case "skipped", "error" -> skipped++;
                default -> {
                }
            }
        }
        return new RunView(date, all.size(), changed, proposed, pending, skipped, changes);
    }

    private Uni<EvaluationView> evaluateInTx(UUID partnerId, LocalDate asOf, Instant at, String actor, boolean strict) {
        Instant now = Times.now(clock);
        return PartnerService.find(partnerId).chain(p -> lockState(partnerId).chain(st -> {
            if (p.status == PartnerStatus.TERMINATED) {
                return Uni.createFrom().item(skipped(partnerId, asOf, "partner is terminated"));
            }
            if (st.lastEffectiveAt != null && asOf.isBefore(LocalDate.ofInstant(st.lastEffectiveAt, ZoneOffset.UTC))) {
                String why = "the tier history already has a change effective " + st.lastEffectiveAt
                        + "; evaluating as of " + asOf + " would rewrite it";
                if (strict) {
                    return Uni.createFrom().failure(PartnerService.conflict(why));
                }
                return Uni.createFrom().item(skipped(partnerId, asOf, why));
            }
            return ladders.ladderAt(p.type, at).chain(ladderOpt -> {
                if (ladderOpt.isEmpty()) {
                    return Uni.createFrom().item(skipped(partnerId, asOf, "no tier ladder in effect at " + at));
                }
                Ladder ladder = ladderOpt.get();
                return measure(partnerId, ladder, asOf).chain(metrics -> {
                    Decision d = TierEvaluator.evaluate(ladder, position(st), metrics, asOf, at);
                    st.lastEvaluatedAt = now;
                    st.lastAsOf = asOf;
                    return apply(p, st, ladder, d, now, actor).map(outcome -> {
                        st.evaluationStatus = outcome.equals("pending") ? "pending" : "evaluated";
                        st.evaluationNote = d.note();
                        return view(partnerId, asOf, outcome, d);
                    });
                });
            });
        }));
    }

    /** Measures every metric the ladder needs, as of {@code asOf}. Must run in a session. */
    Uni<MetricCalculator.Result> measure(UUID partnerId, Ladder ladder, LocalDate asOf) {
        int maxWindow = ladder.metricKeys().stream().mapToInt(Criterion.MetricKey::windowMonths).max().orElse(0);
        String base = ladders.baseCurrency();
        return facts.load(partnerId, asOf.minusMonths(maxWindow), asOf).chain(f -> {
            Set<String> currencies = new HashSet<>();
            f.revenue().forEach(r -> currencies.add(r.amount().currencyCode()));
            currencies.remove(base);
            return facts.rates(currencies, base, asOf)
                    .map(fx -> MetricCalculator.compute(ladder.metricKeys(), f, fx, asOf, base));
        });
    }

    private Uni<String> apply(PartnerEntity p, TierStateEntity st, Ladder ladder, Decision d, Instant now, String actor) {
        if (d.kind() == TierEvaluator.Kind.PENDING) {
            return Uni.createFrom().item("pending");
        }
        if (d.overrideEnded()) {
            clearOverride(st);
        }
        List<PartnerTierChanged.Metric> metrics = wire(d.metrics());
        return switch (d.kind()) {
            case NONE -> {
                st.failingSince = d.failingSince();
                yield withdrawStaleProposal(p.id, d.qualified()).replaceWith("unchanged");
            }
            case INITIAL, DEMOTE -> withdrawStaleProposal(p.id, d.to())
                    .chain(() -> recordChange(st, p, ladder, d.from(), d.to(), d.effectiveAt(), now, d.reason(),
                            d.note(), actor, metrics, true))
                    .replaceWith(d.kind() == TierEvaluator.Kind.INITIAL ? "initial" : "demoted");
            case PROMOTE -> {
                if (ladder.promotionRequiresApproval() && !d.overrideEnded()) {
                    st.failingSince = null;
                    yield propose(p, ladder, d, metrics, now);
                }
                yield withdrawStaleProposal(p.id, d.to())
                        .chain(() -> recordChange(st, p, ladder, d.from(), d.to(), d.effectiveAt(), now, d.reason(),
                                d.note(), actor, metrics, true))
                        .replaceWith("promoted");
            }
            case PENDING -> Uni.createFrom().item("pending");
        };
    }

    private Uni<String> propose(PartnerEntity p, Ladder ladder, Decision d, List<PartnerTierChanged.Metric> metrics,
                                Instant now) {
        Instant cooldownStart = now.minus(config.tiers().proposalRejectionCooldown());
        return pendingProposal(p.id).chain(pending -> {
            if (pending != null && pending.toCode.equals(d.to().code())) {
                return Uni.createFrom().item("proposed");
            }
            return TierProposalEntity.<TierProposalEntity>find(
                            "partnerId = ?1 and toCode = ?2 and status = 'rejected' and decidedAt > ?3",
                            p.id, d.to().code(), cooldownStart).firstResult()
                    .chain(rejected -> {
                        if (rejected != null) {
                            return Uni.createFrom().item("unchanged");
                        }
                        Uni<Void> retire = Uni.createFrom().voidItem();
                        if (pending != null) {
                            pending.status = "superseded";
                            pending.decidedAt = now;
                            pending.decidedBy = SYSTEM_ACTOR;
                            pending.decisionNote = "superseded by a proposal for " + d.to().code();
                            retire = Panache.flush();
                        }
                        TierProposalEntity n = new TierProposalEntity();
                        n.id = UUID.randomUUID();
                        n.partnerId = p.id;
                        n.fromCode = d.from() == null ? null : d.from().code();
                        n.toCode = d.to().code();
                        n.toRank = d.to().rank();
                        n.effectiveAt = d.effectiveAt();
                        n.proposedAt = now;
                        n.ladderId = ladder.id();
                        n.ladderVersion = ladder.version();
                        n.metrics = EventJson.writeString(metrics);
                        n.status = "pending";
                        return retire.chain(() -> n.persist()).replaceWith("proposed");
                    });
        });
    }

    /** A pending proposal is withdrawn when the partner no longer qualifies above {@code stillQualified}. */
    private Uni<Void> withdrawStaleProposal(UUID partnerId, Tier stillQualified) {
        return pendingProposal(partnerId).invoke(pending -> {
            if (pending != null && (stillQualified == null || pending.toRank > stillQualified.rank())) {
                pending.status = "withdrawn";
                pending.decidedAt = Times.now(clock);
                pending.decidedBy = SYSTEM_ACTOR;
                pending.decisionNote = "no longer qualifies";
            }
        }).replaceWithVoid();
    }

    private static Uni<TierProposalEntity> pendingProposal(UUID partnerId) {
        return TierProposalEntity.find("partnerId = ?1 and status = 'pending'", partnerId).firstResult();
    }

    /** Appends the history entry and the tier-changed event; moves the state and the partner. */
    private Uni<Void> recordChange(TierStateEntity st, PartnerEntity p, Ladder ladder, Tier from, Tier to,
                                   Instant effectiveAt, Instant decidedAt, String reason, String note, String decidedBy,
                                   List<PartnerTierChanged.Metric> metrics, boolean bumpRevision) {
        st.historySeq++;
        int seq = st.historySeq;
        UUID id = Ids.nameBased("tier-history", p.id.toString(), Integer.toString(seq));
        List<PartnerTierChanged.Benefit> benefits = to.benefits().stream()
                .map(b -> new PartnerTierChanged.Benefit(b.code(), b.description(), b.value(), b.unit())).toList();
        TierHistoryEntity h = new TierHistoryEntity();
        h.id = id;
        h.partnerId = p.id;
        h.seq = seq;
        h.fromCode = from == null ? null : from.code();
        h.fromName = from == null ? null : from.name();
        h.fromRank = from == null ? null : from.rank();
        h.toCode = to.code();
        h.toName = to.name();
        h.toRank = to.rank();
        h.effectiveAt = effectiveAt;
        h.decidedAt = decidedAt;
        h.reason = reason;
        h.note = note;
        h.decidedBy = decidedBy;
        h.ladderId = ladder.id();
        h.ladderVersion = ladder.version();
        h.metrics = EventJson.writeString(metrics);
        h.benefits = EventJson.writeString(benefits);
        st.tierCode = to.code();
        st.ladderVersion = ladder.version();
        st.ladderId = ladder.id();
        st.lastEffectiveAt = effectiveAt;
        st.failingSince = null;
        p.tierCode = to.code();
        if (bumpRevision) {
            p.revision++;
            p.updatedAt = decidedAt;
        }
        PartnerTierChanged event = new PartnerTierChanged(p.id.toString(),
                from == null ? null : new PartnerTierChanged.TierRef(from.code(), from.name(), from.rank()),
                new PartnerTierChanged.TierRef(to.code(), to.name(), to.rank()), effectiveAt, decidedAt, reason,
                note, decidedBy, ladder.id().toString(), ladder.version(), metrics, benefits);
        return h.persist().chain(() -> outbox.append(PartnerService.event(id, EventType.PARTNER_TIER_CHANGED, p.id,
                decidedAt, event)));
    }

    // ---- overrides

    public Uni<CurrentTierView> setOverride(UUID partnerId, TierDtos.OverrideRequest req, String actor) {
        Instant now = Times.now(clock);
        Instant expiresAt = Times.micros(req.expiresAt());
        if (!expiresAt.isAfter(now)) {
            throw ProblemException.badRequest("expiresAt must be in the future");
        }
        return Panache.withTransaction(() -> PartnerService.find(partnerId).chain(p -> {
                    if (p.status == PartnerStatus.TERMINATED) {
                        throw PartnerService.conflict("partner " + partnerId + " is terminated");
                    }
                    return lockState(partnerId).chain(st -> ladders.latest(p.type).chain(ladderOpt -> {
                        Ladder ladder = ladderOpt.orElseThrow(() -> PartnerService.conflict("no tier ladder is configured"));
                        Tier target = ladder.tier(req.tierCode()).orElseThrow(() -> ProblemException.unprocessable(
                                "tier '" + req.tierCode() + "' is not on ladder version " + ladder.version()));
                        Tier current = st.tierCode == null ? null : ladder.tier(st.tierCode).orElse(null);
                        st.overrideTierCode = target.code();
                        st.overrideReason = req.reason().trim();
                        st.overrideExpiresAt = expiresAt;
                        st.overrideBy = actor;
                        st.failingSince = null;
                        Uni<Void> change = withdrawStaleProposal(partnerId, null);
                        if (current == null || !current.code().equals(target.code())) {
                            Instant effective = st.lastEffectiveAt != null && st.lastEffectiveAt.isAfter(now)
                                    ? st.lastEffectiveAt : now;
                            change = change.chain(() -> recordChange(st, p, ladder, current, target, effective, now,
                                    "override", req.reason().trim() + " (until " + expiresAt + ")", actor,
                                    List.of(), true));
                        }
                        return change;
                    }));
                }))
                .chain(() -> current(partnerId));
    }

    /** Ends the override now and evaluates at once: the partner gets the tier its metrics earn. */
    public Uni<EvaluationView> endOverride(UUID partnerId, String actor) {
        Instant now = Times.now(clock);
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return Panache.withTransaction(() -> PartnerService.find(partnerId).chain(p -> lockState(partnerId).chain(st -> {
            if (st.overrideTierCode == null) {
                throw PartnerService.conflict("partner " + partnerId + " has no tier override");
            }
            st.overrideExpiresAt = now;
            return evaluateInTx(partnerId, today, now, actor, true);
        })));
    }

    private static void clearOverride(TierStateEntity st) {
        st.overrideTierCode = null;
        st.overrideReason = null;
        st.overrideExpiresAt = null;
        st.overrideBy = null;
    }

    // ---- proposals

    public Uni<ProposalView> approve(UUID proposalId, String actor, String note) {
        Instant now = Times.now(clock);
        return Panache.withTransaction(() -> lockProposal(proposalId).chain(pr -> PartnerService.find(pr.partnerId)
                .chain(p -> lockState(p.id).chain(st -> ladders.ladder(pr.ladderId, pr.ladderVersion).chain(ladderOpt -> {
                    Ladder ladder = ladderOpt.orElseThrow();
                    Tier to = ladder.tier(pr.toCode).orElseThrow();
                    Tier from = st.tierCode == null ? null : ladder.tier(st.tierCode).orElse(ladder.entry());
                    if (p.status == PartnerStatus.TERMINATED) {
                        throw PartnerService.conflict("partner " + p.id + " is terminated");
                    }
                    if (st.overrideTierCode != null && st.overrideExpiresAt != null && st.overrideExpiresAt.isAfter(now)) {
                        throw PartnerService.conflict("a tier override is in force until " + st.overrideExpiresAt);
                    }
                    if (from != null && from.rank() >= to.rank()) {
                        throw PartnerService.conflict("the partner is already at " + from.code());
                    }
                    Instant effective = st.lastEffectiveAt != null && st.lastEffectiveAt.isAfter(pr.effectiveAt)
                            ? st.lastEffectiveAt : pr.effectiveAt;
                    pr.status = "approved";
                    pr.decidedBy = actor;
                    pr.decidedAt = now;
                    pr.decisionNote = PartnerService.blankToNull(note);
                    List<PartnerTierChanged.Metric> metrics = readMetrics(pr.metrics);
                    return recordChange(st, p, ladder, from, to, effective, now, "promotion",
                            "approved by " + actor + (pr.decisionNote == null ? "" : ": " + pr.decisionNote),
                            actor, metrics, true).replaceWith(pr);
                }))))).map(TierService::proposalView);
    }

    public Uni<ProposalView> reject(UUID proposalId, String actor, String note) {
        Instant now = Times.now(clock);
        return Panache.withTransaction(() -> lockProposal(proposalId).invoke(pr -> {
            pr.status = "rejected";
            pr.decidedBy = actor;
            pr.decidedAt = now;
            pr.decisionNote = PartnerService.blankToNull(note);
        })).map(TierService::proposalView);
    }

    /** The partner a proposal belongs to (for partner scoping), or 404. */
    public Uni<UUID> proposalPartner(UUID proposalId) {
        return Panache.withSession(() -> TierProposalEntity.<TierProposalEntity>findById(proposalId))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no proposal " + proposalId))
                .map(pr -> pr.partnerId);
    }

    public Uni<List<ProposalView>> proposals(UUID partnerId, String status) {
        return Panache.withSession(() -> {
            if (partnerId != null) {
                return PartnerService.find(partnerId).chain(p -> status == null
                        ? TierProposalEntity.<TierProposalEntity>list("partnerId = ?1 order by proposedAt desc", partnerId)
                        : TierProposalEntity.<TierProposalEntity>list(
                        "partnerId = ?1 and status = ?2 order by proposedAt desc", partnerId, status));
            }
            return status == null
                    ? TierProposalEntity.<TierProposalEntity>list("order by proposedAt desc")
                    : TierProposalEntity.<TierProposalEntity>list("status = ?1 order by proposedAt desc", status);
        }).map(l -> l.stream().map(TierService::proposalView).toList());
    }

    private static Uni<TierProposalEntity> lockProposal(UUID id) {
        return TierProposalEntity.<TierProposalEntity>findById(id, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no proposal " + id))
                .invoke(pr -> {
                    if (!"pending".equals(pr.status)) {
                        throw PartnerService.conflict("proposal " + id + " is " + pr.status + ", not pending");
                    }
                });
    }

    // ---- reads

    public Uni<CurrentTierView> current(UUID partnerId) {
        return Panache.withSession(() -> PartnerService.find(partnerId)
                .chain(p -> TierStateEntity.<TierStateEntity>findById(partnerId))
                .chain(st -> TierHistoryEntity.<TierHistoryEntity>find(
                                "partnerId = ?1 order by effectiveAt desc, seq desc", partnerId).firstResult()
                        .chain(last -> pendingProposal(partnerId).chain(pending -> (st == null || st.ladderVersion == null
                                ? Uni.createFrom().item(Optional.<Ladder>empty()) : ladders.ladder(st.ladderId, st.ladderVersion))
                                .map(ladder -> {
                                    Optional<Tier> tier = ladder.flatMap(l -> st.tierCode == null ? Optional.empty()
                                            : l.tier(st.tierCode));
                                    LocalDate due = st == null || st.failingSince == null || ladder.isEmpty() ? null
                                            : st.failingSince.plusDays(ladder.get().demotionGraceDays());
                                    return new CurrentTierView(partnerId,
                                            tier.map(t -> new TierDtos.TierRef(t.code(), t.name(), t.rank())).orElse(null),
                                            last == null ? null : last.effectiveAt,
                                            st == null ? null : st.ladderVersion,
                                            tier.map(LadderService::benefits).orElse(List.of()),
                                            st == null || st.overrideTierCode == null ? null
                                                    : new TierDtos.OverrideView(st.overrideTierCode, st.overrideReason,
                                                    st.overrideExpiresAt, st.overrideBy),
                                            st == null ? null : st.failingSince, due,
                                            st == null ? null : st.lastAsOf, st == null ? null : st.lastEvaluatedAt,
                                            st == null ? null : st.evaluationStatus,
                                            st == null ? null : st.evaluationNote,
                                            pending == null ? null : proposalView(pending));
                                })))));
    }

    public Uni<List<HistoryEntryView>> history(UUID partnerId) {
        return Panache.withSession(() -> PartnerService.find(partnerId).chain(p -> TierHistoryEntity
                        .<TierHistoryEntity>list("partnerId = ?1 order by effectiveAt, seq", partnerId)))
                .map(l -> l.stream().map(TierService::historyView).toList());
    }

    /** The history entry in effect at {@code at} ("which tier was P on date D"), or 404 when none was. */
    public Uni<HistoryEntryView> tierAt(UUID partnerId, Instant atOrNull) {
        Instant at = atOrNull == null ? Times.now(clock) : atOrNull;
        return Panache.withSession(() -> PartnerService.find(partnerId).chain(p -> TierHistoryEntity
                        .<TierHistoryEntity>find("partnerId = ?1 and effectiveAt <= ?2 order by effectiveAt desc, seq desc",
                                partnerId, at).<TierHistoryEntity>firstResult()))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("partner " + partnerId + " had no tier at " + at))
                .map(TierService::historyView);
    }

    public Uni<TierDtos.MetricsView> metrics(UUID partnerId, LocalDate asOf) {
        Instant now = Times.now(clock);
        LocalDate date = asOfOrToday(asOf, now);
        return Panache.withSession(() -> PartnerService.find(partnerId).chain(p -> ladders.ladderAt(p.type, atFor(date, now))
                .chain(l -> l.isEmpty() ? ladders.latest(p.type) : Uni.createFrom().item(l))
                .chain(ladderOpt -> {
                    Ladder ladder = ladderOpt.orElseThrow(() -> ProblemException.notFound("no tier ladder is configured"));
                    return measure(partnerId, ladder, date).map(r -> {
                        List<MetricCheckView> values = new ArrayList<>();
                        Tier qualified = null;
                        if (!r.pending()) {
                            r.values().values().stream()
                                    .sorted(Comparator.comparing((io.partnerflow.partner.domain.tier.MetricValue v) -> v.key().metric())
                                            .thenComparingInt(v -> v.key().windowMonths()))
                                    .forEach(v -> values.add(new MetricCheckView(v.key().metric(), v.key().metric().wire(),
                                            v.key().metric().windowed() ? v.key().windowMonths() : null,
                                            v.value().toPlainString(), v.unit(), null, true, v.windowStart(), v.windowEnd())));
                            qualified = TierEvaluator.qualified(ladder, r.values());
                        }
                        return new TierDtos.MetricsView(partnerId, date, ladders.baseCurrency(), values, r.missing(),
                                qualified == null ? null : new TierDtos.TierRef(qualified.code(), qualified.name(),
                                        qualified.rank()));
                    });
                })));
    }

    // ---- helpers

    private static Uni<TierStateEntity> lockState(UUID partnerId) {
        return TierStateEntity.<TierStateEntity>findById(partnerId, LockModeType.PESSIMISTIC_WRITE).chain(st -> {
            if (st != null) {
                return Uni.createFrom().item(st);
            }
            TierStateEntity n = new TierStateEntity();
            n.partnerId = partnerId;
            return n.persist().replaceWith(n);
        });
    }

    private static TierEvaluator.Position position(TierStateEntity st) {
        return new TierEvaluator.Position(st.tierCode, st.failingSince,
                st.overrideTierCode == null ? null : new TierEvaluator.Override(st.overrideTierCode, st.overrideExpiresAt),
                st.lastEffectiveAt);
    }

    private LocalDate asOfOrToday(LocalDate asOf, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        if (asOf == null) {
            return today;
        }
        if (asOf.isAfter(today)) {
            throw ProblemException.unprocessable("asOf " + asOf + " is in the future (today is " + today + ")");
        }
        return asOf;
    }

    /** The decision instant: now for today, the start of the day for a past date. */
    private static Instant atFor(LocalDate date, Instant now) {
        return date.equals(LocalDate.ofInstant(now, ZoneOffset.UTC)) ? now : date.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    static List<PartnerTierChanged.Metric> wire(List<TierEvaluator.MetricCheck> checks) {
        return checks.stream().map(c -> new PartnerTierChanged.Metric(c.value().key().metric().wire(),
                c.value().value(), c.value().unit(), c.threshold(), c.met(), c.value().windowStart(),
                c.value().windowEnd())).toList();
    }

    private static List<PartnerTierChanged.Metric> readMetrics(String json) {
        try {
            return EventJson.mapper().readValue(json, new TypeReference<List<PartnerTierChanged.Metric>>() {
            });
        } catch (Exception e) {
            throw new IllegalStateException("unreadable metrics", e);
        }
    }

    private static EvaluationView skipped(UUID partnerId, LocalDate asOf, String why) {
        return new EvaluationView(partnerId, asOf, "skipped", null, null, null, why, null, List.of(), List.of());
    }

    private static EvaluationView view(UUID partnerId, LocalDate asOf, String outcome, Decision d) {
        return new EvaluationView(partnerId, asOf, outcome, ref(d.from()), ref(d.to()), ref(d.qualified()), d.note(),
                d.failingSince(), d.metrics().stream().map(c -> new MetricCheckView(c.value().key().metric(),
                c.value().key().metric().wire(), c.value().key().metric().windowed() ? c.value().key().windowMonths() : null,
                c.value().value().toPlainString(), c.value().unit(), c.threshold().toPlainString(), c.met(),
                c.value().windowStart(), c.value().windowEnd())).toList(), d.missing());
    }

    private static TierDtos.TierRef ref(Tier t) {
        return t == null ? null : new TierDtos.TierRef(t.code(), t.name(), t.rank());
    }

    static HistoryEntryView historyView(TierHistoryEntity h) {
        return new HistoryEntryView(h.seq, h.fromCode == null ? null : new TierDtos.TierRef(h.fromCode, h.fromName, h.fromRank),
                new TierDtos.TierRef(h.toCode, h.toName, h.toRank), h.effectiveAt, h.decidedAt, h.reason, h.note,
                h.decidedBy, h.ladderId, h.ladderVersion, EventJson.readTree(h.metrics), EventJson.readTree(h.benefits));
    }

    static ProposalView proposalView(TierProposalEntity p) {
        return new ProposalView(p.id, p.partnerId, p.fromCode, p.toCode, p.toRank, p.effectiveAt, p.proposedAt,
                p.ladderVersion, p.status, p.decidedBy, p.decidedAt, p.decisionNote, EventJson.readTree(p.metrics));
    }
}
