package io.partnerflow.contracts.incentive;

import io.partnerflow.core.money.Money;

import java.time.Instant;

/**
 * {@code partnerflow.earning.accrued.v1} on {@code incentive.earnings}, key = {@link #partnerId()}: a payable
 * earning (estimates before period close are never published).
 *
 * @param earningId      id (UUID, name-based from its natural key: attribution + rule + version + partner for
 *                       a commission; rule + partner + period for a rebate; …)
 * @param partnerId      the partner who earned it
 * @param program        the program
 * @param rule           the rule version that produced it
 * @param kind           {@code commission}, {@code resale_margin}, {@code referral_bounty}, {@code spiff},
 *                       {@code volume_rebate}, {@code accelerator}, {@code training_reward},
 *                       {@code activity_reward} (added within v1), {@code mdf_reimbursement} or {@code bonus}
 * @param amount         in the partner's payout currency, rounded HALF_EVEN once at the end
 * @param originalAmount in the original (deal) currency, rounded the same way
 * @param fx             the conversion, absent when both currencies are the same
 * @param source         what it was earned on
 * @param bookingPeriod  the (open) period it is booked in, e.g. {@code 2025-06}
 * @param accruedAt      when it was computed
 * @param explanation    rule, inputs, formula, result
 */
public record EarningAccrued(
        String earningId,
        String partnerId,
        ProgramRef program,
        RuleRef rule,
        String kind,
        Money amount,
        Money originalAmount,
        FxConversion fx,
        EarningSource source,
        String bookingPeriod,
        Instant accruedAt,
        Explanation explanation) {
}
