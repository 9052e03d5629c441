package io.partnerflow.payout.application;

import io.partnerflow.contracts.EventJson;
import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.Topics;
import io.partnerflow.contracts.payout.DisputeResolved;
import io.partnerflow.core.ids.NameBasedIds;
import io.partnerflow.core.money.Money;
import io.partnerflow.payout.config.PayoutConfig;
import io.partnerflow.payout.domain.dispute.AdjustmentRules;
import io.partnerflow.payout.domain.earning.EarningStatus;
import io.partnerflow.payout.domain.ledger.Journals;
import io.partnerflow.payout.persistence.Sql;
import io.partnerflow.platform.outbox.OutboxEvent;
import io.partnerflow.platform.outbox.OutboxWriter;
import io.partnerflow.platform.problem.Problem;
import io.partnerflow.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Disputes of earning lines. Opening one holds the line (not approved, not put into a run) until finance resolves
 * it: rejected (nothing posted), or accepted with an adjustment — a new earning line of type dispute_adjustment,
 * booked straight to payable with its own journal. Either way the partner sees the outcome and
 * {@code dispute.resolved} is published.
 * <p>
 * Four eyes ({@link AdjustmentRules}): the resolver is never the person who raised the dispute; an adjustment above
 * the configured threshold, or above the disputed amount (only when the resolver says so explicitly), waits in
 * {@code pending_approval} — nothing booked — until a second finance user (neither the raiser nor the proposer)
 * approves it, or sends it back to {@code open}. Identities are compared canonically ({@link Actor}). Every decision is
 * in {@code dispute_audit}: who, when, before and after.
 */
@ApplicationScoped
public class DisputeService {
    private static final String COLUMNS = """
            d.id, d.partner_id, d.earning_id, d.reason, d.status, d.opened_by, d.opened_at, d.resolution,
            d.adjustment_amount, d.adjustment_currency, d.adjustment_earning_id, d.adjustment_journal_id, d.resolved_by,
            d.resolved_at, d.opened_by_identity, d.proposed_by, d.proposed_by_identity, d.proposed_at, d.approval_reasons,
            d.approved_by, d.approved_by_identity, d.approved_at""";

    private final EarningService earnings;
    private final OutboxWriter outbox;
    private final PayoutConfig config;
    private final Clock clock;

    public DisputeService(EarningService earnings, OutboxWriter outbox, PayoutConfig config, Clock clock) {
        this.earnings = earnings;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    public record DisputeRow(UUID disputeId, String partnerId, UUID earningId, String reason, String status, String openedBy,
                             Instant openedAt, String resolution, Money adjustment, UUID adjustmentEarningId,
                             UUID adjustmentJournalId, String resolvedBy, Instant resolvedAt, String openedByIdentity,
                             String proposedBy, String proposedByIdentity, Instant proposedAt, List<String> approvalReasons,
                             String approvedBy, String approvedByIdentity, Instant approvedAt) {
        static DisputeRow of(Sql.Row r) {
            return new DisputeRow(r.uuid(0), r.str(1), r.uuid(2), r.str(3), r.str(4), r.str(5), r.instant(6), r.str(7),
                    r.dec(8) == null ? null : Money.of(r.dec(8), r.str(9)), r.uuid(10), r.uuid(11), r.str(12), r.instant(13),
                    r.str(14), r.str(15), r.str(16), r.instant(17),
                    r.str(18) == null ? List.of() : Arrays.asList(r.str(18).split(",")), r.str(19), r.str(20), r.instant(21));
        }

        /** What the audit trail keeps of a dispute (identities included, so the trail shows who was compared). */
        Map<String, Object> snapshot() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("status", status);
            m.put("resolution", resolution);
            m.put("adjustment", adjustment == null ? null : Map.of("amount", adjustment.amountString(), "currency", adjustment.currencyCode()));
            m.put("openedBy", openedBy);
            m.put("proposedBy", proposedBy);
            m.put("proposedAt", proposedAt == null ? null : proposedAt.toString());
            m.put("approvalReasons", approvalReasons);
            m.put("approvedBy", approvedBy);
            m.put("resolvedBy", resolvedBy);
            m.put("adjustmentJournalId", adjustmentJournalId == null ? null : adjustmentJournalId.toString());
            return m;
        }
    }

