package io.partnerflow.core.money;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/**
 * An exact, non-negative weight: the fraction {@code numerator / denominator}.
 *
 * <p>Guarantees: never negative, denominator always positive, always in lowest terms (so
 * {@link #equals} is value equality: {@code ratio(2, 6).equals(ratio(1, 3))}). Nothing is ever
 * rounded, so a model can say "one third" or "20 % spread over 3 touches" exactly, and the split
 * of money derived from it ({@link Allocation}) is computed from the exact value.
 */
public record Weight(BigInteger numerator, BigInteger denominator) implements Comparable<Weight> {

    public static final Weight ZERO = new Weight(BigInteger.ZERO, BigInteger.ONE);
    public static final Weight ONE = new Weight(BigInteger.ONE, BigInteger.ONE);

    /** Refuses a negative value or a zero denominator; reduces to lowest terms. */
    public Weight {
        Objects.requireNonNull(numerator, "numerator");
        Objects.requireNonNull(denominator, "denominator");
        if (denominator.signum() == 0) {
            throw new IllegalArgumentException("weight " + numerator + "/0 has a zero denominator");
        }
        if (numerator.signum() * denominator.signum() < 0) {
            throw new IllegalArgumentException("weight must not be negative: " + numerator + "/" + denominator);
        }
        numerator = numerator.abs();
        denominator = denominator.abs();
        BigInteger gcd = numerator.gcd(denominator); // >= 1 because the denominator is not zero
        numerator = numerator.divide(gcd);
        denominator = denominator.divide(gcd);
    }

    /** The exact value of a decimal, any scale; refuses negatives. */
    public static Weight of(BigDecimal value) {
        Objects.requireNonNull(value, "weight");
        if (value.signum() < 0) {
            throw new IllegalArgumentException("weight must not be negative: " + value.toPlainString());
        }
        return value.scale() <= 0
                ? new Weight(value.toBigIntegerExact(), BigInteger.ONE)
                : new Weight(value.unscaledValue(), BigInteger.TEN.pow(value.scale()));
    }

    /** The exact value of a decimal string such as {@code "0.4"}; refuses negatives. */
    public static Weight of(String value) {
        Objects.requireNonNull(value, "weight");
        try {
            return of(new BigDecimal(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("weight is not a decimal number: \"" + value + "\"");
        }
    }

    /** {@code numerator / denominator}, e.g. {@code ratio(1, 3)}. */
    public static Weight ratio(long numerator, long denominator) {
        return new Weight(BigInteger.valueOf(numerator), BigInteger.valueOf(denominator));
    }

    public Weight plus(Weight other) {
        return new Weight(numerator.multiply(other.denominator).add(other.numerator.multiply(denominator)),
                denominator.multiply(other.denominator));
    }

    public Weight times(Weight other) {
        return new Weight(numerator.multiply(other.numerator), denominator.multiply(other.denominator));
    }

    public boolean isZero() {
        return numerator.signum() == 0;
    }

    @Override
    public int compareTo(Weight other) {
        return numerator.multiply(other.denominator).compareTo(other.numerator.multiply(denominator));
    }

    @Override
    public String toString() {
        return denominator.equals(BigInteger.ONE) ? numerator.toString() : numerator + "/" + denominator;
    }
}
