package io.partnerflow.contracts.payout;

import io.partnerflow.core.money.Money;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code partnerflow.payout.paid.v1} on {@code payout.events}, key = {@link #partnerId()}: the payment of one
 * payout was confirmed.
 *
 * @param payoutId      the payout
 * @param runId         its run
 * @param partnerId     the partner paid
 * @param amount        the amount paid
 * @param method        {@code sepa_credit_transfer}, {@code ach}, {@code wire} or {@code manual}
 * @param bankReference the bank's / file's reference for the payment
 * @param valueDate     the value date
 * @param paidAt        when the payment was confirmed
 * @param confirmedBy   subject of the user who confirmed it, or {@code system} for bank-file confirmations
 * @param earningIds    the earnings (and clawbacks/adjustments) it settled
 */
public record PayoutPaid(
        String payoutId,
        String runId,
        String partnerId,
        Money amount,
        String method,
        String bankReference,
        LocalDate valueDate,
        Instant paidAt,
        String confirmedBy,
        List<String> earningIds) {

    public PayoutPaid {
        earningIds = earningIds == null ? List.of() : List.copyOf(earningIds);
    }
}
