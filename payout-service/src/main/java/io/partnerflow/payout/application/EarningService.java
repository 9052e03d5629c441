package io.partnerflow.payout.application;

import io.partnerflow.core.money.Money;
import io.partnerflow.payout.config.PayoutConfig;
import io.partnerflow.payout.domain.earning.EarningStatus;
import io.partnerflow.payout.domain.ledger.Journals;
import io.partnerflow.payout.persistence.LedgerStore;
import io.partnerflow.payout.persistence.Sql;
import io.partnerflow.platform.jobs.AdvisoryLock;
import io.partnerflow.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Earning lines and their lifecycle: booked (pending, or payable at once for negative lines and lines whose hold
 * window already ended) → approved (window ended: scheduled job or on demand; or finance) / declined (a reversing
 * journal with the reason) ; holds by finance with a reason. Methods without "InTx" open their own transaction.
 */
@ApplicationScoped
public class EarningService {
    public static final String SYSTEM = "system";
    static final String COLUMNS = """
            e.earning_id, e.partner_id, e.line_type, e.kind, e.amount, e.currency, e.status, e.hold_reason, e.held_by,
            e.open_dispute_id, e.related_earning_id, e.deal_id, e.deal_name, e.attribution_id, e.source_closed_at,
            e.booking_period, e.summary, e.occurred_at, e.booked_at, e.approve_after, e.approved_at, e.approved_by,
            e.decided_reason""";

    private final LedgerStore ledger;
    private final Clock clock;
    private final PayoutConfig config;
    private final AdvisoryLock lock;

    public EarningService(LedgerStore ledger, Clock clock, PayoutConfig config, AdvisoryLock lock) {
        this.ledger = ledger;
        this.clock = clock;
        this.config = config;
        this.lock = lock;
    }

    /** An earning line as read from the database. */
    public record EarningRow(UUID earningId, String partnerId, String lineType, String kind, Money amount,
                             EarningStatus status, String holdReason, String heldBy, UUID openDisputeId,
                             UUID relatedEarningId, String dealId, String dealName, String attributionId,
                             Instant sourceClosedAt, String bookingPeriod, String summary, Instant occurredAt,
                             Instant bookedAt, Instant approveAfter, Instant approvedAt, String approvedBy,
                             String decidedReason) {
        static EarningRow of(Sql.Row r) {
            return new EarningRow(r.uuid(0), r.str(1), r.str(2), r.str(3), Money.of(r.dec(4), r.str(5)),
                    EarningStatus.fromWire(r.str(6)), r.str(7), r.str(8), r.uuid(9), r.uuid(10), r.str(11), r.str(12),
                    r.str(13), r.instant(14), r.str(15), r.str(16), r.instant(17), r.instant(18), r.instant(19),
                    r.instant(20), r.str(21), r.str(22));
        }

        public boolean held() {
            return holdReason != null || openDisputeId != null;
        }

        /** The status shown to users: "held" overlays pending/approved while a hold or an open dispute stands. */
        public String displayStatus() {
            return held() && status.canBeHeld() ? "held" : status.wire();
        }
    }

    /** Books a line finance decided on (a dispute's adjustment): straight to payable, approved at once. */
    public Uni<Void> bookApprovedInTx(EarningLine line, String actor) {
        Instant now = Times.now(clock);
        return Sql.exec("""
                        insert into earning (earning_id, partner_id, line_type, kind, amount, currency, status,
                            related_earning_id, deal_id, deal_name, attribution_id, source_closed_at, summary,
                            occurred_at, booked_at, approve_after, approved_at, approved_by, payload)
                        values (?1, ?2, ?3, cast(?4 as varchar), ?5, ?6, 'approved', cast(?7 as uuid), cast(?8 as varchar),
                            cast(?9 as text), cast(?10 as varchar), cast(?11 as timestamptz), cast(?12 as text), ?13, ?13, ?13, ?13, ?14, ?15)""",
                        line.earningId(), line.partnerId(), line.lineType(), line.kind(), line.amount().amount(),
                        line.amount().currencyCode(), line.relatedEarningId(), line.dealId(), line.dealName(), line.attributionId(),
                        Times.micros(line.closedAt()), line.summary(), now, actor, line.payload())
                .chain(() -> history(line.earningId(), now, actor, "booked", null, "approved", line.summary()))
                .chain(() -> ledger.post(Journals.booked(line.partnerId(), line.earningId(), line.amount(), true, now, actor)))
                .replaceWithVoid();
    }

