package io.partnerflow.partner.application;

import io.partnerflow.contracts.partner.PartnerTierChanged;
import io.partnerflow.partner.api.TierDtos.ProposalView;
import io.partnerflow.partner.domain.PartnerStatus;
import io.partnerflow.partner.domain.tier.Ladder;
import io.partnerflow.partner.domain.tier.Tier;
import io.partnerflow.partner.persistence.TierProposalEntity;
import io.partnerflow.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Approval-gated promotions: approve (records the change), reject, list; proposals are made by {@link TierService}. */
@ApplicationScoped
public class TierProposals {
    private final LadderService ladders;
    private final TierService tiers;
    private final Clock clock;

    public TierProposals(LadderService ladders, TierService tiers, Clock clock) {
        this.ladders = ladders;
        this.tiers = tiers;
        this.clock = clock;
    }

    public Uni<ProposalView> approve(UUID proposalId, String actor, String note) {
        Instant now = Times.now(clock);
        return Panache.withTransaction(() -> lockProposal(proposalId).chain(pr -> PartnerService.find(pr.partnerId)
                .chain(p -> TierService.lockState(p.id).chain(st -> ladders.ladder(pr.ladderId, pr.ladderVersion).chain(ladderOpt -> {
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
                    List<PartnerTierChanged.Metric> metrics = TierViews.readMetrics(pr.metrics);
                    return tiers.recordChange(st, p, ladder, from, to, effective, now, "promotion",
                            "approved by " + actor + (pr.decisionNote == null ? "" : ": " + pr.decisionNote),
                            actor, metrics, true).replaceWith(pr);
                }))))).map(TierViews::proposalView);
    }

    public Uni<ProposalView> reject(UUID proposalId, String actor, String note) {
        Instant now = Times.now(clock);
        return Panache.withTransaction(() -> lockProposal(proposalId).invoke(pr -> {
            pr.status = "rejected";
            pr.decidedBy = actor;
            pr.decidedAt = now;
            pr.decisionNote = PartnerService.blankToNull(note);
        })).map(TierViews::proposalView);
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
        }).map(l -> l.stream().map(TierViews::proposalView).toList());
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

}
