package io.partnerflow.contracts.incentive;

import io.partnerflow.core.money.Money;

import java.time.Instant;

/**
 * {@code partnerflow.earning.adjusted.v1} on {@code incentive.earnings}, key = {@link #partnerId()}: an exact,
 * SIGNED delta to what a partner earned — from a recalculation (new rule version), a re-attribution, a deal
 * correction, a backdated tier change, a period settlement, or a corrected FX rate. Never an edit of the earlier earning.
 *
 * @param earningId          id of this adjustment (UUID, name-based from what caused it)
 * @param adjustsEarningId   the earning it corrects, when it corrects one
 * @param partnerId          the partner
 * @param program            the program
 * @param rule               the rule version the new figure comes from
 * @param kind               the kind of earning adjusted (e.g. {@code commission})
 * @param reason             {@code recalculation}, {@code reattribution}, {@code correction},
 *                           {@code tier_backdated}, {@code period_settlement} or {@code fx_correction} (the FX rate
 *                           the earning was converted with was corrected or withdrawn; added within v1)
 * @param note               free text
 * @param amount             signed delta in the payout currency
 * @param originalAmount     signed delta in the original currency
 * @param fx                 the conversion, absent for same currency
 * @param source             what it was earned on (and the superseding attribution, for re-attributions)
 * @param recalculationRunId the recalculation run, when one produced it
 * @param bookingPeriod      the open period it is booked in
 * @param adjustedAt         when it was computed
 * @param explanation        previous figure, new figure, delta
 */
public record EarningAdjusted(
        String earningId,
        String adjustsEarningId,
        String partnerId,
        ProgramRef program,
        RuleRef rule,
        String kind,
        String reason,
        String note,
        Money amount,
        Money originalAmount,
        FxConversion fx,
        EarningSource source,
        String recalculationRunId,
        String bookingPeriod,
        Instant adjustedAt,
        Explanation explanation) {
}