    // ---- lifecycle

    public Uni<EarningRow> find(UUID earningId) {
        return Sql.one("select " + COLUMNS + " from earning e where e.earning_id = ?1", earningId)
                .map(r -> r == null ? null : EarningRow.of(r));
    }

    Uni<EarningRow> lockRow(UUID earningId) {
        return Sql.one("select " + COLUMNS + " from earning e where e.earning_id = ?1 for update", earningId)
                .map(r -> {
                    if (r == null) {
                        throw ProblemException.notFound("no earning " + earningId);
                    }
                    return EarningRow.of(r);
                });
    }

    /** Approves a pending, unheld line now (the window ended, or finance decided early). */
    public Uni<Void> approveInTx(UUID earningId, String actor, String reason) {
        Instant now = Times.now(clock);
        return lockRow(earningId).chain(e -> {
            if (!e.status().canBeApproved()) {
                throw ProblemException.conflict("earning " + earningId + " is " + e.status().wire() + ", not pending");
            }
            if (e.held()) {
                throw ProblemException.conflict("earning " + earningId + " is held: release it first");
            }
            return Sql.exec("update earning set status = 'approved', approved_at = ?2, approved_by = ?3 where earning_id = ?1",
                            earningId, now, actor)
                    .chain(() -> ledger.post(Journals.approved(e.partnerId(), earningId, e.amount(), now, actor)))
                    .chain(() -> history(earningId, now, actor, "approved", "pending", "approved", reason));
        });
    }

    public Uni<EarningRow> approve(UUID earningId, String actor, String reason) {
        return Panache.withTransaction(() -> approveInTx(earningId, actor, reason).chain(() -> find(earningId)));
    }

    /** Approves every unheld pending line whose window ended by now; once across replicas. Returns how many. */
    public Uni<Integer> approveDue() {
        // one short transaction per batch (the lock is held briefly), until a batch comes back short
        return approveDueBatch().chain(n -> n < APPROVAL_BATCH ? Uni.createFrom().item(n) : approveDue().map(m -> n + m));
    }

    private static final int APPROVAL_BATCH = 200;

    private Uni<Integer> approveDueBatch() {
        return Panache.withTransaction(() -> lock.tryLock("payout.earning-approval").chain(got -> {
            if (!got) {
                return Uni.createFrom().item(0);
            }
            return Sql.query("""
                            select earning_id from earning
                             where status = 'pending' and hold_reason is null and open_dispute_id is null and approve_after <= ?1
                             order by approve_after, earning_id limit ?2""", Times.now(clock), APPROVAL_BATCH)
                    // one after the other on the session, as a flat stream (a chain nested per row grows the stack)
                    .chain(rows -> Multi.createFrom().iterable(rows)
                            .onItem().transformToUniAndConcatenate(r -> approveInTx(r.uuid(0), SYSTEM, "hold window ended")
                                    .replaceWith(Boolean.TRUE))
                            .collect().with(java.util.stream.Collectors.counting())
                            .map(Long::intValue));
        }));
    }

