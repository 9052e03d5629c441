package io.partnerflow.partner.application;

import io.partnerflow.contracts.EventJson;
import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.partner.PartnerTierChanged;
import io.partnerflow.partner.api.TierDtos;
import io.partnerflow.partner.api.TierDtos.CurrentTierView;
import io.partnerflow.partner.api.TierDtos.EvaluationView;
import io.partnerflow.partner.api.TierDtos.RunView;
import io.partnerflow.partner.config.PartnerServiceConfig;
import io.partnerflow.partner.domain.Ids;
import io.partnerflow.partner.domain.PartnerStatus;
import io.partnerflow.partner.domain.PartnerType;
import io.partnerflow.partner.domain.tier.EvaluationDates;
import io.partnerflow.partner.domain.tier.Ladder;
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
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Tier decisions: initial tier, evaluation (one partner or all, as of a date; scheduled or on demand), manual
 * overrides, proposing approval-gated promotions, and recording every change (history + event). Decisions are made by
 * the pure {@link TierEvaluator}; reads are in {@link TierReads}, proposal decisions in {@link TierProposals}, DTO
 * mapping in {@link TierViews}. Every tier change appends a history entry and
 * a {@code partner.tier-changed} outbox row in the same transaction; a partner's state row is locked FOR UPDATE
 * while it is evaluated, so concurrent evaluations, overrides and approvals serialise.
 */
@ApplicationScoped
public class TierService {
    private static final Logger LOG = Logger.getLogger(TierService.class);
    public static final String JOB_LOCK = "partner-service:tier-evaluation";
    public static final String SYSTEM_ACTOR = "tier-evaluation";

    private final LadderService ladders;
    private final OutboxWriter outbox;
    private final Clock clock;
    private final PartnerServiceConfig config;
    private final AdvisoryLock lock;
    private final TierReads reads;

    public TierService(LadderService ladders, OutboxWriter outbox, Clock clock, PartnerServiceConfig config,
                       AdvisoryLock lock, TierReads reads) {
        this.ladders = ladders;
        this.reads = reads;
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
        LocalDate date = TierReads.asOfOrToday(asOf, now);
        return Panache.withTransaction(() -> evaluateInTx(partnerId, date, EvaluationDates.atFor(date, now), actor, true, true));
    }

