package io.partnerflow.payout.application;

import io.partnerflow.core.ids.NameBasedIds;
import io.partnerflow.core.money.Money;
import io.partnerflow.payout.domain.ledger.AccountKind;
import io.partnerflow.payout.domain.ledger.Journal;
import io.partnerflow.payout.domain.ledger.JournalKind;
import io.partnerflow.payout.domain.ledger.Posting;
import io.partnerflow.payout.persistence.LedgerStore;
import io.partnerflow.payout.persistence.Sql;
import io.partnerflow.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reversing journals for finance corrections, maker-checker: one finance user proposes the reversal of a posted
 * journal with a reason (nothing is posted); a SECOND finance user (another canonical identity) approves it, and a
 * {@code correction} journal — the original's postings with debit and credit swapped, {@code reverses} the original,
 * with the reason — is posted in the same transaction. A journal is reversed at most once.
 */
@ApplicationScoped
public class JournalReversalService {
    private static final String COLUMNS = """
            id, journal_id, reason, status, proposed_by, proposed_by_identity, proposed_at, approved_by, approved_at,
            reversal_journal_id""";

    private final LedgerStore ledger;
    private final Clock clock;

    public JournalReversalService(LedgerStore ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    public record Reversal(UUID reversalId, UUID journalId, String reason, String status, String proposedBy,
                           Instant proposedAt, String approvedBy, Instant approvedAt, UUID reversalJournalId) {
    }

    /** Proposes reversing {@code journalId}: 404 unknown journal, 409 already reversed or already proposed. */
    public Uni<Reversal> propose(UUID journalId, String reason, Actor actor) {
        Instant now = Times.now(clock);
        UUID id = UUID.randomUUID();
        return Panache.withTransaction(() -> Sql.one("select id from journal where id = ?1", journalId).chain(j -> {
            if (j == null) {
                throw ProblemException.notFound("no journal " + journalId);
            }
            return alreadyReversed(journalId);
        }).chain(() -> Sql.exec("""
                        insert into journal_reversal (id, journal_id, reason, status, proposed_by, proposed_by_identity, proposed_at)
                        values (?1, ?2, ?3, 'proposed', ?4, ?5, ?6) on conflict (journal_id) do nothing""",
                id, journalId, reason.trim(), actor.subject(), actor.identity(), now)).chain(inserted -> {
            if (inserted == 0) {
                throw ProblemException.conflict("the reversal of journal " + journalId + " has already been proposed");
            }
            return find(id);
        }));
    }

    /** A second finance user approves: the reversing journal is posted now. */
    public Uni<Reversal> approve(UUID reversalId, Actor actor) {
        Instant now = Times.now(clock);
        return Panache.withTransaction(() -> Sql.one("select " + COLUMNS + " from journal_reversal where id = ?1 for update",
                reversalId).chain(r -> {
            if (r == null) {
                throw ProblemException.notFound("no journal reversal " + reversalId);
            }
            if (!"proposed".equals(r.str(3))) {
                throw ProblemException.conflict("journal reversal " + reversalId + " is " + r.str(3) + " already");
            }
            if (actor.isSamePersonAs(r.str(5), r.str(4))) {
                throw new ProblemException(403, "Forbidden", "four eyes: " + actor.subject() + " proposed reversal "
                        + reversalId + " and cannot also approve it; another finance user must",
                        "urn:partnerflow:problem:four-eyes", null);
            }
            UUID journalId = r.uuid(1);
            String reason = r.str(2);
            UUID reversalJournalId = NameBasedIds.of("payout.journal.correction", reversalId);
            return alreadyReversed(journalId).chain(() -> load(journalId))
                    .map(original -> original.reversal(reversalJournalId, JournalKind.CORRECTION, reason, now, actor.subject()))
                    .chain(ledger::post)
                    .chain(() -> Sql.exec("""
                                    update journal_reversal set status = 'approved', approved_by = ?2, approved_by_identity = ?3,
                                           approved_at = ?4, reversal_journal_id = ?5 where id = ?1""",
                            reversalId, actor.subject(), actor.identity(), now, reversalJournalId))
                    .chain(() -> find(reversalId));
        }));
    }

    public Uni<Reversal> get(UUID reversalId) {
        return Panache.withSession(() -> find(reversalId)).map(r -> {
            if (r == null) {
                throw ProblemException.notFound("no journal reversal " + reversalId);
            }
            return r;
        });
    }

    public Uni<List<Reversal>> list(String status) {
        return Panache.withSession(() -> Sql.query("select " + COLUMNS + " from journal_reversal"
                + " where cast(?1 as varchar) is null or status = ?1 order by proposed_at, id", status)
                .map(rows -> rows.stream().map(JournalReversalService::view).toList()));
    }

    private Uni<Void> alreadyReversed(UUID journalId) {
        return Sql.one("select id from journal where reverses_journal_id = ?1", journalId).map(r -> {
            if (r != null) {
                throw ProblemException.conflict("journal " + journalId + " has already been reversed (by journal " + r.str(0) + ")");
            }
            return null;
        });
    }

    private Uni<Reversal> find(UUID id) {
        return Sql.one("select " + COLUMNS + " from journal_reversal where id = ?1", id).map(r -> r == null ? null : view(r));
    }

    private static Reversal view(Sql.Row r) {
        return new Reversal(r.uuid(0), r.uuid(1), r.str(2), r.str(3), r.str(4), r.instant(6), r.str(7), r.instant(8), r.uuid(9));
    }

    /** The posted journal as the domain sees it (postings in their order). */
    private Uni<Journal> load(UUID journalId) {
        return Sql.query("""
                select j.id, j.kind, j.partner_id, j.earning_id, j.run_item_id, j.reverses_journal_id, j.reason, j.booked_at,
                       j.created_by, a.kind, coalesce(p.partner_id, j.partner_id), p.amount, p.currency
                  from journal j join posting p on p.journal_id = j.id join ledger_account a on a.code = p.account_code
                 where j.id = ?1 order by p.id""", journalId).map(rows -> {
            List<Posting> postings = new ArrayList<>();
            for (Sql.Row r : rows) {
                postings.add(new Posting(AccountKind.valueOf(r.str(9).toUpperCase()), r.str(10), Money.of(r.dec(11), r.str(12))));
            }
            Sql.Row j = rows.get(0);
            return new Journal(j.uuid(0), JournalKind.fromWire(j.str(1)), j.str(2), j.uuid(3), j.uuid(4), j.uuid(5), j.str(6),
                    j.instant(7), j.str(8), postings);
        });
    }
}
