package io.partnerflow.contracts.payout;

import io.partnerflow.core.money.Money;

import java.time.Instant;

/**
 * {@code partnerflow.payout.failed.v1} on {@code payout.events}, key = {@link #partnerId()}: a payout was
 * returned or rejected; the amount goes back to the partner's balance.
 *
 * @param payoutId       the payout
 * @param runId          its run
 * @param partnerId      the partner
 * @param amount         the amount that was not paid
 * @param method         the payment method tried
 * @param failureCode    the bank's code (e.g. SEPA {@code AC04}, ACH {@code R03}) or {@code rejected_by_bank}
 * @param reason         in words
 * @param failedAt       when the failure was recorded
 * @param carriedForward true when the amount returns to the balance for the next run
 * @param source         (added within v1, may be absent) how the failure was learnt: {@code settlement} (entered per
 *                       item), {@code pain.002}, {@code camt.054} or {@code nacha} (an imported return file)
 * @param bankDetailsHeld (added within v1, may be absent) true when the partner is held until its bank details change
 */
public record PayoutFailed(
        String payoutId,
        String runId,
        String partnerId,
        Money amount,
        String method,
        String failureCode,
        String reason,
        Instant failedAt,
        boolean carriedForward,
        String source,
        Boolean bankDetailsHeld) {
}
