package io.partnerflow.payout.application;

import io.partnerflow.contracts.partner.PartnerRegistered;
import io.partnerflow.contracts.partner.PartnerStatusChanged;
import io.partnerflow.contracts.partner.PartnerUpdated;
import io.partnerflow.payout.persistence.Sql;
import io.partnerflow.platform.jobs.Rounds;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The projection of partner.events this service needs (name, status, country, payout currency), and the earnings
 * that waited for a partner to become known: they are booked, in arrival order, in the transaction that makes the
 * partner known when there are at most {@code payout.earnings.release-on-registration} of them (a poll of
 * partner.events is one transaction); more are left to the sweep ({@link StrandedEarningsJob}), which books them a
 * chunk per transaction, and the partner's new earnings queue behind them meanwhile.
 */
@ApplicationScoped
public class PartnerDirectory {
    private final EarningBookings earnings;
    private final Clock clock;
    private final int releaseChunk;
    private final int releaseOnRegistration;

    public PartnerDirectory(EarningBookings earnings, Clock clock, io.partnerflow.payout.config.PayoutConfig config) {
        this.earnings = earnings;
        this.clock = clock;
        this.releaseChunk = config.earnings().releaseChunk();
        this.releaseOnRegistration = config.earnings().releaseOnRegistration();
    }

    public record PartnerRow(String partnerId, String name, String legalName, String status, String country,
                             String payoutCurrency) {
    }

    public Uni<Void> onRegistered(PartnerRegistered p) {
        return upsert(p.partnerId(), p.name(), p.legalName(), p.status(), p.country(), p.payoutCurrency());
    }

    public Uni<Void> onUpdated(PartnerUpdated p) {
        return upsert(p.partnerId(), p.name(), p.legalName(), p.status(), p.country(), p.payoutCurrency());
    }

    public Uni<Void> onStatusChanged(PartnerStatusChanged s) {
        return Sql.exec("""
                        insert into partner (partner_id, status, updated_at) values (?1, ?2, ?3)
                        on conflict (partner_id) do update set status = excluded.status, updated_at = excluded.updated_at""",
                        s.partnerId(), s.to(), Times.now(clock))
                .chain(() -> bookWaitingIfFew(s.partnerId()));
    }

    private Uni<Void> upsert(String id, String name, String legalName, String status, String country, String currency) {
        return Sql.exec("""
                        insert into partner (partner_id, name, legal_name, status, country, payout_currency, updated_at)
                        values (?1, cast(?2 as text), cast(?3 as text), ?4, cast(?5 as varchar), cast(?6 as varchar), ?7)
                        on conflict (partner_id) do update set name = excluded.name, legal_name = excluded.legal_name,
                            status = excluded.status, country = excluded.country,
                            payout_currency = excluded.payout_currency, updated_at = excluded.updated_at""",
                        id, name, legalName, status == null ? "active" : status, country, currency, Times.now(clock))
                .chain(() -> bookWaitingIfFew(id));
    }

    public Uni<PartnerRow> find(String partnerId) {
        return Sql.one("select partner_id, name, legal_name, status, country, payout_currency from partner where partner_id = ?1",
                partnerId).map(r -> r == null ? null : new PartnerRow(r.str(0), r.str(1), r.str(2), r.str(3), r.str(4), r.str(5)));
    }

    /** An earning event of incentive.earnings, parsed. */
    public record EarningEvent(String eventId, String eventType, EarningLine line) {
    }

    /**
     * Books earning events (a consumer chunk, in offset order) whose partner is known, and parks the others in
     * waiting_earning (visible, not booked), in their order — the same as one event after the other, as no event of
     * incentive.earnings changes partners: the partners read once ({@code partner_id = any($1)}), the bookings with a
     * few multi-row statements ({@link EarningBookings#bookAllInTx}), the waiting rows with one (#16).
     */
    public Uni<Void> bookOrWait(List<EarningEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String[] partnerIds = events.stream().map(e -> e.line().partnerId()).distinct().toArray(String[]::new);
        // a partner with earnings still waiting is not bookable yet: its new earnings queue up behind them (their order
        // kept) until the partner's registration or the sweep books them all
        return Sql.query("""
                select p.partner_id from partner p where p.partner_id = any(?1)
                   and not exists (select 1 from waiting_earning w where w.partner_id = p.partner_id)""",
                (Object) partnerIds).chain(rows -> {
            Set<String> known = new HashSet<>();
            rows.forEach(r -> known.add(r.str(0)));
            List<EarningLine> book = new ArrayList<>();
            List<EarningEvent> wait = new ArrayList<>();
            for (EarningEvent e : events) {
                if (known.contains(e.line().partnerId())) {
                    book.add(e.line());
                } else {
                    wait.add(e);
                }
            }
            return earnings.bookAllInTx(book).chain(() -> park(wait));
        });
    }