    public Uni<EarningRow> hold(UUID earningId, String reason, String actor) {
        Instant now = Times.now(clock);
        return Panache.withTransaction(() -> lockRow(earningId).chain(e -> {
            if (!e.status().canBeHeld()) {
                throw ProblemException.conflict("earning " + earningId + " is " + e.status().wire() + " and cannot be held");
            }
            if (e.holdReason() != null) {
                throw ProblemException.conflict("earning " + earningId + " is already held: " + e.holdReason());
            }
            return Sql.exec("update earning set hold_reason = ?2, held_by = ?3 where earning_id = ?1", earningId, reason, actor)
                    .chain(() -> history(earningId, now, actor, "held", e.status().wire(), e.status().wire(), reason))
                    .chain(() -> find(earningId));
        }));
    }

    public Uni<EarningRow> release(UUID earningId, String reason, String actor) {
        Instant now = Times.now(clock);
        return Panache.withTransaction(() -> lockRow(earningId).chain(e -> {
            if (e.holdReason() == null) {
                throw ProblemException.conflict("earning " + earningId + " is not held by finance");
            }
            Uni<Void> chain = Sql.exec("update earning set hold_reason = null, held_by = null where earning_id = ?1", earningId)
                    .chain(() -> history(earningId, now, actor, "released", e.status().wire(), e.status().wire(), reason));
            if (e.status() == EarningStatus.PENDING && e.openDisputeId() == null && !e.approveAfter().isAfter(now)) {
                chain = chain.chain(() -> approveInTx(earningId, SYSTEM, "released after its hold window ended"));
            }
            return chain.chain(() -> find(earningId));
        }));
    }

    /** A decline waiting for a second finance user: why it needs one, who asked, when. */
    public record DeclineRequest(UUID earningId, String reason, String why, String requestedBy, Instant requestedAt) {
    }

    /** The line after the call, and the pending request when the decline waits for a second finance user. */
    public record Declined(EarningRow row, DeclineRequest pending) {
    }

    /**
     * Declines a line (reversing journal with the reason). Four eyes: declining a negative line (a clawback — the
     * partner gets the money back) or a line above {@code payout.four-eyes.second-approval-above} needs two finance
     * users — the first call records the request (nothing posted), the same call by ANOTHER user declines it; the
     * requester again is 403.
     */
    public Uni<Declined> decline(UUID earningId, String reason, Actor actor) {
        Instant now = Times.now(clock);
        return Panache.withTransaction(() -> lockRow(earningId).chain(e -> {
            if (!e.status().canBeDeclined()) {
                throw ProblemException.conflict("earning " + earningId + " is " + e.status().wire() + " and cannot be declined");
            }
            String why = e.amount().isNegative() ? "negative_line"
                    : e.amount().amount().abs().compareTo(config.fourEyes().secondApprovalAbove(e.amount().currencyCode())) > 0
                    ? "above_threshold" : null;
            if (why == null) {
                return declineNow(e, reason, actor.subject(), now).map(r -> new Declined(r, null));
            }
            return Sql.one("select reason, requested_by, requested_by_identity, requested_at from earning_decline_request"
                    + " where earning_id = ?1 and decided_at is null", earningId).chain(req -> {
                if (req == null) {
                    return Sql.exec("""
                                    insert into earning_decline_request (earning_id, reason, requested_by, requested_by_identity, requested_at)
                                    values (?1, ?2, ?3, ?4, ?5)
                                    on conflict (earning_id) do update set reason = excluded.reason, requested_by = excluded.requested_by,
                                        requested_by_identity = excluded.requested_by_identity, requested_at = excluded.requested_at,
                                        decided_by = null, decided_by_identity = null, decided_at = null""",
                                    earningId, reason, actor.subject(), actor.identity(), now)
                            .chain(() -> history(earningId, now, actor.subject(), "decline_requested", e.status().wire(), e.status().wire(),
                                    reason + " (" + why + ": a second finance user declines it)"))
                            .chain(() -> find(earningId))
                            .map(r -> new Declined(r, new DeclineRequest(earningId, reason, why, actor.subject(), now)));
                }
                if (actor.isSamePersonAs(req.str(2), req.str(1))) {
                    throw new ProblemException(403, "Forbidden", "four eyes: " + actor.subject() + " asked to decline earning "
                            + earningId + " and cannot also confirm it; another finance user must", "urn:partnerflow:problem:four-eyes", null);
                }
                return Sql.exec("update earning_decline_request set decided_by = ?2, decided_by_identity = ?3, decided_at = ?4 where earning_id = ?1",
                                earningId, actor.subject(), actor.identity(), now)
                        .chain(() -> declineNow(e, req.str(0) + " (requested by " + req.str(1) + ", confirmed by " + actor.subject() + ")",
                                actor.subject(), now))
                        .map(r -> new Declined(r, null));
            });
        }));
    }

