package io.partnerflow.incentive.domain.period;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One band of a volume rebate table, in the rule's base currency.
 *
 * @param fromInclusive lower bound of net period revenue (inclusive), {@code >= 0}
 * @param toExclusive   upper bound (exclusive); {@code null} = open-ended (only the last band)
 * @param rate          the rebate rate as a fraction, {@code 0 <= rate <= 1} (0.05 = 5 %)
 */
public record RebateBand(BigDecimal fromInclusive, BigDecimal toExclusive, BigDecimal rate) {

    public RebateBand {
        Objects.requireNonNull(fromInclusive, "band fromInclusive");
        Objects.requireNonNull(rate, "band rate");
    }

    public boolean openEnded() {
        return toExclusive == null;
    }

    /** Whether {@code revenue} lies in {@code [fromInclusive, toExclusive)}. */
    public boolean contains(BigDecimal revenue) {
        return revenue.compareTo(fromInclusive) >= 0 && (toExclusive == null || revenue.compareTo(toExclusive) < 0);
    }

    /** "10000 to 50000" or "50000 and above". */
    public String label() {
        return toExclusive == null
                ? fromInclusive.toPlainString() + " and above"
                : fromInclusive.toPlainString() + " to " + toExclusive.toPlainString();
    }
}