    public record AuditRow(long id, String action, String actor, Instant at, String before, String after) {
    }

    public Uni<DisputeRow> open(String partnerId, UUID earningId, String reason, Actor actor) {
        Instant now = Times.now(clock);
        UUID id = UUID.randomUUID();
        return Panache.withTransaction(() -> earnings.lockRow(earningId).chain(e -> {
                    if (!e.partnerId().equals(partnerId)) {
                        throw ProblemException.notFound("no such earning");
                    }
                    if (e.status() == EarningStatus.DECLINED) {
                        throw ProblemException.conflict("earning " + earningId + " was declined: there is nothing to dispute");
                    }
                    if (e.openDisputeId() != null) {
                        throw ProblemException.conflict("earning " + earningId + " already has an open dispute " + e.openDisputeId());
                    }
                    return Sql.exec("""
                                    insert into dispute (id, partner_id, earning_id, reason, status, opened_by, opened_at, opened_by_identity)
                                    values (?1, ?2, ?3, ?4, 'open', ?5, ?6, ?7)""",
                                    id, partnerId, earningId, reason, actor.subject(), now, actor.identity())
                            .chain(() -> Sql.exec("update earning set open_dispute_id = ?2 where earning_id = ?1", earningId, id))
                            .chain(() -> earnings.history(earningId, now, actor.subject(), "disputed", e.status().wire(), e.status().wire(), reason))
                            .chain(() -> find(id))
                            .call(d -> audit(d.disputeId(), "opened", actor, now, null, d));
                }))
                .onFailure(RunService::isUniqueViolation)
                .transform(t -> ProblemException.conflict("earning " + earningId + " already has an open dispute"));
    }

    /** {@code exceedsDisputedAmount}: the resolver states that the adjustment is meant to be larger than the line. */
    public record Resolution(String outcome, String resolution, Money adjustment, boolean exceedsDisputedAmount) {
    }

    /**
     * Resolves an open dispute: rejected, or accepted — booked at once, or (above the threshold / the disputed amount)
     * proposed for a second approver. Answers the dispute as it now is.
     */
    public Uni<DisputeRow> resolve(UUID disputeId, Resolution r, Actor actor) {
        Instant now = Times.now(clock);
        return Panache.withTransaction(() -> lock(disputeId).chain(d -> {
            if (!"open".equals(d.status())) {
                throw ProblemException.conflict("dispute " + disputeId + " is " + d.status() + ", not open");
            }
            if (actor.isSamePersonAs(d.openedByIdentity(), d.openedBy())) {
                throw fourEyes("four eyes: " + actor.subject() + " raised dispute " + disputeId
                        + " and cannot also resolve it; another finance user must");
            }
            return earnings.lockRow(d.earningId()).chain(e -> {
                if (!"accepted".equals(r.outcome())) {
                    return finish(d, e, r.outcome(), r.resolution(), null, actor, null, now, "rejected");
                }
                AdjustmentRules.Decision decision = decide(e.amount(), r);
                if (!decision.needsSecondApproval()) {
                    return finish(d, e, "accepted", r.resolution(), r.adjustment(), actor, null, now, "accepted");
                }
                return Sql.exec("""
                                update dispute set status = 'pending_approval', resolution = ?2, adjustment_amount = ?3,
                                       adjustment_currency = ?4, proposed_by = ?5, proposed_by_identity = ?6, proposed_at = ?7,
                                       approval_reasons = ?8
                                 where id = ?1""", disputeId, r.resolution(), r.adjustment().amount(),
                                r.adjustment().currencyCode(), actor.subject(), actor.identity(), now,
                                String.join(",", decision.secondApprovalReasons()))
                        .chain(() -> earnings.history(d.earningId(), now, actor.subject(), "dispute_pending_approval",
                                e.status().wire(), e.status().wire(), r.resolution()))
                        .chain(() -> find(disputeId))
                        .call(after -> audit(disputeId, "proposed", actor, now, d, after));
            });
        }));
    }

