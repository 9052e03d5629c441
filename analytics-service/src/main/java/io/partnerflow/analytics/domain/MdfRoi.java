package io.partnerflow.analytics.domain;

import io.partnerflow.core.money.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * MDF figures and MDF ROI in the base currency: allocated, claimed, reimbursed, the revenue of the deals the
 * reimbursed campaigns named ({@link Metric#MDF_INFLUENCED_REVENUE}), and {@code roi} = influenced revenue / reimbursed,
 * divided and rounded HALF_EVEN ONCE to {@value #SCALE} decimals ({@code 12.5000} = 12.50 of revenue per unit of MDF
 * reimbursed); {@code null} when nothing was reimbursed. As incomplete as the cards when an FX rate is missing.
 */
public record MdfRoi(Money allocated, Money claimed, Money reimbursed, Money influencedRevenue, BigDecimal roi) {
    public static final int SCALE = 4;

    public static MdfRoi of(Money allocated, Money claimed, Money reimbursed, Money influencedRevenue) {
        BigDecimal roi = reimbursed.amount().signum() == 0 ? null
                : influencedRevenue.amount().divide(reimbursed.amount(), SCALE, RoundingMode.HALF_EVEN);
        return new MdfRoi(allocated, claimed, reimbursed, influencedRevenue, roi);
    }

    /** One partner's, from its card's base figures. */
    public static MdfRoi of(Scorecard s) {
        return of(s.base().get(Metric.MDF_ALLOCATED), s.base().get(Metric.MDF_CLAIMED), s.base().get(Metric.MDF_REIMBURSED),
                s.base().get(Metric.MDF_INFLUENCED_REVENUE));
    }

    /** The program's: the sums of the partners' figures as shown, and the ROI of those sums (not an average of ROIs). */
    public static MdfRoi total(List<Scorecard> cards, String baseCurrency) {
        Money zero = Money.zero(baseCurrency);
        Money a = zero, c = zero, r = zero, rev = zero;
        for (Scorecard s : cards) {
            MdfRoi x = of(s);
            a = a.plus(x.allocated());
            c = c.plus(x.claimed());
            r = r.plus(x.reimbursed());
            rev = rev.plus(x.influencedRevenue());
        }
        return of(a, c, r, rev);
    }

    /** Whether the partner has any MDF figure at all. */
    public boolean any() {
        return allocated.isPositive() || claimed.isPositive() || reimbursed.isPositive() || influencedRevenue.amount().signum() != 0;
    }
}
