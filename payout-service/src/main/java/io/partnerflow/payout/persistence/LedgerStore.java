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

    /**
     * Posts {@code journals} in list order with ONE statement (a consumer chunk's bookings, #16) — the same rows as
     * {@link #post} once per journal in that order: each journal is inserted unless its id exists already (then its
     * accounts and postings are not written either), the journals' {@code seq} follows the list, accounts are created
     * on first use (in code order) only for a journal that is new, postings follow the list and each journal's order.
     * Balance and "at least two postings" are checked per journal at commit as before. The statement's text does not
     * depend on the number of journals or postings (one array per column, amounts as exact text): PostgreSQL parses
     * and plans it once per connection.
     */
    public Uni<Void> postAll(List<Journal> journals) {
        if (journals.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        if (journals.size() == 1) {
            return post(journals.get(0)).replaceWithVoid();
        }
        int n = journals.size();
        java.util.UUID[] id = new java.util.UUID[n], earning = new java.util.UUID[n], runItem = new java.util.UUID[n],
                reverses = new java.util.UUID[n];
        String[] kind = new String[n], partner = new String[n], reason = new String[n], createdBy = new String[n];
        java.time.OffsetDateTime[] bookedAt = new java.time.OffsetDateTime[n];
        int postings = journals.stream().mapToInt(j -> j.postings().size()).sum();
        java.util.UUID[] postingJournal = new java.util.UUID[postings];
        String[] code = new String[postings], currency = new String[postings], postingPartner = new String[postings],
                amount = new String[postings], owner = new String[postings], accountPartner = new String[postings],
                accountKind = new String[postings];
        int k = 0;
        for (int i = 0; i < n; i++) {
            Journal j = journals.get(i);
            id[i] = j.id();
            kind[i] = j.kind().wire();
            partner[i] = j.partnerId();
            earning[i] = j.earningId();
            runItem[i] = j.runItemId();
            reverses[i] = j.reversesJournalId();
            reason[i] = j.reason();
            bookedAt[i] = java.time.OffsetDateTime.ofInstant(j.bookedAt(), java.time.ZoneOffset.UTC);
            createdBy[i] = j.createdBy();
            for (Posting p : j.postings()) {
                postingJournal[k] = j.id();
                code[k] = p.accountCode();
                currency[k] = p.amount().currencyCode();
                postingPartner[k] = p.partnerId();
                amount[k] = p.amount().amount().toPlainString();
                owner[k] = p.account().partnerAccount() ? "partner" : "vendor";
                accountPartner[k] = p.account().partnerAccount() ? p.partnerId() : null;
                accountKind[k] = p.account().wire();
                k++;
            }
        }
        return Sql.exec(POST_ALL, id, kind, partner, earning, runItem, reverses, reason, bookedAt, createdBy,
                postingJournal, code, currency, postingPartner, amount, owner, accountPartner, accountKind).replaceWithVoid();
    }

    static final String POST_ALL = """
            with j as (
                insert into journal (id, kind, partner_id, earning_id, run_item_id, reverses_journal_id, reason, booked_at,
                                     created_by)
                select x.id, x.kind, x.partner_id, x.earning_id, x.run_item_id, x.reverses, x.reason, x.booked_at, x.created_by
                  from unnest(cast(?1 as uuid[]), cast(?2 as text[]), cast(?3 as text[]), cast(?4 as uuid[]),
                              cast(?5 as uuid[]), cast(?6 as uuid[]), cast(?7 as text[]), cast(?8 as timestamptz[]),
                              cast(?9 as text[]))
                       with ordinality as x(id, kind, partner_id, earning_id, run_item_id, reverses, reason, booked_at,
                                            created_by, ord)
                 order by x.ord
                on conflict (id) do nothing returning id),
            p as (
                select * from unnest(cast(?10 as uuid[]), cast(?11 as text[]), cast(?12 as text[]), cast(?13 as text[]),
                                     cast(?14 as text[]), cast(?15 as text[]), cast(?16 as text[]), cast(?17 as text[]))
                       with ordinality as p(journal_id, code, currency, partner_id, amount, owner, account_partner,
                                            account_kind, ord)),
            a as (
                insert into ledger_account (code, owner, partner_id, kind, currency)
                select distinct on (p.code) p.code, p.owner, p.account_partner, p.account_kind, p.currency
                  from p join j on j.id = p.journal_id
                 order by p.code, p.ord
                on conflict (code) do nothing)
            insert into posting (journal_id, account_code, currency, partner_id, amount)
            select p.journal_id, p.code, p.currency, p.partner_id, cast(p.amount as numeric)
              from p join j on j.id = p.journal_id
             order by p.ord""";
}
