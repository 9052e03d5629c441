package io.partnerflow.payout.domain.export;

import io.partnerflow.core.money.Money;

/**
 * One payment to one partner, as the payment-file writers need it. Bank fields not used by the item's
 * method may be {@code null}. {@code reference} is the remittance information shown to the payee
 * (at most 140 characters).
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

    /** How a partner is paid. */
    public enum Method { SEPA, ACH, MANUAL }

    /** US account type for ACH ({@code null} for other methods; ACH treats {@code null} as CHECKING). */
    public enum AccountType { CHECKING, SAVINGS }
}
