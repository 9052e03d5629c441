package io.partnerflow.payout.application;

import io.partnerflow.core.money.Money;
import io.partnerflow.payout.persistence.Sql;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads of the ledger: balances are sums of postings, always (no cached balance). */
@ApplicationScoped
public class LedgerQueries {

    /**
     * A partner's balances in one currency, credit shown positive: pending (hold window), payable (approved,
     * owed), inPayment (committed to the bank, awaiting its result), paid (to date); owed = pending + payable +
     * inPayment; available = approved lines free of holds and not in a run (what a run would consider).
     */
    public record Balance(Money pending, Money payable, Money inPayment, Money paid, Money owed, Money available) {
    }

    public Uni<List<Balance>> balances(String partnerId) {
        return Sql.query("""
                        select p.currency,
                               coalesce(sum(case when a.kind = 'pending_earnings' then -p.amount end), 0),
                               coalesce(sum(case when a.kind = 'payable' then -p.amount end), 0),
                               coalesce(sum(case when a.kind = 'bank_clearing' then -p.amount end), 0),
                               coalesce(sum(case when a.kind = 'paid' then -p.amount end), 0)
                          from posting p join ledger_account a on a.code = p.account_code
                         where p.partner_id = ?1 and a.kind <> 'incentive_expense'
                         group by p.currency order by p.currency""", partnerId)
                .chain(rows -> Sql.query("""
                                select currency, sum(amount) from earning
                                 where partner_id = ?1 and status = 'approved' and hold_reason is null and open_dispute_id is null
                                 group by currency""", partnerId)
                        .map(avail -> {
                            Map<String, BigDecimal> available = new LinkedHashMap<>();
                            avail.forEach(r -> available.put(r.str(0), r.dec(1)));
                            List<Balance> out = new ArrayList<>();
                            for (Sql.Row r : rows) {
                                String ccy = r.str(0);
                                Money pending = Money.of(r.dec(1), ccy);
                                Money payable = Money.of(r.dec(2), ccy);
                                Money inPayment = Money.of(r.dec(3), ccy);
                                out.add(new Balance(pending, payable, inPayment, Money.of(r.dec(4), ccy),
                                        pending.plus(payable).plus(inPayment),
                                        Money.of(available.getOrDefault(ccy, BigDecimal.ZERO), ccy)));
                            }
                            return out;
                        }));
    }

    public record PostingView(String account, String accountKind, String partnerId, Money amount) {
    }

    public record JournalView(UUID journalId, long seq, String kind, String partnerId, UUID earningId, UUID runItemId,
                              UUID reversesJournalId, String reason, Instant bookedAt, String createdBy,
                              List<PostingView> postings) {
    }

    /** Journals (with postings) booked in [from, to), optionally of one partner, in booking order. */
    public Uni<List<JournalView>> journals(String partnerId, Instant from, Instant to, int limit) {
        return Sql.query("""
                        select j.id, j.seq, j.kind, j.partner_id, j.earning_id, j.run_item_id, j.reverses_journal_id, j.reason,
                               j.booked_at, j.created_by, p.account_code, a.kind, p.partner_id, p.amount, p.currency
                          from (select * from journal
                                 where (cast(?1 as varchar) is null or partner_id = cast(?1 as varchar))
                                   and (cast(?2 as timestamptz) is null or booked_at >= cast(?2 as timestamptz))
                                   and (cast(?3 as timestamptz) is null or booked_at < cast(?3 as timestamptz))
                                 order by seq limit ?4) j
                          join posting p on p.journal_id = j.id
                          join ledger_account a on a.code = p.account_code
                         order by j.seq, p.id""", partnerId, from, to, limit)
                .map(rows -> {
                    Map<UUID, JournalView> out = new LinkedHashMap<>();
                    for (Sql.Row r : rows) {
                        JournalView j = out.computeIfAbsent(r.uuid(0), id -> new JournalView(id, r.lng(1), r.str(2), r.str(3),
                                r.uuid(4), r.uuid(5), r.uuid(6), r.str(7), r.instant(8), r.str(9), new ArrayList<>()));
                        j.postings().add(new PostingView(r.str(10), r.str(11), r.str(12), Money.of(r.dec(13), r.str(14))));
                    }
                    return List.copyOf(out.values());
                });
    }

    /** The journals of [from, to) as CSV for the vendor's general ledger: one row per posting, debit and credit columns. */
    public Uni<String> journalsCsv(Instant from, Instant to) {
        return journals(null, from, to, 1_000_000).map(journals -> {
            StringBuilder csv = new StringBuilder(
                    "journal_seq,journal_id,booked_at,kind,partner_id,earning_id,run_item_id,reverses_journal_id,reason,"
                            + "account,account_kind,currency,debit,credit\n");
            for (JournalView j : journals) {
                for (PostingView p : j.postings()) {
                    BigDecimal a = p.amount().amount();
                    Csv.row(csv, String.valueOf(j.seq()), j.journalId().toString(), j.bookedAt().toString(), j.kind(),
                            p.partnerId(), str(j.earningId()), str(j.runItemId()), str(j.reversesJournalId()), j.reason(),
                            p.account(), p.accountKind(), p.amount().currencyCode(),
                            a.signum() > 0 ? a.toPlainString() : "", a.signum() < 0 ? a.negate().toPlainString() : "");
                }
            }
            return csv.toString();
        });
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }
}
