package io.partnerflow.payout.persistence;

import io.partnerflow.payout.domain.ledger.Journal;
import io.partnerflow.payout.domain.ledger.Posting;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Appends journals and their postings (accounts are created on first use). Must run in a transaction. */
@ApplicationScoped
public class LedgerStore {

    /**
     * Posts {@code j}; false when a journal with its id exists already (a retry or a redelivery): nothing changes.
     * ONE statement whatever the number of postings: the journal insert, the accounts it needs (created on first use,
     * in code order) and its postings (in the journal's order) are data-modifying parts of one {@code with}; the
     * accounts and postings are written only when the journal row was new. Foreign keys are checked at the end of the
     * statement, when the journal and the accounts exist; balance and "at least two postings" at commit as before.
     */
    public Uni<Boolean> post(Journal j) {
        List<Object> params = new ArrayList<>(List.of(j.id(), j.kind().wire()));
        params.addAll(Arrays.asList(j.partnerId(), j.earningId(), j.runItemId(), j.reversesJournalId(), j.reason()));
        params.addAll(List.of(j.bookedAt(), j.createdBy()));
        StringBuilder sql = new StringBuilder("""
                with j as (
                    insert into journal (id, kind, partner_id, earning_id, run_item_id, reverses_journal_id, reason, booked_at, created_by)
                    values (?1, ?2, cast(?3 as varchar), cast(?4 as uuid), cast(?5 as uuid), cast(?6 as uuid), cast(?7 as text), ?8, ?9)
                    on conflict (id) do nothing returning id)""");
        Map<String, Posting> accounts = new TreeMap<>();
        j.postings().forEach(p -> accounts.putIfAbsent(p.accountCode(), p));
        if (!accounts.isEmpty()) {
            sql.append(",\n").append("""
                    a as (
                    insert into ledger_account (code, owner, partner_id, kind, currency)
                    select v.code, v.owner, v.partner_id, v.kind, v.currency from (values """);
            String sep = "";
            for (Posting p : accounts.values()) {
                int n = params.size();
                sql.append(sep).append(String.format("(cast(?%d as varchar), cast(?%d as varchar), cast(?%d as varchar), cast(?%d as varchar), cast(?%d as varchar))",
                        n + 1, n + 2, n + 3, n + 4, n + 5));
                sep = ", ";
                params.addAll(Arrays.asList(p.accountCode(), p.account().partnerAccount() ? "partner" : "vendor",
                        p.account().partnerAccount() ? p.partnerId() : null, p.account().wire(), p.amount().currencyCode()));
            }
            sql.append("""
                    ) as v (code, owner, partner_id, kind, currency)
                    where exists (select 1 from j) order by v.code
                    on conflict (code) do nothing)""");
        }
        if (j.postings().isEmpty()) {
            sql.append("\nselect count(*) from j");
            return Sql.query(sql.toString(), params.toArray()).map(rows -> ((Number) rows.get(0).get(0)).intValue() > 0);
        }
        sql.append("\n").append("""
                insert into posting (journal_id, account_code, currency, partner_id, amount)
                select j.id, v.code, v.currency, v.partner_id, v.amount from j cross join (values """);
        String sep = "";
        int ord = 0;
        for (Posting p : j.postings()) {
            int n = params.size();
            sql.append(sep).append(String.format("(%d, cast(?%d as varchar), cast(?%d as varchar), cast(?%d as varchar), cast(?%d as numeric))",
                    ord++, n + 1, n + 2, n + 3, n + 4));
            sep = ", ";
            params.addAll(Arrays.asList(p.accountCode(), p.amount().currencyCode(), p.partnerId(), p.amount().amount()));
        }
        sql.append(") as v (ord, code, currency, partner_id, amount) order by v.ord");
        return Sql.exec(sql.toString(), params.toArray()).map(inserted -> inserted > 0);
    }
}
