package io.partnerflow.incentive.domain.period;

import io.partnerflow.core.ids.NameBasedIds;
import io.partnerflow.core.money.Money;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Re-settlement of one period-rule earning (rebate, accelerator, cap adjustment) after the period closed (issue #19,
 * pure core): the rule is settled again on the period's deals as they are now (e.g. with a refund that arrived after
 * the close) and only the difference from what was already posted for that rule, partner and period (the settlement
 * plus earlier re-settlement deltas) becomes a delta. The delta's id is name-based from the earning's id and the
 * event that triggered the re-settlement, so redelivery of the same trigger never posts twice, and a second
 * re-settlement after the first was posted finds nothing to do.
 *
 * <p>Called by {@code application.PeriodResettleWork} when a refund, cancellation or correction of a deal in a closed
 * period arrives: the delta is posted as {@code earning.adjusted} (reason {@code period_settlement}) in the next open
 * month, in the consumer's transaction.
 */
public final class PeriodResettlement {

    private PeriodResettlement() {
    }

    /** One difference to post. */
    public record Delta(UUID id, UUID adjustsEarningId, Money amount, Money was, Money isNow, String explanation) {
        public Delta {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(adjustsEarningId, "adjustsEarningId");
            Objects.requireNonNull(amount, "amount");
        }
    }

    /**
     * @param earningId     the id of the period earning (see {@link PeriodEarningIds})
     * @param postedSoFar   what was posted for it so far (settlement + earlier deltas), in the earning's currency
     * @param fresh         the rule settled again on the period's current deals
     * @param triggerId     the event (reversal, correction) or run that caused the re-settlement
     * @return the delta, or empty when the fresh settlement equals what was posted
     */
    public static Optional<Delta> plan(UUID earningId, Money postedSoFar, PeriodResult fresh, String triggerId) {
        Objects.requireNonNull(fresh, "fresh");
        return plan(earningId, postedSoFar, fresh.amount(), fresh.summary(), triggerId);
    }

    /**
     * The same, for a fresh figure already converted to the payout currency (what the period close would post now).
     *
     * @param now     the figure the period's rule gives on its current deals, in the earning's (payout) currency
     * @param summary the sentence that explains {@code now}
     */
    public static Optional<Delta> plan(UUID earningId, Money postedSoFar, Money now, String summary, String triggerId) {
        Objects.requireNonNull(earningId, "earningId");
        Objects.requireNonNull(postedSoFar, "postedSoFar");
        Objects.requireNonNull(now, "now");
        if (triggerId == null || triggerId.isBlank()) {
            throw new IllegalArgumentException("triggerId: must not be blank");
        }
        Settlements.requireCurrency(now, postedSoFar.currency(), "fresh settlement");
        Money delta = now.minus(postedSoFar);
        if (delta.isZero()) {
            return Optional.empty();
        }
        UUID id = NameBasedIds.of("incentive.period-resettlement", earningId.toString(), triggerId);
        String explanation = "Re-settled after the period closed: is now " + now.amountString() + " "
                + now.currencyCode() + " (was " + postedSoFar.amountString() + " " + postedSoFar.currencyCode()
                + "); " + summary;
        return Optional.of(new Delta(id, earningId, delta, postedSoFar, now, explanation));
    }
}