    /**
     * One multi-row insert; {@code received_at} (the order they are booked in when the partner arrives) is the
     * chunk's time plus one microsecond per event, so events of one chunk keep their offset order.
     */
    private Uni<Void> park(List<EarningEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Instant now = Times.now(clock);
        Sql.Rows p = new Sql.Rows();
        StringBuilder sql = new StringBuilder("insert into waiting_earning (event_id, event_type, partner_id, payload, received_at) values ");
        for (int i = 0; i < events.size(); i++) {
            EarningEvent e = events.get(i);
            sql.append(i == 0 ? "" : ", ").append('(').append(p.add(e.eventId())).append(", ").append(p.add(e.eventType()))
                    .append(", ").append(p.add(e.line().partnerId())).append(", ").append(p.add(e.line().payload()))
                    .append(", ").append(p.add(now.plus(i, ChronoUnit.MICROS))).append(')');
        }
        return Sql.exec(p, sql.append(" on conflict do nothing").toString()).replaceWithVoid();
    }

    /**
     * The sweep of earnings left waiting for partners that are known by now: a round books them in arrival order per
     * partner, at most {@code payout.earnings.release-chunk} in all, and answers how many (the sweep repeats it, a transaction each, until
     * nothing is left). They are left when a registration found more than one chunk, and when a chunk of
     * incentive.earnings parks a partner's earnings while the partner's registration commits: each transaction is blind
     * to the other's uncommitted rows, so the registration's {@link #bookWaiting} does not see them (issue #16's longer
     * chunk transactions widen that window). Safe beside a registration or another replica's sweep: the waiting rows are
     * locked and deleted when booked, so each is booked once. A round picks the partners known by now that have
     * earnings waiting, in id order (the order every sweep locks them in), as many as the round books (their waiting
     * earnings reach the chunk), but those in {@code skip}: one whose earnings failed to book earlier in the run (see
     * {@link Rounds#sweep}).
     */
    public Rounds.Chunked<String> stranded() {
        // a partner is picked while the waiting earnings of the partners before it (in id order, skipped ones left out)
        // are fewer than the chunk: the cap and the skip in SQL, one row per picked partner
        return Rounds.Chunked.of(skip -> Sql.query("""
                                select partner_id from (
                                  select w.partner_id, sum(count(*)) over (order by w.partner_id) - count(*) as before
                                    from waiting_earning w join partner p on p.partner_id = w.partner_id
                                   where w.partner_id <> all(?1)
                                   group by w.partner_id) x
                                 where before < ?2 order by partner_id""", skip.toArray(String[]::new), (long) releaseChunk)
                        .map(rows -> rows.stream().map(r -> r.str(0)).toList()),
                partnerIds -> bookStranded(partnerIds, 0, 0));
    }

    private Uni<Integer> bookStranded(List<String> partnerIds, int next, int booked) {
        if (next >= partnerIds.size() || booked >= releaseChunk) {
            return Uni.createFrom().item(booked);
        }
        return bookWaiting(partnerIds.get(next), releaseChunk - booked)
                .chain(n -> bookStranded(partnerIds, next + 1, booked + n));
    }

    /** All earnings that waited for {@code partnerId} if there are at most release-on-registration, else none (the sweep's). */
    private Uni<Void> bookWaitingIfFew(String partnerId) {
        return Sql.query("select 1 from waiting_earning where partner_id = ?1 limit ?2", partnerId, releaseOnRegistration + 1)
                .chain(rows -> rows.isEmpty() || rows.size() > releaseOnRegistration ? Uni.createFrom().voidItem()
                        : bookWaiting(partnerId, releaseOnRegistration).replaceWithVoid());
    }

    /** The first {@code limit} earnings that waited for {@code partnerId}, booked in arrival order, then no longer waiting. */
    private Uni<Integer> bookWaiting(String partnerId, int limit) {
        return Sql.query("""
                select event_id, event_type, payload from waiting_earning where partner_id = ?1
                 order by received_at, event_id limit ?2 for update""", partnerId, limit).chain(rows -> {
            if (rows.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            List<EarningLine> lines = rows.stream().map(r -> EarningLine.parse(r.str(1), r.str(2))).toList();
            String[] eventIds = rows.stream().map(r -> r.str(0)).toArray(String[]::new);
            return earnings.bookAllInTx(lines)
                    .chain(() -> Sql.exec("delete from waiting_earning where event_id = any(?1)", (Object) eventIds))
                    .replaceWith(rows.size());
        });
    }

    public record Waiting(String eventId, String eventType, String partnerId, Instant receivedAt, String payload) {
    }

    public Uni<List<Waiting>> waiting() {
        return Sql.query("select event_id, event_type, partner_id, received_at, payload from waiting_earning order by received_at limit 1000")
                .map(rows -> rows.stream().map(r -> new Waiting(r.str(0), r.str(1), r.str(2), r.instant(3), r.str(4))).toList());
    }
}