    /** A second finance user approves a pending adjustment: it is booked now. */
    public Uni<DisputeRow> approve(UUID disputeId, Actor actor) {
        Instant now = Times.now(clock);
        return Panache.withTransaction(() -> lockPending(disputeId, actor, "approve").chain(d -> earnings.lockRow(d.earningId())
                .chain(e -> finish(d, e, "accepted", d.resolution(), d.adjustment(), actor, d, now, "approved"))));
    }

    /** A second finance user sends a pending adjustment back: the dispute is open again, nothing was booked. */
    public Uni<DisputeRow> sendBack(UUID disputeId, String note, Actor actor) {
        Instant now = Times.now(clock);
        return Panache.withTransaction(() -> lockPending(disputeId, actor, "send back").chain(d -> Sql.exec("""
                        update dispute set status = 'open', resolution = null, adjustment_amount = null,
                               adjustment_currency = null, proposed_by = null, proposed_by_identity = null, proposed_at = null,
                               approval_reasons = null
                         where id = ?1""", disputeId)
                .chain(() -> earnings.history(d.earningId(), now, actor.subject(), "dispute_sent_back", null, null, note))
                .chain(() -> find(disputeId))
                .call(after -> audit(disputeId, "sent_back", actor, now, d, after))));
    }

    private Uni<DisputeRow> lockPending(UUID disputeId, Actor actor, String what) {
        return lock(disputeId).map(d -> {
            if (!"pending_approval".equals(d.status())) {
                throw ProblemException.conflict("dispute " + disputeId + " is " + d.status() + ", not pending_approval");
            }
            if (actor.isSamePersonAs(d.proposedByIdentity(), d.proposedBy())) {
                throw fourEyes("four eyes: " + actor.subject() + " proposed this adjustment and cannot also " + what
                        + " it; a second finance user must");
            }
            if (actor.isSamePersonAs(d.openedByIdentity(), d.openedBy())) {
                throw fourEyes("four eyes: " + actor.subject() + " raised dispute " + disputeId + " and cannot " + what + " its adjustment");
            }
            return d;
        });
    }

    private AdjustmentRules.Decision decide(Money disputed, Resolution r) {
        try {
            return AdjustmentRules.decide(disputed, r.adjustment(),
                    config.fourEyes().secondApprovalAbove(r.adjustment().currencyCode()), r.exceedsDisputedAmount());
        } catch (AdjustmentRules.Refused refused) {
            throw new ProblemException(422, "Unprocessable Content", refused.field() + " " + refused.getMessage(),
                    "urn:partnerflow:problem:adjustment-refused", List.of(new Problem.FieldError(refused.field(), refused.getMessage())));
        }
    }

