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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

    /** Lines per statement of {@link #bookAllInTx}: keeps each statement's arrays (and its transaction's step) bounded. */
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

    /**
     * A slice's lines and their "booked" history entries in ONE statement whose text does not depend on how many lines
     * there are (one array per column, amounts as exact text): PostgreSQL parses and plans it once per connection
     * (#16). The lines go in in list order; the statement answers the lines that were new.
     */
    static final String BOOK = """
            with e as (
                insert into earning (earning_id, partner_id, line_type, kind, amount, currency, status,
                    related_earning_id, deal_id, deal_name, attribution_id, source_closed_at, booking_period, summary,
                    occurred_at, booked_at, approve_after, approved_at, approved_by, payload)
                select x.id, x.partner_id, x.line_type, x.kind, cast(x.amount as numeric), x.currency, x.status,
                       x.related, x.deal_id, x.deal_name, x.attribution_id, x.closed_at, x.booking_period, x.summary,
                       x.occurred_at, cast(?17 as timestamptz), x.approve_after, case when x.approved then cast(?17 as timestamptz) end,
                       case when x.approved then cast(?18 as varchar) end, x.payload
                  from unnest(cast(?1 as uuid[]), cast(?2 as text[]), cast(?3 as text[]), cast(?4 as text[]),
                              cast(?5 as text[]), cast(?6 as text[]), cast(?7 as text[]), cast(?8 as uuid[]),
                              cast(?9 as text[]), cast(?10 as text[]), cast(?11 as text[]), cast(?12 as timestamptz[]),
                              cast(?13 as text[]), cast(?14 as text[]), cast(?15 as timestamptz[]),
                              cast(?16 as timestamptz[]), cast(?19 as boolean[]), cast(?20 as text[]))
                       with ordinality as x(id, partner_id, line_type, kind, amount, currency, status, related, deal_id,
                                            deal_name, attribution_id, closed_at, booking_period, summary, occurred_at,
                                            approve_after, approved, payload, ord)
                 order by x.ord
                on conflict (earning_id) do nothing returning earning_id, status, summary)
            insert into earning_history (earning_id, at, actor, action, from_status, to_status, reason)
            select e.earning_id, cast(?17 as timestamptz), cast(?18 as varchar), 'booked', null, e.status, e.summary from e returning earning_id""";

    private Uni<Void> bookSlice(List<EarningLine> lines, Instant now) {
        if (lines.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = lines.size();
        UUID[] id = new UUID[n], related = new UUID[n];
        String[] partner = new String[n], lineType = new String[n], kind = new String[n], amount = new String[n],
                currency = new String[n], status = new String[n], dealId = new String[n], dealName = new String[n],
                attributionId = new String[n], period = new String[n], summary = new String[n], payload = new String[n];
        OffsetDateTime[] closedAt = new OffsetDateTime[n], occurredAt = new OffsetDateTime[n], approveAfter = new OffsetDateTime[n];
        Boolean[] approved = new Boolean[n];
        Map<UUID, EarningBooking> bookings = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            EarningLine line = lines.get(i);
            EarningBooking b = EarningBooking.of(line.partnerId(), line.earningId(), line.amount(), line.closedAt(),
                    line.occurredAt(), config.earnings().holdWindow(), now, EarningService.SYSTEM);
            bookings.put(line.earningId(), b);
            id[i] = line.earningId();
            partner[i] = line.partnerId();
            lineType[i] = line.lineType();
            kind[i] = line.kind();
            amount[i] = line.amount().amount().toPlainString();
            currency[i] = line.amount().currencyCode();
            status[i] = b.status().wire();
            related[i] = line.relatedEarningId();
            dealId[i] = line.dealId();
            dealName[i] = line.dealName();
            attributionId[i] = line.attributionId();
            closedAt[i] = utc(Times.micros(line.closedAt()));
            period[i] = line.bookingPeriod();
            summary[i] = line.summary();
            occurredAt[i] = utc(Times.micros(line.occurredAt()));
            approveAfter[i] = utc(b.approveAfter());
            approved[i] = b.approvedAt() != null;
            payload[i] = line.payload();
        }
        return Sql.query(BOOK, id, partner, lineType, kind, amount, currency, status, related, dealId, dealName,
                attributionId, closedAt, period, summary, occurredAt, approveAfter, now, EarningService.SYSTEM, approved,
                payload).chain(rows -> {
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

    private static OffsetDateTime utc(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
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
