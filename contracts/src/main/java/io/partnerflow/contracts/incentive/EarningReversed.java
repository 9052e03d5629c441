package io.partnerflow.contracts.incentive;

import io.partnerflow.core.money.Money;

import java.time.Instant;

/**
 * {@code partnerflow.earning.reversed.v1} on {@code incentive.earnings}, key = {@link #partnerId()}: a clawback
 * of (part of) an earning after a refund or cancellation inside the clawback window. Amounts are NEGATIVE. A
 * clawback landing in a closed period is booked in the next open one.
 *
 * @param earningId          id of this clawback (UUID, name-based from the reversed earning + the reversal)
 * @param reversesEarningId  the earning clawed back
 * @param partnerId          the partner
 * @param program            the program of the reversed earning
 * @param rule               the rule version of the reversed earning
 * @param kind               the kind of the reversed earning (e.g. {@code commission})
 * @param reversalKind       {@code refund} or {@code cancellation}
 * @param reason             why, in words
 * @param amount             negative, in the payout currency
 * @param originalAmount     negative, in the original currency
 * @param fx                 the conversion (the reversed earning's rate), absent for same currency
 * @param source             the deal, attribution and attribution reversal it came from
 * @param bookingPeriod      the open period it is booked in
 * @param reversedAt         when it was computed
 * @param explanation        rule, inputs, formula, result
 */
public record EarningReversed(
        String earningId,
        String reversesEarningId,
        String partnerId,
        ProgramRef program,
        RuleRef rule,
        String kind,
        String reversalKind,
        String reason,
        Money amount,
        Money originalAmount,
        FxConversion fx,
        EarningSource source,
        String bookingPeriod,
        Instant reversedAt,
        Explanation explanation) {
}
