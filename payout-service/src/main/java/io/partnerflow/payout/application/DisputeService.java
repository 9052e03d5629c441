package io.partnerflow.payout.application;

import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.Topics;
import io.partnerflow.contracts.payout.DisputeResolved;
import io.partnerflow.core.ids.NameBasedIds;
import io.partnerflow.core.money.Money;
import io.partnerflow.payout.domain.ledger.Journals;
import io.partnerflow.payout.persistence.Sql;
import io.partnerflow.platform.outbox.OutboxEvent;
import io.partnerflow.platform.outbox.OutboxWriter;
import io.partnerflow.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Disputes of earning lines. Opening one holds the line (not approved, not put into a run) until finance resolves
 * it: rejected (nothing posted), or accepted with an adjustment — a new earning line of type dispute_adjustment,
 * booked straight to payable with its own journal. Either way the partner sees the outcome and
 * {@code dispute.resolved} is published.
 */
@ApplicationScoped
public class DisputeService {
    private static final String COLUMNS = """
            d.id, d.partner_id, d.earning_id, d.reason, d.status, d.opened_by, d.opened_at, d.resolution,
            d.adjustment_amount, d.adjustment_currency, d.adjustment_earning_id, d.adjustment_journal_id, d.resolved_by,
            d.resolved_at""";

    private final EarningService earnings;
    private final OutboxWriter outbox;
    private final Clock clock;

    public DisputeService(EarningService earnings, OutboxWriter outbox, Clock clock) {
        this.earnings = earnings;
        this.outbox = outbox;
        this.clock = clock;
    }

    public record DisputeRow(UUID disputeId, String partnerId, UUID earningId, String reason, String status, String openedBy,
                             Instant openedAt, String resolution, Money adjustment, UUID adjustmentEarningId,
                             UUID adjustmentJournalId, String resolvedBy, Instant resolvedAt) {
        static DisputeRow of(Sql.Row r) {
            return new DisputeRow(r.uuid(0), r.str(1), r.uuid(2), r.str(3), r.str(4), r.str(5), r.instant(6), r.str(7),
                    r.dec(8) == null ? null : Money.of(r.dec(8), r.str(9)), r.uuid(10), r.uuid(11), r.str(12), r.instant(13));
        }
    }

    public Uni<DisputeRow> open(String partnerId, UUID earningId, String reason, String actor) {
        Instant now = Times.now(clock);
        UUID id = UUID.randomUUID();
        return Panache.withTransaction(() -> earnings.lockRow(earningId).chain(e -> {
                    if (!e.partnerId().equals(partnerId)) {
                        throw ProblemException.notFound("no such earning");
                    }
                    if (e.status() == io.partnerflow.payout.domain.earning.EarningStatus.DECLINED) {
                        throw ProblemException.conflict("earning " + earningId + " was declined: there is nothing to dispute");
                    }
                    if (e.openDisputeId() != null) {
                        throw ProblemException.conflict("earning " + earningId + " already has an open dispute " + e.openDisputeId());
                    }
                    return Sql.exec("""
                                    insert into dispute (id, partner_id, earning_id, reason, status, opened_by, opened_at)
                                    values (?1, ?2, ?3, ?4, 'open', ?5, ?6)""", id, partnerId, earningId, reason, actor, now)
                            .chain(() -> Sql.exec("update earning set open_dispute_id = ?2 where earning_id = ?1", earningId, id))
                            .chain(() -> earnings.history(earningId, now, actor, "disputed", e.status().wire(), e.status().wire(), reason))
                            .chain(() -> find(id));
                }))
                .onFailure(RunService::isUniqueViolation)
                .transform(t -> ProblemException.conflict("earning " + earningId + " already has an open dispute"));
    }

    public record Resolution(String outcome, String resolution, Money adjustment) {
    }

    public Uni<DisputeRow> resolve(UUID disputeId, Resolution r, String actor) {
        Instant now = Times.now(clock);
        return Panache.withTransaction(() -> Sql.one("select " + COLUMNS + " from dispute d where d.id = ?1 for update", disputeId)
                .chain(row -> {
                    if (row == null) {
                        throw ProblemException.notFound("no such dispute");
                    }
                    DisputeRow d = DisputeRow.of(row);
                    if (!"open".equals(d.status())) {
                        throw ProblemException.conflict("dispute " + disputeId + " was already " + d.status());
                    }
                    return earnings.lockRow(d.earningId()).chain(e -> {
                        boolean accepted = "accepted".equals(r.outcome());
                        if (accepted && !r.adjustment().currencyCode().equals(e.amount().currencyCode())) {
                            throw ProblemException.badRequest("the adjustment must be in the line's currency " + e.amount().currencyCode());
                        }
                        UUID adjustmentId = accepted ? NameBasedIds.of("payout.dispute-adjustment", disputeId) : null;
                        UUID journalId = accepted ? Journals.booked(d.partnerId(), adjustmentId, r.adjustment(), true, now, actor).id() : null;
                        Uni<Void> chain = Uni.createFrom().voidItem();
                        if (accepted) {
                            EarningLine line = new EarningLine(adjustmentId, d.partnerId(), "dispute_adjustment", e.kind(),
                                    r.adjustment(), d.earningId(), e.dealId(), e.dealName(), e.attributionId(), e.sourceClosedAt(),
                                    null, "Dispute accepted: " + r.resolution(), now, "{\"disputeId\":\"" + disputeId + "\"}");
                            chain = earnings.bookApprovedInTx(line, actor);
                        }
                        return chain
                                .chain(() -> Sql.exec("""
                                                update dispute set status = ?2, resolution = ?3, adjustment_amount = cast(?4 as numeric),
                                                       adjustment_currency = cast(?5 as varchar), adjustment_earning_id = cast(?6 as uuid),
                                                       adjustment_journal_id = cast(?7 as uuid), resolved_by = ?8, resolved_at = ?9
                                                 where id = ?1""", disputeId, r.outcome(), r.resolution(),
                                        accepted ? r.adjustment().amount() : null, accepted ? r.adjustment().currencyCode() : null,
                                        adjustmentId, journalId, actor, now))
                                .chain(() -> Sql.exec("update earning set open_dispute_id = null where earning_id = ?1", d.earningId()))
                                .chain(() -> earnings.history(d.earningId(), now, actor, "dispute_" + r.outcome(), e.status().wire(),
                                        e.status().wire(), r.resolution()))
                                .chain(() -> outbox.append(new OutboxEvent(NameBasedIds.of("payout.event.dispute-resolved", disputeId),
                                        Topics.PAYOUT_EVENTS, EventType.DISPUTE_RESOLVED.type(), "partner", d.partnerId(),
                                        disputeId.toString(), now, new DisputeResolved(disputeId.toString(), d.partnerId(), null,
                                        d.earningId().toString(), uuidOrNull(e.dealId()), d.reason(), r.outcome(), r.resolution(),
                                        accepted ? r.adjustment() : null, journalId == null ? null : journalId.toString(),
                                        d.openedAt(), now, actor))))
                                .chain(() -> find(disputeId));
                    });
                }));
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
