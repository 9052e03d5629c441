package io.partnerflow.incentive.domain.period;

import io.partnerflow.core.money.Money;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An exact rational number {@code numerator / denominator} (denominator &gt; 0, lowest terms) for the
 * intermediate arithmetic of period settlements, so that quotients such as {@code portion / revenue} are never
 * rounded before the one final HALF_EVEN rounding. Package-private helper; also formats numbers for explanations.
 */
record Exact(BigInteger numerator, BigInteger denominator) {

    static final Exact ZERO = new Exact(BigInteger.ZERO, BigInteger.ONE);

    /** Digits shown for a non-terminating intermediate value in an explanation. */
    private static final int DISPLAY_SCALE = 10;

    Exact {
        Objects.requireNonNull(numerator, "numerator");
        Objects.requireNonNull(denominator, "denominator");
        if (denominator.signum() == 0) {
            throw new ArithmeticException("division by zero");
        }
        if (denominator.signum() < 0) {
            numerator = numerator.negate();
            denominator = denominator.negate();
        }
        BigInteger gcd = numerator.gcd(denominator);
        if (!gcd.equals(BigInteger.ONE) && gcd.signum() != 0) {
            numerator = numerator.divide(gcd);
            denominator = denominator.divide(gcd);
        }
    }

    static Exact of(BigDecimal value) {
        Objects.requireNonNull(value, "value");
        return value.scale() <= 0
                ? new Exact(value.toBigIntegerExact(), BigInteger.ONE)
                : new Exact(value.unscaledValue(), BigInteger.TEN.pow(value.scale()));
    }

    Exact plus(Exact other) {
        return new Exact(numerator.multiply(other.denominator).add(other.numerator.multiply(denominator)),
                denominator.multiply(other.denominator));
    }

    Exact times(Exact other) {
        return new Exact(numerator.multiply(other.numerator), denominator.multiply(other.denominator));
    }

    Exact dividedBy(Exact other) {
        return new Exact(numerator.multiply(other.denominator), denominator.multiply(other.numerator));
    }

    int signum() {
        return numerator.signum();
    }

    /** The one rounding: HALF_EVEN to {@code currency}'s scale, computed from the exact value. */
    Money toMoney(Currency currency) {
        int scale = Money.scaleOf(currency);
        BigDecimal rounded = new BigDecimal(numerator).divide(new BigDecimal(denominator), scale, RoundingMode.HALF_EVEN);
        return new Money(rounded, currency);
    }

    /** The value as a decimal: exact when the expansion ends, else to 34 significant digits (never rounded to money). */
    BigDecimal decimal() {
        BigDecimal n = new BigDecimal(numerator);
        BigDecimal d = new BigDecimal(denominator);
        try {
            return n.divide(d);
        } catch (ArithmeticException nonTerminating) {
            return n.divide(d, java.math.MathContext.DECIMAL128);
        }
    }

    /** The exact decimal, or {@code "≈"} + the value rounded to 10 decimals when the expansion does not end. */
    String show() {
        BigDecimal n = new BigDecimal(numerator);
        BigDecimal d = new BigDecimal(denominator);
        try {
            return plain(n.divide(d));
        } catch (ArithmeticException nonTerminating) {
            return "≈" + plain(n.divide(d, DISPLAY_SCALE, RoundingMode.HALF_EVEN));
        }
    }

    static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() < 0) {
            stripped = stripped.setScale(0);
        }
        return stripped.toPlainString();
    }

    /** A rate as a percentage without trailing zeros: 0.05 → "5%", 0.125 → "12.5%". */
    static String percent(BigDecimal rate) {
        return plain(rate.movePointRight(2)) + "%";
    }

    /** Money for a sentence: grouped thousands, currency scale, code: "4,800.00 EUR". */
    static String human(Money money) {
        String plain = money.amount().toPlainString();
        boolean negative = plain.startsWith("-");
        if (negative) {
            plain = plain.substring(1);
        }
        int dot = plain.indexOf('.');
        String whole = dot < 0 ? plain : plain.substring(0, dot);
        String fraction = dot < 0 ? "" : plain.substring(dot);
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < whole.length(); i++) {
            if (i > 0 && (whole.length() - i) % 3 == 0) {
                grouped.append(',');
            }
            grouped.append(whole.charAt(i));
        }
        return (negative ? "-" : "") + grouped + fraction + " " + money.currencyCode();
    }

    /** A decimal amount in a currency for a sentence: grouped, at the currency's scale when it fits. */
    static String human(BigDecimal amount, Currency currency) {
        BigDecimal scaled = amount.stripTrailingZeros();
        int scale = Money.scaleOf(currency);
        if (scaled.scale() <= scale) {
            return human(new Money(scaled, currency));
        }
        return plain(amount) + " " + currency.getCurrencyCode();
    }
}
