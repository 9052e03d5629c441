package io.partnerflow.incentive.domain.period;

import io.partnerflow.core.money.Money;

import java.math.BigDecimal;

/**
 * How much MDF a partner gets for a period: EXACTLY ONE of a fixed amount or a percentage of the partner's credited
 * revenue in the prior period.
 *
 * @param fixed                 a fixed amount per period, {@code >= 0}; or {@code null}
 * @param percentOfPriorRevenue a PERCENTAGE, {@code 0 <= p <= 100} (5 means 5 %), of prior-period revenue; or
 *                              {@code null}
 */
public record MdfAllocation(Money fixed, BigDecimal percentOfPriorRevenue) {

    public MdfAllocation {
        if ((fixed == null) == (percentOfPriorRevenue == null)) {
            throw new IllegalArgumentException(
                    "MDF allocation needs exactly one of a fixed amount or a percent of prior-period revenue");
        }
        if (fixed != null && fixed.isNegative()) {
            throw new IllegalArgumentException("MDF fixed allocation must not be negative, got " + fixed);
        }
        if (percentOfPriorRevenue != null && (percentOfPriorRevenue.signum() < 0
                || percentOfPriorRevenue.compareTo(BigDecimal.valueOf(100)) > 0)) {
            throw new IllegalArgumentException("MDF percent of prior-period revenue must be 0..100, got "
                    + percentOfPriorRevenue.toPlainString());
        }
    }

    public static MdfAllocation fixed(Money amount) {
        return new MdfAllocation(amount, null);
    }

    public static MdfAllocation percentOfPriorRevenue(BigDecimal percent) {
        return new MdfAllocation(null, percent);
    }
}
