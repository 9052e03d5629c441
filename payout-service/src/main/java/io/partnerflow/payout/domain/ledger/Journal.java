package io.partnerflow.payout.domain.ledger;

import io.partnerflow.core.money.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A balanced set of postings for one business event. Refuses to exist unbalanced (per currency) or with fewer than
 * two postings — and the database refuses the same at commit, so code and storage agree.
 */
public record Journal(UUID id, JournalKind kind, String partnerId, UUID earningId, UUID runItemId,
                      UUID reversesJournalId, String reason, Instant bookedAt, String createdBy, List<Posting> postings) {
    public Journal {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(bookedAt, "bookedAt");
        Objects.requireNonNull(createdBy, "createdBy");
        postings = List.copyOf(postings);
        if (postings.size() < 2) {
            throw new IllegalArgumentException("journal " + id + " needs at least two postings");
        }
        Map<String, BigDecimal> sums = sums(postings);
        sums.forEach((ccy, sum) -> {
            if (sum.signum() != 0) {
                throw new IllegalArgumentException("journal " + id + " does not balance in " + ccy + ": " + sum.toPlainString());
            }
        });
        if (reversesJournalId != null && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("a reversing journal needs a reason");
        }
    }

    static Map<String, BigDecimal> sums(List<Posting> postings) {
        Map<String, BigDecimal> sums = new TreeMap<>();
        for (Posting p : postings) {
            sums.merge(p.amount().currencyCode(), p.amount().amount(), BigDecimal::add);
        }
        return sums;
    }

    /** The journal that undoes this one exactly: every posting negated. */
    public Journal reversal(UUID id, JournalKind kind, String reason, Instant at, String actor) {
        return new Journal(id, kind, partnerId, earningId, runItemId, this.id, reason, at, actor,
                postings.stream().map(p -> new Posting(p.account(), p.partnerId(), p.amount().negate())).toList());
    }

    /** Two postings moving {@code amount} from {@code from} (debited) to {@code to} (credited). */
    public static List<Posting> move(AccountKind debit, AccountKind credit, String partnerId, Money amount) {
        return List.of(Posting.debit(debit, partnerId, amount), Posting.credit(credit, partnerId, amount));
    }
}
