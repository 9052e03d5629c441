package io.partnerflow.payout.application;

import io.partnerflow.payout.config.PayoutConfig;
import io.partnerflow.payout.domain.earning.EarningBooking;
import io.partnerflow.payout.domain.ledger.Journal;
import io.partnerflow.payout.persistence.LedgerStore;
import io.partnerflow.payout.persistence.Sql;
import io.partnerflow.payout.persistence.Steps;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Books earning lines from incentive.earnings, inside the consumer's transaction (#16): a chunk's lines with a few
 * multi-row statements. The lines' later lifecycle (approval, holds, declines) is {@link EarningService}.
 */
@ApplicationScoped
public class EarningBookings {
    private final LedgerStore ledger;
    private final Clock clock;
    private final PayoutConfig config;

    public EarningBookings(LedgerStore ledger, Clock clock, PayoutConfig config) {
        this.ledger = ledger;
        this.clock = clock;
        this.config = config;
    }

    /** Rows per statement of {@link #bookAllInTx}: keeps a statement far below PostgreSQL's 65,535 parameters. */
    static final int BOOKING_SLICE = 500;

    /**
     * Books lines, each once, in list order (a consumer chunk in offset order, or the earnings that waited for a
     * partner): the same rows as booking them one after the other — the first line of an earning id wins, a line
     * whose earning is booked already changes nothing — with a few multi-row statements per
     * {@value #BOOKING_SLICE} lines instead of two to six per line (#16): the lines and their "booked" history
     * entries (one statement, which answers the lines that were new); for positive lines whose hold window already
     * ended, the approval and its history entries (one statement); every journal of the new lines, in line order
     * (booked, then approved, per line: {@link LedgerStore#postAll}). What a booking means is
     * {@link EarningBooking} (pure).
     */
    public Uni<Void> bookAllInTx(List<EarningLine> lines) {
        Map<UUID, EarningLine> firstPerEarning = new LinkedHashMap<>();
        for (EarningLine line : lines) {
            firstPerEarning.putIfAbsent(line.earningId(), line);
        }
        List<EarningLine> unique = new ArrayList<>(firstPerEarning.values());
        if (unique.size() <= BOOKING_SLICE) {
            return bookSlice(unique, Times.now(clock));
        }
        Steps steps = Steps.start();
        for (int from = 0; from < unique.size(); from += BOOKING_SLICE) {
            List<EarningLine> slice = unique.subList(from, Math.min(unique.size(), from + BOOKING_SLICE));
            steps.chain(() -> bookSlice(slice, Times.now(clock)));
        }
        return steps.run();
    }

    private Uni<Void> bookSlice(List<EarningLine> lines, Instant now) {
        if (lines.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<UUID, EarningBooking> bookings = new LinkedHashMap<>();
        Sql.Rows p = new Sql.Rows();
        String at = p.add(now);
        String system = p.add(EarningService.SYSTEM);
        StringBuilder sql = new StringBuilder("""
                with e as (
                    insert into earning (earning_id, partner_id, line_type, kind, amount, currency, status,
                        related_earning_id, deal_id, deal_name, attribution_id, source_closed_at, booking_period, summary,
                        occurred_at, booked_at, approve_after, approved_at, approved_by, payload)
                    values\s""");
        String sep = "";
        for (EarningLine line : lines) {
            EarningBooking b = EarningBooking.of(line.partnerId(), line.earningId(), line.amount(), line.closedAt(),
                    line.occurredAt(), config.earnings().holdWindow(), now, EarningService.SYSTEM);
            bookings.put(line.earningId(), b);
            boolean approvedNow = b.approvedAt() != null;
            sql.append(sep).append('(').append(p.add(line.earningId())).append(", ").append(p.add(line.partnerId()))
                    .append(", ").append(p.add(line.lineType())).append(", ").append(p.add(line.kind(), "varchar"))
                    .append(", ").append(p.add(line.amount().amount())).append(", ").append(p.add(line.amount().currencyCode()))
                    .append(", '").append(b.status().wire()).append("', ").append(p.add(line.relatedEarningId(), "uuid"))
                    .append(", ").append(p.add(line.dealId(), "varchar")).append(", ").append(p.add(line.dealName(), "text"))
                    .append(", ").append(p.add(line.attributionId(), "varchar"))
                    .append(", ").append(p.add(Times.micros(line.closedAt()), "timestamptz"))
                    .append(", ").append(p.add(line.bookingPeriod(), "varchar")).append(", ").append(p.add(line.summary(), "text"))
                    .append(", ").append(p.add(Times.micros(line.occurredAt()))).append(", ").append(at)
                    .append(", ").append(p.add(b.approveAfter()))
                    .append(", ").append(approvedNow ? at : "cast(null as timestamptz)")
                    .append(", ").append(approvedNow ? system : "cast(null as varchar)")
                    .append(", ").append(p.add(line.payload())).append(')');
            sep = ",\n           ";
        }
        // the "booked" history entry is written for a new line only; the statement answers the new lines
        sql.append("""

                    on conflict (earning_id) do nothing returning earning_id, status, summary)
                insert into earning_history (earning_id, at, actor, action, from_status, to_status, reason)
                select e.earning_id, %s, %s, 'booked', null, e.status, e.summary from e returning earning_id"""
                .formatted(at, system));
        return Sql.query(p, sql.toString()).chain(rows -> {
            java.util.Set<UUID> inserted = new java.util.HashSet<>();
            rows.forEach(r -> inserted.add(r.uuid(0)));
            List<Journal> journals = new ArrayList<>();
            List<UUID> approvedOnArrival = new ArrayList<>();
            for (EarningBooking b : bookings.values()) {
                if (inserted.contains(b.earningId())) {
                    journals.addAll(b.journals());
                    if (b.approvedOnArrival()) {
                        approvedOnArrival.add(b.earningId());
                    }
                }
            }
            return approveOnArrival(approvedOnArrival, now).chain(() -> ledger.postAll(journals));
        });
    }

    /** New, unheld pending lines whose window ended before they arrived: approved, with their history entries. */
    private Uni<Void> approveOnArrival(List<UUID> earningIds, Instant now) {
        if (earningIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Sql.exec("""
                        with u as (
                            update earning set status = 'approved', approved_at = ?1, approved_by = ?2
                             where earning_id = any(?3) and status = 'pending' and hold_reason is null
                               and open_dispute_id is null
                            returning earning_id)
                        insert into earning_history (earning_id, at, actor, action, from_status, to_status, reason)
                        select u.earning_id, ?1, ?2, 'approved', 'pending', 'approved', ?4 from u""",
                        now, EarningService.SYSTEM, earningIds.toArray(UUID[]::new), EarningBooking.APPROVED_ON_ARRIVAL_REASON)
                // the "approved" journals are posted for exactly these lines: the rows must agree with the ledger
                .invoke(updated -> {
                    if (updated != earningIds.size()) {
                        throw new IllegalStateException("approval on arrival changed " + updated + " of "
                                + earningIds.size() + " new earning lines: the ledger would disagree with the lines");
                    }
                })
                .replaceWithVoid();
    }
}