    public Uni<List<DeclineRequest>> pendingDeclines() {
        return Sql.query("""
                        select r.earning_id, r.reason, case when e.amount < 0 then 'negative_line' else 'above_threshold' end,
                               r.requested_by, r.requested_at
                          from earning_decline_request r join earning e on e.earning_id = r.earning_id
                         where r.decided_at is null and e.status in ('pending', 'approved') order by r.requested_at, r.earning_id""")
                .map(rows -> rows.stream().map(r -> new DeclineRequest(r.uuid(0), r.str(1), r.str(2), r.str(3), r.instant(4))).toList());
    }

    private Uni<EarningRow> declineNow(EarningRow e, String reason, String actor, Instant now) {
        UUID earningId = e.earningId();
        UUID booking = io.partnerflow.core.ids.NameBasedIds.of("payout.journal.booked", earningId); // = Journals.booked(…).id()
        Uni<Void> chain = Sql.one("select id from journal where reverses_journal_id = ?1", booking).map(r -> {
            if (r != null) { // a finance correction (JournalReversalService) reversed the booking already
                throw ProblemException.conflict("the booking of earning " + earningId + " was already reversed by journal "
                        + r.str(0) + "; it cannot be declined too");
            }
            return null;
        }).chain(() -> Sql.exec("update earning set status = 'declined', decided_reason = ?2 where earning_id = ?1",
                earningId, reason)).replaceWithVoid();
        if (!e.amount().isZero()) {
            chain = chain.chain(() -> ledger.post(Journals.declined(e.partnerId(), earningId, booking, e.amount(),
                    e.status() == EarningStatus.APPROVED, reason, now, actor)).replaceWithVoid());
        }
        return chain.chain(() -> history(earningId, now, actor, "declined", e.status().wire(), "declined", reason))
                .chain(() -> find(earningId));
    }

    public Uni<List<EarningRow>> forPartner(String partnerId, String status) {
        return Sql.query("select " + COLUMNS + " from earning e where e.partner_id = ?1 and (cast(?2 as varchar) is null"
                        + " or e.status = cast(?2 as varchar)) order by e.booked_at, e.earning_id", partnerId, status)
                .map(rows -> rows.stream().map(EarningRow::of).toList());
    }

    public record HistoryEntry(Instant at, String actor, String action, String fromStatus, String toStatus, String reason) {
    }

    public Uni<List<HistoryEntry>> history(UUID earningId) {
        return Sql.query("select at, actor, action, from_status, to_status, reason from earning_history where earning_id = ?1 order by id",
                        earningId)
                .map(rows -> rows.stream().map(r -> new HistoryEntry(r.instant(0), r.str(1), r.str(2), r.str(3), r.str(4), r.str(5))).toList());
    }

    Uni<Void> history(UUID earningId, Instant at, String actor, String action, String from, String to, String reason) {
        return Sql.exec("""
                        insert into earning_history (earning_id, at, actor, action, from_status, to_status, reason)
                        values (?1, ?2, ?3, ?4, cast(?5 as varchar), cast(?6 as varchar), cast(?7 as text))""",
                earningId, at, actor, action, from, to, reason).replaceWithVoid();
    }
}
