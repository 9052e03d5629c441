package io.partnerflow.payout.domain.export;

import io.partnerflow.core.money.Money;

import java.util.Objects;

/**
 * One payment to one partner, as the payment-file writers need it. Bank fields not used by the item's method
 * may be {@code null}: SEPA uses {@code iban} and (optionally) {@code bic}; ACH uses {@code abaRouting},
 * {@code accountNumber}, {@code accountType} and {@code business} (CCD for businesses, PPD for individuals).
 * {@code reference} is the remittance information shown to the payee, at most 140 characters.
 *
 * <p>The constructor refuses (IllegalArgumentException / NullPointerException) a blank item or partner id, a
 * missing amount or method and a reference over 140 characters; bank details are checked by the writers and
 * {@link PaymentFiles}, so that a bad one can be listed for manual payment instead of failing the run.
 * {@link #toString()} masks the bank details.
 */
public record PayeeItem(
        String itemId,
        String partnerId,
        String partnerName,
        Money amount,
        Method method,
        String iban,
        String bic,
        String abaRouting,
        String accountNumber,
        AccountType accountType,
        boolean business,
        String reference) {

    /** Longest remittance text in pain.001 (Max140Text). */
    public static final int MAX_REFERENCE_LENGTH = 140;

    /** How a partner is paid. */
    public enum Method { SEPA, ACH, MANUAL }

    /** US account type for ACH ({@code null} for other methods; ACH treats {@code null} as CHECKING). */
    public enum AccountType { CHECKING, SAVINGS }

    public PayeeItem {
        if (itemId == null || itemId.isBlank()) {
            throw new IllegalArgumentException("payee item needs an item id");
        }
        if (partnerId == null || partnerId.isBlank()) {
            throw new IllegalArgumentException("payee item " + itemId + " needs a partner id");
        }
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(method, "method");
        if (reference != null && reference.length() > MAX_REFERENCE_LENGTH) {
            throw new IllegalArgumentException("payee item " + itemId + ": reference has " + reference.length()
                    + " characters, at most " + MAX_REFERENCE_LENGTH + " are allowed");
        }
    }

    @Override
    public String toString() {
        return "PayeeItem[itemId=" + itemId + ", partnerId=" + partnerId + ", amount=" + amount + ", method=" + method
                + ", iban=" + io.partnerflow.payout.domain.bank.BankAccounts.mask(iban)
                + ", bic=" + bic
                + ", abaRouting=" + io.partnerflow.payout.domain.bank.BankAccounts.mask(abaRouting)
                + ", accountNumber=" + io.partnerflow.payout.domain.bank.BankAccounts.mask(accountNumber)
                + ", accountType=" + accountType + ", business=" + business + "]";
    }
}
