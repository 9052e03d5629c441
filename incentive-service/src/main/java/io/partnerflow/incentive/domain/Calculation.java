package io.partnerflow.incentive.domain;

import io.partnerflow.contracts.incentive.Explanation;
import io.partnerflow.core.money.Money;

import java.math.BigDecimal;
import java.util.List;

/**
 * One computed earning: the exact (unrounded) figure, the figures rounded once, the FX used, and its
 * explanation. {@link #buckets} say which credited lines each part of it was earned on, so a later partial
 * refund can claw back exactly its proportion.
 *
 * @param unroundedOriginal exact amount in the original currency (deal currency, or the rule's for fixed amounts)
 * @param original          rounded HALF_EVEN once to the original currency's scale
 * @param payout            {@code unroundedOriginal × fx}, rounded HALF_EVEN once to the payout currency's scale
 * @param fx                the conversion, null when the original currency is the payout currency
 */
public record Calculation(RuleKind kind, BigDecimal unroundedOriginal, Money original, Money payout,
                          Facts.FxRate fx, List<Bucket> buckets, Explanation explanation) {

    public Calculation {
        buckets = buckets == null ? List.of() : List.copyOf(buckets);
    }

    /**
     * Part of an earning: {@code contribution} (exact, original currency) was earned on {@code base} of credit on
     * {@code lines}. Reversing r of that base claws back {@code contribution × r / base}.
     */
    public record Bucket(List<Integer> lines, BigDecimal base, BigDecimal contribution) {
        public Bucket {
            lines = List.copyOf(lines);
        }
    }
}
