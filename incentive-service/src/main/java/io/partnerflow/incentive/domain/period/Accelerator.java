package io.partnerflow.incentive.domain.period;

import io.partnerflow.core.money.Money;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;

/** Accelerator over a period revenue target; see package documentation. */
public final class Accelerator {

    private Accelerator() {
    }

    public static PeriodResult settle(Money target, BigDecimal multiplier, List<PeriodDeal> deals,
                                      Currency payoutCurrency) {
        throw new UnsupportedOperationException("not yet");
    }
}
