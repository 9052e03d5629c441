package io.partnerflow.payout.domain.ledger;

import io.partnerflow.core.money.Money;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * An in-memory ledger with the database's rules (append-only, balanced journals, a journal id posts once, a
 * journal is reversed at most once): the pure model the property tests drive, and what the service's
 * journals are checked against.
 */
public final class Ledger {
    private final List<Journal> journals = new ArrayList<>();
    private final Set<UUID> ids = new HashSet<>();
    private final Set<UUID> reversed = new HashSet<>();
    private final Map<String, BigDecimal> cached = new HashMap<>();

    /** Posts a journal; false (and nothing changes) when its id was posted before. */
    public boolean post(Journal j) {
        if (j.reversesJournalId() != null && reversed.contains(j.reversesJournalId())) {
            throw new IllegalStateException("journal " + j.reversesJournalId() + " was already reversed");
        }
        if (!ids.add(j.id())) {
            return false;
        }
        if (j.reversesJournalId() != null) {
            reversed.add(j.reversesJournalId());
        }
        journals.add(j);
        for (Posting p : j.postings()) {
            cached.merge(p.accountCode(), p.amount().amount(), BigDecimal::add);
        }
        return true;
    }

    public List<Journal> journals() {
        return Collections.unmodifiableList(journals);
    }

    /** The running (cached) balance of an account, debit-positive. */
    public Money cachedBalance(AccountKind kind, String partnerId, String currency) {
        return Money.of(cached.getOrDefault(kind.code(partnerId, currency), BigDecimal.ZERO), currency);
    }

    /** The balance as the sum of every posting to the account, debit-positive. */
    public Money balance(AccountKind kind, String partnerId, String currency) {
        String code = kind.code(partnerId, currency);
        Money sum = Money.zero(currency);
        for (Journal j : journals) {
            for (Posting p : j.postings()) {
                if (p.accountCode().equals(code)) {
                    sum = sum.plus(p.amount());
                }
            }
        }
        return sum;
    }

    /** What the partner is owed (pending + payable + in clearing), credit shown positive. */
    public Money owed(String partnerId, String currency) {
        Money sum = Money.zero(currency);
        for (Journal j : journals) {
            for (Posting p : j.postings()) {
                if (partnerId.equals(p.partnerId()) && p.amount().currencyCode().equals(currency)
                        && p.account() != AccountKind.PAID && p.account() != AccountKind.INCENTIVE_EXPENSE) {
                    sum = sum.minus(p.amount());
                }
            }
        }
        return sum;
    }
}
