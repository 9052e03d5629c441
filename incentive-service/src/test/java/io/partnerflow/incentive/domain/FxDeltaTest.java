package io.partnerflow.incentive.domain;

import io.partnerflow.core.money.Money;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FxDeltaTest {
    @Test
    void theDeltaIsTheFigureAtTheNewRateMinusWhatWasPaid() {
        // 1,000.005 EUR of commission at 1.0842 paid 1084.21 USD; at 1.0824 it is 1082.41 USD: -1.80
        FxDelta.Result r = FxDelta.of(new BigDecimal("1000.005"), Money.of("1084.21", "USD"), new BigDecimal("1.0824"));
        assertEquals(Money.of("1082.41", "USD"), r.figure());
        assertEquals(Money.of("-1.80", "USD"), r.delta());
    }

    @Test
    void earlierDeltasCountAsPaidAndJpyRoundsToWholeYen() {
        FxDelta.Result r = FxDelta.of(new BigDecimal("10.50"), Money.of("1700", "JPY"), new BigDecimal("161.4"));
        assertEquals(Money.of("1695", "JPY"), r.figure()); // 1694.7 -> 1695
        assertEquals(Money.of("-5", "JPY"), r.delta());
    }

    @Property(tries = 200)
    void paidPlusDeltaIsAlwaysTheFigureRecomputedFromScratch(
            @ForAll @BigRange(min = "-100000", max = "100000") @Scale(4) BigDecimal exact,
            @ForAll @BigRange(min = "0.000001", max = "500") @Scale(6) BigDecimal oldRate,
            @ForAll @BigRange(min = "0.000001", max = "500") @Scale(6) BigDecimal newRate) {
        Money paid = PerDealCalculator.round(exact.multiply(oldRate), "EUR");
        FxDelta.Result r = FxDelta.of(exact, paid, newRate);
        assertEquals(PerDealCalculator.round(exact.multiply(newRate), "EUR"), paid.plus(r.delta()));
        // a second correction back to the old rate returns exactly to the first figure
        assertEquals(paid, r.figure().plus(FxDelta.of(exact, r.figure(), oldRate).delta()));
    }
}
