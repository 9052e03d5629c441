package io.partnerflow.payout.application;

import io.partnerflow.payout.persistence.Steps;

import io.partnerflow.contracts.partner.PartnerRegistered;
import io.partnerflow.contracts.partner.PartnerStatusChanged;
import io.partnerflow.contracts.partner.PartnerUpdated;
import io.partnerflow.payout.persistence.Sql;
import io.partnerflow.platform.messaging.BatchMemo;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The projection of partner.events this service needs (name, status, country, payout currency), and the earnings
 * that waited for a partner to become known: they are booked, in arrival order, in the transaction that makes the
 * partner known.
 */
@ApplicationScoped
public class PartnerDirectory {
    private final EarningService earnings;
    private final Clock clock;

    public PartnerDirectory(EarningService earnings, Clock clock) {
        this.earnings = earnings;
        this.clock = clock;
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
                .chain(() -> bookWaiting(s.partnerId()));
    }

    private Uni<Void> upsert(String id, String name, String legalName, String status, String country, String currency) {
        return Sql.exec("""
                        insert into partner (partner_id, name, legal_name, status, country, payout_currency, updated_at)
                        values (?1, cast(?2 as text), cast(?3 as text), ?4, cast(?5 as varchar), cast(?6 as varchar), ?7)
                        on conflict (partner_id) do update set name = excluded.name, legal_name = excluded.legal_name,
                            status = excluded.status, country = excluded.country,
                            payout_currency = excluded.payout_currency, updated_at = excluded.updated_at""",
                        id, name, legalName, status == null ? "active" : status, country, currency, Times.now(clock))
                .chain(() -> bookWaiting(id));
    }

    public Uni<PartnerRow> find(String partnerId) {
        return Sql.one("select partner_id, name, legal_name, status, country, payout_currency from partner where partner_id = ?1",
                partnerId).map(r -> r == null ? null : new PartnerRow(r.str(0), r.str(1), r.str(2), r.str(3), r.str(4), r.str(5)));
    }

    /** Books an earning event now if its partner is known, else parks it in waiting_earning (visible, not booked). */
    public Uni<Void> bookOrWait(String eventId, String eventType, EarningLine line) {
        // the partner read once per consumer batch: no event of an incentive.earnings batch changes partners (#16)
        return BatchMemo.get("payout.partner." + line.partnerId(), () -> find(line.partnerId()))
                .chain(p -> p != null ? earnings.bookInTx(line)
                : Sql.exec("""
                                insert into waiting_earning (event_id, event_type, partner_id, payload, received_at)
                                values (?1, ?2, ?3, ?4, ?5) on conflict do nothing""",
                        eventId, eventType, line.partnerId(), line.payload(), Times.now(clock)).replaceWithVoid());
    }

    private Uni<Void> bookWaiting(String partnerId) {
        return Sql.query("select event_id, event_type, payload from waiting_earning where partner_id = ?1 order by received_at, event_id for update",
                partnerId).chain(rows -> {
            Steps chain = Steps.start();
            for (Sql.Row r : rows) {
                chain.chain(() -> earnings.bookInTx(EarningLine.parse(r.str(1), r.str(2))))
                        .chain(() -> Sql.exec("delete from waiting_earning where event_id = ?1", r.str(0)));
            }
            return chain.run();
        });
    }

    public record Waiting(String eventId, String eventType, String partnerId, Instant receivedAt, String payload) {
    }

    public Uni<List<Waiting>> waiting() {
        return Sql.query("select event_id, event_type, partner_id, received_at, payload from waiting_earning order by received_at limit 1000")
                .map(rows -> rows.stream().map(r -> new Waiting(r.str(0), r.str(1), r.str(2), r.instant(3), r.str(4))).toList());
    }
}
