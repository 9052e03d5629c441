package io.partnerflow.payout.persistence;

import io.partnerflow.payout.domain.ledger.Journal;
import io.partnerflow.payout.domain.ledger.Posting;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Appends journals and their postings (accounts are created on first use). Must run in a transaction. */
@ApplicationScoped
public class LedgerStore {

    /** Posts {@code j}; false when a journal with its id exists already (a retry or a redelivery): nothing changes. */
    public Uni<Boolean> post(Journal j) {
        return Sql.exec("""
                        insert into journal (id, kind, partner_id, earning_id, run_item_id, reverses_journal_id, reason,
                                             booked_at, created_by)
                        values (?1, ?2, cast(?3 as varchar), cast(?4 as uuid), cast(?5 as uuid), cast(?6 as uuid),
                                cast(?7 as text), ?8, ?9) on conflict (id) do nothing""",
                        j.id(), j.kind().wire(), j.partnerId(), j.earningId(), j.runItemId(), j.reversesJournalId(),
                        j.reason(), j.bookedAt(), j.createdBy())
                .chain(inserted -> {
                    if (inserted == 0) {
                        return Uni.createFrom().item(false);
                    }
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Posting p : j.postings()) {
                        chain = chain.chain(() -> account(p)).chain(() -> Sql.exec("""
                                        insert into posting (journal_id, account_code, currency, partner_id, amount)
                                        values (?1, ?2, ?3, ?4, ?5)""",
                                j.id(), p.accountCode(), p.amount().currencyCode(), p.partnerId(), p.amount().amount())
                                .replaceWithVoid());
                    }
                    return chain.replaceWith(true);
                });
    }

    private static Uni<Void> account(Posting p) {
        return Sql.exec("""
                        insert into ledger_account (code, owner, partner_id, kind, currency)
                        values (?1, ?2, cast(?3 as varchar), ?4, ?5) on conflict (code) do nothing""",
                p.accountCode(), p.account().partnerAccount() ? "partner" : "vendor",
                p.account().partnerAccount() ? p.partnerId() : null, p.account().wire(), p.amount().currencyCode())
                .replaceWithVoid();
    }
}
