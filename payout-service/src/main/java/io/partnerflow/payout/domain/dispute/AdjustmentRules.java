package io.partnerflow.payout.domain.dispute;

import io.partnerflow.core.money.Money;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The bounds of money moved by hand when a dispute is accepted (pure: no I/O). An adjustment is in the disputed line's
 * currency and not zero; it may not be larger (in absolute value) than the disputed line unless the resolver says so
 * explicitly — and then a second finance user must approve it; above the configured threshold a second finance user
 * must approve it too. Nothing is booked before that approval.
 */
public final class AdjustmentRules {
    public static final String ABOVE_THRESHOLD = "above_threshold";
    public static final String ABOVE_DISPUTED_AMOUNT = "above_disputed_amount";

    private AdjustmentRules() {
    }

    /** Why an adjustment is refused outright, naming the request field. */
    public static final class Refused extends RuntimeException {
        private final String field;

        public Refused(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** Book at once (no reasons), or wait for a second approver (the reasons why). */
    public record Decision(List<String> secondApprovalReasons) {
        public Decision {
            secondApprovalReasons = List.copyOf(secondApprovalReasons);
        }

        public boolean needsSecondApproval() {
            return !secondApprovalReasons.isEmpty();
        }
    }

    /**
     * @param disputed             the disputed earning line's amount
     * @param adjustment           the proposed adjustment
     * @param secondApprovalAbove  adjustments whose absolute value is above this (in the adjustment's currency) need a
     *                             second approver
     * @param exceedsAcknowledged  the resolver states that the adjustment is meant to exceed the disputed amount
     */
    public static Decision decide(Money disputed, Money adjustment, BigDecimal secondApprovalAbove, boolean exceedsAcknowledged) {
        Objects.requireNonNull(disputed, "disputed");
        Objects.requireNonNull(adjustment, "adjustment");
        if (!adjustment.currencyCode().equals(disputed.currencyCode())) {
            throw new Refused("adjustment.currency", "must be the disputed line's currency " + disputed.currencyCode());
        }
        if (adjustment.isZero()) {
            throw new Refused("adjustment.amount", "must not be zero");
        }
        BigDecimal size = adjustment.amount().abs();
        List<String> reasons = new ArrayList<>();
        if (size.compareTo(disputed.amount().abs()) > 0) {
            if (!exceedsAcknowledged) {
                throw new Refused("adjustment.amount", "exceeds the disputed amount " + disputed.amount().abs().toPlainString()
                        + " " + disputed.currencyCode() + "; set exceedsDisputedAmount=true to send it to a second finance approver");
            }
            reasons.add(ABOVE_DISPUTED_AMOUNT);
        }
        if (size.compareTo(secondApprovalAbove) > 0) {
            reasons.add(ABOVE_THRESHOLD);
        }
        return new Decision(reasons);
    }
}
