package io.partnerflow.incentive.domain;

import io.partnerflow.core.money.Money;

import java.math.BigDecimal;

/**
 * The exact delta owed when the FX rate an earning was converted with is corrected (pure). The earning's exact figure
 * in its original currency (unrounded, as computed) is converted at the new rate and rounded HALF_EVEN once, like
 * the original conversion; the delta is that figure minus what the earning (with any earlier FX deltas) already paid.
 */
public final class FxDelta {
    private FxDelta() {
    }

    /** {@code exactPayout} = exactOriginal × newRate before rounding; {@code figure} rounded; {@code delta} = figure − paid. */
    public record Result(BigDecimal exactPayout, Money figure, Money delta) {
    }

    public static Result of(BigDecimal exactOriginal, Money paidSoFar, BigDecimal newRate) {
        if (newRate.signum() <= 0) {
            throw new IllegalArgumentException("an FX rate is positive, got " + newRate.toPlainString());
        }
        BigDecimal exact = exactOriginal.multiply(newRate);
        Money figure = PerDealCalculator.round(exact, paidSoFar.currencyCode());
        return new Result(exact, figure, figure.minus(paidSoFar));
    }
}
