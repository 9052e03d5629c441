package io.partnerflow.payout.domain.ledger;

/**
 * The ledger's accounts. Partner accounts are liabilities (credit-normal); the vendor's incentive expense is
 * debit-normal; bank clearing holds what was committed to a bank file until the bank answers. Postings are signed:
 * debit &gt; 0, credit &lt; 0.
 */
public enum AccountKind {
    /** Earned, still inside the hold window (refund risk). */
    PENDING_EARNINGS(true),
    /** Approved and owed. */
    PAYABLE(true),
    /** Paid to the partner to date. */
    PAID(true),
    /** The vendor's cost of incentives. */
    INCENTIVE_EXPENSE(false),
    /** Payouts committed to the bank (approved runs) awaiting the bank's result. */
    BANK_CLEARING(false);

    private final boolean partnerAccount;

    AccountKind(boolean partnerAccount) {
        this.partnerAccount = partnerAccount;
    }

    public boolean partnerAccount() {
        return partnerAccount;
    }

    public String wire() {
        return name().toLowerCase();
    }

    /** The account code: {@code partner:<id>:payable:EUR} or {@code vendor:bank_clearing:EUR}. */
    public String code(String partnerId, String currency) {
        return partnerAccount ? "partner:" + partnerId + ":" + wire() + ":" + currency : "vendor:" + wire() + ":" + currency;
    }
}