    /**
     * Evaluates every partner that is not terminated, once across replicas: the run holds a PostgreSQL advisory
     * lock for its transaction; a run that cannot take it skips (scheduled) or answers 409 (on demand).
     */
    public Uni<RunView> evaluateAll(LocalDate asOf, String actor, boolean failIfLocked) {
        Instant now = Times.now(clock);
        LocalDate date = TierReads.asOfOrToday(asOf, now);
        Instant at = EvaluationDates.atFor(date, now);
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
                            chain = chain.chain(() -> evaluateInTx(p.id, date, at, actor, false, false)
                                    .onFailure(t -> !(t instanceof ProblemException) && isDomainFailure(t))
                                    .recoverWithItem(t -> {
                                        LOG.warnf("tier evaluation of %s failed: %s", p.id, t.toString());
                                        return new EvaluationView(p.id, date, "error", null, null, null, t.getMessage(),
                                                null, List.of(), List.of());
                                    })
                                    .invoke(all::add).replaceWithVoid());
                        }
                        return chain.map(x -> TierViews.summary(date, all));
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
                                        EvaluationDates.atFor(asOf, now), actor, false, false))
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

    /**
     * @param strict   fail (409) rather than skip when the date cannot be evaluated
     * @param backdate a date before the partner's last change is evaluated against the history at that date
     *                 ({@link #evaluateBefore}); otherwise it is refused (strict) or skipped
     */
    private Uni<EvaluationView> evaluateInTx(UUID partnerId, LocalDate asOf, Instant at, String actor, boolean strict,
                                             boolean backdate) {
        Instant now = Times.now(clock);
        return PartnerService.find(partnerId).chain(p -> lockState(partnerId).chain(st -> {
            if (p.status == PartnerStatus.TERMINATED) {
                return Uni.createFrom().item(TierViews.skipped(partnerId, asOf, "partner is terminated"));
            }
            if (st.lastEffectiveAt != null && asOf.isBefore(LocalDate.ofInstant(st.lastEffectiveAt, ZoneOffset.UTC))) {
                String why = "the tier history already has a change effective " + st.lastEffectiveAt
                        + "; evaluating as of " + asOf + " would rewrite it";
                if (backdate) {
                    return evaluateBefore(p, st, asOf, at, now, actor);
                }
                if (strict) {
                    return Uni.createFrom().failure(PartnerService.conflict(why));
                }
                return Uni.createFrom().item(TierViews.skipped(partnerId, asOf, why));
            }
            return ladders.ladderAt(p.type, at).chain(ladderOpt -> {
                if (ladderOpt.isEmpty()) {
                    return Uni.createFrom().item(TierViews.skipped(partnerId, asOf, "no tier ladder in effect at " + at));
                }
                Ladder ladder = ladderOpt.get();
                return reads.measure(partnerId, ladder, asOf).chain(metrics -> {
                    Decision d = TierEvaluator.evaluate(ladder, position(st), metrics, asOf, at);
                    st.lastEvaluatedAt = now;
                    st.lastAsOf = asOf;
                    return apply(p, st, ladder, d, now, actor).map(outcome -> {
                        st.evaluationStatus = outcome.equals("pending") ? "pending" : "evaluated";
                        st.evaluationNote = d.note();
                        return TierViews.view(partnerId, asOf, outcome, d);
                    });
                });
            });
        }));
    }

    /**
     * A late evaluation (issue #19): {@code asOf} is before the partner's last change. The partner is evaluated as of
     * that date against the tier the HISTORY gives for it; a promotion is recorded effective then ({@code decidedAt}
     * now) and published, while the later entries — and so today's tier — stand. No demotion (the grace period would
     * have needed evaluations that did not happen) and no proposal: 409 on an approval-gated ladder, over an override,
     * or before the partner had a tier.
     */
    private Uni<EvaluationView> evaluateBefore(PartnerEntity p, TierStateEntity st, LocalDate asOf, Instant at, Instant now,
                                               String actor) {
        return TierHistoryEntity.<TierHistoryEntity>find("partnerId = ?1 and effectiveAt <= ?2 order by effectiveAt desc, seq desc",
                p.id, at).firstResult().chain(entry -> {
            if (entry == null) {
                throw PartnerService.conflict("partner " + p.id + " had no tier at " + at);
            }
            if ("override".equals(entry.reason)) {
                throw PartnerService.conflict("a tier override was in force at " + at + "; a past-date evaluation leaves it");
            }
            return ladders.ladderAt(p.type, at).chain(ladderOpt -> {
                Ladder ladder = ladderOpt.orElseThrow(() -> PartnerService.conflict("no tier ladder in effect at " + at));
                if (ladder.promotionRequiresApproval()) {
                    throw PartnerService.conflict("ladder " + ladder.id() + " v" + ladder.version()
                            + " gates promotions behind approval; a date before the partner's last change cannot be evaluated");
                }
                return reads.measure(p.id, ladder, asOf).chain(metrics -> {
                    Decision d = TierEvaluator.evaluate(ladder, new TierEvaluator.Position(entry.toCode, null, null,
                            entry.effectiveAt), metrics, asOf, at);
                    if (d.kind() == TierEvaluator.Kind.PENDING) {
                        return Uni.createFrom().item(TierViews.view(p.id, asOf, "pending", d));
                    }
                    if (d.kind() != TierEvaluator.Kind.PROMOTE) {
                        return Uni.createFrom().item(TierViews.view(p.id, asOf, "unchanged", d));
                    }
                    return recordChange(st, p, ladder, d.from(), d.to(), d.effectiveAt(), now, d.reason(),
                            "evaluated as of " + asOf + ", before the partner's last change (later changes stand)", actor,
                            TierViews.wire(d.metrics()), false, false)
                            .replaceWith(TierViews.view(p.id, asOf, "promoted", d));
                });
            });
        });
    }

    private Uni<String> apply(PartnerEntity p, TierStateEntity st, Ladder ladder, Decision d, Instant now, String actor) {
        if (d.kind() == TierEvaluator.Kind.PENDING) {
            return Uni.createFrom().item("pending");
        }
        if (d.overrideEnded()) {
            clearOverride(st);
        }
        List<PartnerTierChanged.Metric> metrics = TierViews.wire(d.metrics());
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

    static Uni<TierProposalEntity> pendingProposal(UUID partnerId) {
        return TierProposalEntity.find("partnerId = ?1 and status = 'pending'", partnerId).firstResult();
    }

    /** Appends the history entry and the tier-changed event; moves the state and the partner. */
    Uni<Void> recordChange(TierStateEntity st, PartnerEntity p, Ladder ladder, Tier from, Tier to,
                                   Instant effectiveAt, Instant decidedAt, String reason, String note, String decidedBy,
                                   List<PartnerTierChanged.Metric> metrics, boolean bumpRevision) {
        return recordChange(st, p, ladder, from, to, effectiveAt, decidedAt, reason, note, decidedBy, metrics, bumpRevision, true);
    }

    /** As above; {@code current} false = a change before the partner's last one: history + event, state unmoved. */
    private Uni<Void> recordChange(TierStateEntity st, PartnerEntity p, Ladder ladder, Tier from, Tier to,
                                   Instant effectiveAt, Instant decidedAt, String reason, String note, String decidedBy,
                                   List<PartnerTierChanged.Metric> metrics, boolean bumpRevision, boolean current) {
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
        if (current) {
            st.tierCode = to.code();
            st.ladderVersion = ladder.version();
            st.ladderId = ladder.id();
            st.lastEffectiveAt = effectiveAt;
            st.failingSince = null;
            p.tierCode = to.code();
        }
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
                .chain(() -> reads.current(partnerId));
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
            return evaluateInTx(partnerId, today, now, actor, true, false);
        })));
    }

    private static void clearOverride(TierStateEntity st) {
        st.overrideTierCode = null;
        st.overrideReason = null;
        st.overrideExpiresAt = null;
        st.overrideBy = null;
    }

    // ---- helpers

    static Uni<TierStateEntity> lockState(UUID partnerId) {
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

}
