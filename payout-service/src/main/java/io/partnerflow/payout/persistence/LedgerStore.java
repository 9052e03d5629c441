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
     * Balance and "at least two postings" are checked per journal at commit as before.
     */
    public Uni<Void> postAll(List<Journal> journals) {
        if (journals.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        if (journals.size() == 1) {
            return post(journals.get(0)).replaceWithVoid();
        }
        Sql.Rows p = new Sql.Rows();
        StringBuilder sql = new StringBuilder("with j as (\n    insert into journal (id, kind, partner_id, earning_id,"
                + " run_item_id, reverses_journal_id, reason, booked_at, created_by)\n    values ");
        String sep = "";
        Map<String, Posting> accounts = new TreeMap<>();
        Map<String, List<java.util.UUID>> usedBy = new TreeMap<>();
        for (Journal j : journals) {
            sql.append(sep).append('(').append(p.add(j.id())).append(", ").append(p.add(j.kind().wire())).append(", ")
                    .append(p.add(j.partnerId(), "varchar")).append(", ").append(p.add(j.earningId(), "uuid")).append(", ")
                    .append(p.add(j.runItemId(), "uuid")).append(", ").append(p.add(j.reversesJournalId(), "uuid")).append(", ")
                    .append(p.add(j.reason(), "text")).append(", ").append(p.add(j.bookedAt())).append(", ")
                    .append(p.add(j.createdBy())).append(')');
            sep = ", ";
            for (Posting posting : j.postings()) {
                accounts.putIfAbsent(posting.accountCode(), posting);
                List<java.util.UUID> users = usedBy.computeIfAbsent(posting.accountCode(), c -> new ArrayList<>());
                if (!users.contains(j.id())) {
                    users.add(j.id());
                }
            }
        }
        sql.append("\n    on conflict (id) do nothing returning id),\n")
                .append("a as (\n    insert into ledger_account (code, owner, partner_id, kind, currency)\n")
                .append("    select v.code, v.owner, v.partner_id, v.kind, v.currency from (values ");
        sep = "";
        for (Posting a : accounts.values()) {
            sql.append(sep).append('(').append(p.add(a.accountCode(), "varchar")).append(", ")
                    .append(p.add(a.account().partnerAccount() ? "partner" : "vendor", "varchar")).append(", ")
                    .append(p.add(a.account().partnerAccount() ? a.partnerId() : null, "varchar")).append(", ")
                    .append(p.add(a.account().wire(), "varchar")).append(", ")
                    .append(p.add(a.amount().currencyCode(), "varchar")).append(", ")
                    .append(p.add(usedBy.get(a.accountCode()).toArray(java.util.UUID[]::new), "uuid[]")).append(')');
            sep = ", ";
        }
        sql.append(") as v (code, owner, partner_id, kind, currency, journals)\n")
                .append("    where exists (select 1 from j where j.id = any(v.journals)) order by v.code\n")
                .append("    on conflict (code) do nothing)\n")
                .append("insert into posting (journal_id, account_code, currency, partner_id, amount)\n")
                .append("select v.journal_id, v.code, v.currency, v.partner_id, v.amount from (values ");
        sep = "";
        int ord = 0;
        for (Journal j : journals) {
            for (Posting posting : j.postings()) {
                sql.append(sep).append('(').append(ord++).append(", ").append(p.add(j.id(), "uuid")).append(", ")
                        .append(p.add(posting.accountCode(), "varchar")).append(", ")
                        .append(p.add(posting.amount().currencyCode(), "varchar")).append(", ")
                        .append(p.add(posting.partnerId(), "varchar")).append(", ")
                        .append(p.add(posting.amount().amount(), "numeric")).append(')');
                sep = ", ";
            }
        }
        sql.append(") as v (ord, journal_id, code, currency, partner_id, amount)\n")
                .append("join j on j.id = v.journal_id order by v.ord");
        return Sql.exec(p, sql.toString()).replaceWithVoid();
    }
}
