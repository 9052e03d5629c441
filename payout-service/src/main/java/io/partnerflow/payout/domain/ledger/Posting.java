package io.partnerflow.payout.domain.ledger;

import io.partnerflow.core.money.Money;

import java.util.Objects;

/**
 * One signed line of a journal: debit &gt; 0, credit &lt; 0, never zero. {@code partnerId} is the partner the posting
 * concerns — the owner of a partner account, and the partner a vendor posting was made for.
 */
public record Posting(AccountKind account, String partnerId, Money amount) {
    public Posting {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(partnerId, "partnerId");
        Objects.requireNonNull(amount, "amount");
        if (amount.isZero()) {
            throw new IllegalArgumentException("a posting is never zero");
        }
    }

    public String accountCode() {
        return account.code(partnerId, amount.currencyCode());
    }

    public static Posting debit(AccountKind account, String partnerId, Money amount) {
        return new Posting(account, partnerId, amount);
    }

    public static Posting credit(AccountKind account, String partnerId, Money amount) {
        return new Posting(account, partnerId, amount.negate());
    }
}
