package io.partnerflow.incentive.domain.period;

import io.partnerflow.core.money.Money;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;

/** Volume rebate settled at period close; see package documentation. */
public final class VolumeRebate {

    private VolumeRebate() {
    }

    public static void validate(List<RebateBand> bands) {
        throw new UnsupportedOperationException("not yet");
    }

    public static PeriodResult settle(RebateMode mode, List<RebateBand> bands, List<PeriodDeal> deals,
                                      Currency baseCurrency) {
        throw new UnsupportedOperationException("not yet");
    }
}