    /** Books (when accepted) and closes the dispute; publishes dispute.resolved. */
    private Uni<DisputeRow> finish(DisputeRow d, EarningService.EarningRow e, String outcome, String resolution, Money adjustment,
                                   Actor actor, DisputeRow proposal, Instant now, String auditAction) {
        boolean accepted = "accepted".equals(outcome);
        UUID disputeId = d.disputeId();
        String resolver = proposal == null ? actor.subject() : proposal.proposedBy();
        UUID adjustmentId = accepted ? NameBasedIds.of("payout.dispute-adjustment", disputeId) : null;
        UUID journalId = accepted ? Journals.booked(d.partnerId(), adjustmentId, adjustment, true, now, actor.subject()).id() : null;
        Uni<Void> chain = Uni.createFrom().voidItem();
        if (accepted) {
            EarningLine line = new EarningLine(adjustmentId, d.partnerId(), "dispute_adjustment", e.kind(),
                    adjustment, d.earningId(), e.dealId(), e.dealName(), e.attributionId(), e.sourceClosedAt(),
                    null, "Dispute accepted: " + resolution, now, "{\"disputeId\":\"" + disputeId + "\"}");
            chain = earnings.bookApprovedInTx(line, actor.subject());
        }
        return chain
                .chain(() -> Sql.exec("""
                                update dispute set status = ?2, resolution = ?3, adjustment_amount = cast(?4 as numeric),
                                       adjustment_currency = cast(?5 as varchar), adjustment_earning_id = cast(?6 as uuid),
                                       adjustment_journal_id = cast(?7 as uuid), resolved_by = ?8, resolved_at = ?9,
                                       approved_by = cast(?10 as varchar), approved_by_identity = cast(?11 as varchar),
                                       approved_at = cast(?12 as timestamptz)
                                 where id = ?1""", disputeId, outcome, resolution,
                        accepted ? adjustment.amount() : null, accepted ? adjustment.currencyCode() : null,
                        adjustmentId, journalId, resolver, now,
                        proposal == null ? null : actor.subject(), proposal == null ? null : actor.identity(),
                        proposal == null ? null : Times.micros(now)))
                .chain(() -> Sql.exec("update earning set open_dispute_id = null where earning_id = ?1", d.earningId()))
                .chain(() -> earnings.history(d.earningId(), now, actor.subject(), "dispute_" + outcome, e.status().wire(),
                        e.status().wire(), resolution))
                .chain(() -> outbox.append(new OutboxEvent(NameBasedIds.of("payout.event.dispute-resolved", disputeId),
                        Topics.PAYOUT_EVENTS, EventType.DISPUTE_RESOLVED.type(), "partner", d.partnerId(),
                        disputeId.toString(), now, new DisputeResolved(disputeId.toString(), d.partnerId(), null,
                        d.earningId().toString(), uuidOrNull(e.dealId()), d.reason(), outcome, resolution,
                        accepted ? adjustment : null, journalId == null ? null : journalId.toString(),
                        d.openedAt(), now, resolver))))
                .chain(() -> find(disputeId))
                .call(after -> audit(disputeId, auditAction, actor, now, d, after));
    }

    private Uni<Void> audit(UUID disputeId, String action, Actor actor, Instant at, DisputeRow before, DisputeRow after) {
        return Sql.exec("""
                        insert into dispute_audit (dispute_id, action, actor, actor_identity, at, before, after)
                        values (?1, ?2, ?3, ?4, ?5, cast(?6 as text), ?7)""", disputeId, action, actor.subject(), actor.identity(), at,
                before == null ? null : EventJson.writeString(before.snapshot()), EventJson.writeString(after.snapshot()))
                .replaceWithVoid();
    }

    public Uni<List<AuditRow>> auditTrail(UUID disputeId) {
        return Sql.query("select id, action, actor, at, before, after from dispute_audit where dispute_id = ?1 order by id", disputeId)
                .map(rows -> rows.stream().map(r -> new AuditRow(r.lng(0), r.str(1), r.str(2), r.instant(3), r.str(4), r.str(5))).toList());
    }

    private static ProblemException fourEyes(String detail) {
        return new ProblemException(403, "Forbidden", detail, "urn:partnerflow:problem:four-eyes", null);
    }

    private Uni<DisputeRow> lock(UUID disputeId) {
        return Sql.one("select " + COLUMNS + " from dispute d where d.id = ?1 for update", disputeId).map(row -> {
            if (row == null) {
                throw ProblemException.notFound("no such dispute");
            }
            return DisputeRow.of(row);
        });
    }

    public Uni<DisputeRow> find(UUID id) {
        return Sql.one("select " + COLUMNS + " from dispute d where d.id = ?1", id).map(r -> r == null ? null : DisputeRow.of(r));
    }

    public Uni<List<DisputeRow>> forPartner(String partnerId) {
        return Sql.query("select " + COLUMNS + " from dispute d where d.partner_id = ?1 order by d.opened_at, d.id", partnerId)
                .map(rows -> rows.stream().map(DisputeRow::of).toList());
    }

    public Uni<List<DisputeRow>> byStatus(String status) {
        return Sql.query("select " + COLUMNS + " from dispute d where (cast(?1 as varchar) is null or d.status = cast(?1 as varchar))"
                + " order by d.opened_at, d.id limit 1000", status).map(rows -> rows.stream().map(DisputeRow::of).toList());
    }

    private static String uuidOrNull(String s) {
        try {
            return s == null ? null : UUID.fromString(s).toString();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
