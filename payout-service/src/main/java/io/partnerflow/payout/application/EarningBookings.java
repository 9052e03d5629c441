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
     * {@value #BOOKING_SLICE} lines instead of two to six per line (#16): the lines and their history entries — a
     * positive line whose hold window already ended goes in approved, with its "booked" and "approved" entries — in
     * one statement, which answers the lines that were new; then every journal of the new lines, in line order
     * (booked, then approved, per line: {@link LedgerStore#postAll}). What a booking means is {@link EarningBooking}
     * (pure).
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
     * A slice's lines and their history entries in ONE statement whose text does not depend on how many lines there are
     * (one array per column, amounts as exact text): PostgreSQL parses and plans it once per connection (#16). The
     * lines go in in list order; the statement answers the lines that were new. A positive line whose hold window
     * ended before it arrived ({@code on_arrival}) is inserted approved with both entries — "booked" (to pending) and
     * "approved" (pending → approved) — the rows that booking it pending and approving it at once leave, without
     * updating the row it just inserted (a rebuild or backfill of old deals books every line this way).
     */
    static final String BOOK = """
            with x as (
              select * from unnest(?1::uuid[], ?2::text[], ?3::text[], ?4::text[], ?5::text[], ?6::text[], ?7::text[],
                ?8::uuid[], ?9::text[], ?10::text[], ?11::text[], ?12::timestamptz[], ?13::text[], ?14::text[],
                ?15::timestamptz[], ?16::timestamptz[], ?19::boolean[], ?20::text[], ?21::boolean[])
                with ordinality as x(id, partner_id, line_type, kind, amount, currency, status, related, deal_id,
                  deal_name, attribution_id, closed_at, booking_period, summary, occurred_at, approve_after, approved,
                  payload, on_arrival, ord)),
            e as (
              insert into earning (earning_id, partner_id, line_type, kind, amount, currency, status, related_earning_id,
                deal_id, deal_name, attribution_id, source_closed_at, booking_period, summary, occurred_at, booked_at,
                approve_after, approved_at, approved_by, payload)
              select id, partner_id, line_type, kind, amount::numeric, currency,
                case when on_arrival then 'approved' else status end, related, deal_id, deal_name, attribution_id,
                closed_at, booking_period, summary, occurred_at, ?17::timestamptz, approve_after,
                case when approved or on_arrival then ?17::timestamptz end,
                case when approved or on_arrival then ?18::varchar end, payload
                from x order by ord
              on conflict (earning_id) do nothing returning earning_id),
            h as (
              select 0 as step, ord, id, 'booked' as action, null as from_status, status as to_status, summary as reason
                from e join x on id = earning_id
              union all
              select 1, ord, id, 'approved', 'pending', 'approved', ?22::text from e join x on id = earning_id
               where on_arrival)
            insert into earning_history (earning_id, at, actor, action, from_status, to_status, reason)
            select id, ?17::timestamptz, ?18::varchar, action, from_status, to_status, reason from h order by step, ord
            returning earning_id, action""";

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
        Boolean[] approved = new Boolean[n], onArrival = new Boolean[n];
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
            onArrival[i] = b.approvedOnArrival();
            payload[i] = line.payload();
        }
        return Sql.query(BOOK, id, partner, lineType, kind, amount, currency, status, related, dealId, dealName,
                attributionId, closedAt, period, summary, occurredAt, approveAfter, now, EarningService.SYSTEM, approved,
                payload, onArrival, EarningBooking.APPROVED_ON_ARRIVAL_REASON).chain(rows -> {
            java.util.Set<UUID> inserted = new java.util.HashSet<>();
            rows.forEach(r -> {
                if ("booked".equals(r.get(1))) {
                    inserted.add(r.uuid(0));
                }
            });
            List<Journal> journals = new ArrayList<>();
            for (EarningBooking b : bookings.values()) {
                if (inserted.contains(b.earningId())) {
                    journals.addAll(b.journals());
                }
            }
            return ledger.postAll(journals);
        });
    }

    private static OffsetDateTime utc(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
