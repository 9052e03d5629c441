package io.partnerflow.incentive.domain;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Map;

/**
 * Clawback arithmetic. A refund or cancellation reverses part of a partner's credited lines; the clawback is the
 * earning's proportion of what was reversed, bucket by bucket ({@link Calculation.Bucket}). Computed
 * CUMULATIVELY — target(all reversals so far) − already clawed back — so however a credit is refunded in
 * pieces, the clawbacks sum to exactly the earning once everything is reversed, and never exceed it.
 */
public final class Clawbacks {
    private Clawbacks() {
    }

    /**
     * The exact (unrounded) part of the earning covered by the cumulative reversed amounts per line (absolute
     * values; a bucket never counts more than its base).
     */
    public static BigDecimal exactTarget(List<Calculation.Bucket> buckets, Map<Integer, BigDecimal> reversedByLine) {
        BigDecimal total = BigDecimal.ZERO;
        for (Calculation.Bucket b : buckets) {
            BigDecimal r = BigDecimal.ZERO;
            for (Integer line : b.lines()) {
                r = r.add(reversedByLine.getOrDefault(line, BigDecimal.ZERO).abs());
            }
            if (r.signum() == 0 || b.base().signum() == 0) {
                continue;
            }
            if (r.compareTo(b.base()) >= 0) {
                total = total.add(b.contribution()); // fully reversed: exactly the contribution, no division
            } else {
                total = total.add(b.contribution().multiply(r).divide(b.base(), MathContext.DECIMAL128));
            }
        }
        return total;
    }
}
