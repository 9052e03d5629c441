package io.partnerflow.payout.domain.ledger;

import io.partnerflow.core.money.Money;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JournalTest {
    static final Instant T = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void anUnbalancedJournalCannotBeBuilt() {
        assertThrows(IllegalArgumentException.class, () -> new Journal(UUID.randomUUID(), JournalKind.CORRECTION, "p", null, null,
                null, null, T, "x", List.of(Posting.debit(AccountKind.PAYABLE, "p", Money.of("1.00", "EUR")),
                Posting.credit(AccountKind.PAID, "p", Money.of("0.99", "EUR")))));
        assertThrows(IllegalArgumentException.class, () -> new Journal(UUID.randomUUID(), JournalKind.CORRECTION, "p", null, null,
                null, null, T, "x", List.of(Posting.debit(AccountKind.PAYABLE, "p", Money.of("1.00", "EUR")),
                Posting.credit(AccountKind.PAID, "p", Money.of("1.00", "USD")))));
        assertThrows(IllegalArgumentException.class, () -> Posting.debit(AccountKind.PAYABLE, "p", Money.of("0.00", "EUR")));
    }

    @Test
    void aReversalNegatesEveryPostingAndNeedsAReason() {
        Journal j = Journals.booked("p", UUID.randomUUID(), Money.of("12.34", "EUR"), false, T, "system");
        Journal r = j.reversal(UUID.randomUUID(), JournalKind.CORRECTION, "wrong deal", T, "finance");
        assertEquals(j.id(), r.reversesJournalId());
        for (int i = 0; i < j.postings().size(); i++) {
            assertEquals(j.postings().get(i).amount().negate(), r.postings().get(i).amount());
        }
        assertThrows(IllegalArgumentException.class, () -> j.reversal(UUID.randomUUID(), JournalKind.CORRECTION, " ", T, "x"));
    }

    @Test
    void journalIdsAreNameBasedSoARetryPostsNothing() {
        UUID earning = UUID.randomUUID();
        Ledger ledger = new Ledger();
        assertEquals(true, ledger.post(Journals.booked("p", earning, Money.of("5.00", "EUR"), false, T, "system")));
        assertEquals(false, ledger.post(Journals.booked("p", earning, Money.of("5.00", "EUR"), false, T.plusSeconds(9), "system")));
        assertEquals(Money.of("-5.00", "EUR"), ledger.balance(AccountKind.PENDING_EARNINGS, "p", "EUR"));
    }
}
