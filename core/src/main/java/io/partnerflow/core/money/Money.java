package io.partnerflow.core.money;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An exact amount of one ISO 4217 currency.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>the amount is always at the currency's ISO 4217 scale (EUR 2, JPY 0, BHD 3): a value that
 *       needs more decimals is refused, never rounded; so {@link #equals} is value equality;</li>
 *   <li>currencies without a minor unit (XXX, XAU…) and unknown codes are refused;</li>
 *   <li>arithmetic never mixes currencies (an {@link IllegalArgumentException} names both) and
 *       never rounds, except {@link #times}, which rounds HALF_EVEN once;</li>
 *   <li>JSON is exactly {@code {"amount":"12.34","currency":"EUR"}}: the amount is a decimal
 *       string at the currency's scale, never a number; reading refuses a number, a non-plain
 *       decimal ({@code "1e3"}), more decimals than the currency has ({@code "12.340"} for EUR)
 *       and unknown currencies, each with an {@link IllegalArgumentException} saying why (Jackson
 *       reports it as the cause of its mapping exception); unknown extra fields are ignored.</li>
 * </ul>
 * Splitting money by weights lives in {@link Allocation}.
 */
@JsonAutoDetect(getterVisibility = Visibility.NONE, isGetterVisibility = Visibility.NONE,
        setterVisibility = Visibility.NONE, fieldVisibility = Visibility.NONE, creatorVisibility = Visibility.NONE)
@JsonPropertyOrder({"amount", "currency"})
@JsonIgnoreProperties(ignoreUnknown = true)
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {

    /** A plain decimal as on the wire: optional minus, digits, optional fraction. */
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    /**
     * Puts {@code amount} at the currency's scale; refuses a value that does not fit exactly
     * ({@code 12.340} is accepted as 12.34 EUR, {@code 12.345} is refused).
     */
    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        int scale = scaleOf(currency);
        if (amount.scale() != scale) {
            try {
                amount = amount.setScale(scale, RoundingMode.UNNECESSARY);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("amount " + amount.toPlainString() + " has more decimals than "
                        + currency.getCurrencyCode() + " allows (" + scale + ")");
            }
        }
    }

    /**
     * Parses wire text: {@code amount} must be a plain decimal ({@code "12.34"}, {@code "-5"},
     * {@code "12.3"}) with at most as many decimals as the currency has; {@code currency} an
     * ISO 4217 code with a minor unit.
     */
    public static Money of(String amount, String currency) {
        if (amount == null || currency == null) {
            throw new IllegalArgumentException("money needs both amount and currency, got amount=" + amount
                    + " currency=" + currency);
        }
        Currency c = currencyOf(currency);
        if (!PLAIN_DECIMAL.matcher(amount).matches()) {
            throw new IllegalArgumentException("amount \"" + amount + "\" is not a plain decimal like \"12.34\"");
        }
        int dot = amount.indexOf('.');
        int decimals = dot < 0 ? 0 : amount.length() - dot - 1;
        if (decimals > scaleOf(c)) {
            throw new IllegalArgumentException("amount \"" + amount + "\" has " + decimals + " decimals; "
                    + c.getCurrencyCode() + " allows at most " + scaleOf(c));
        }
        return new Money(new BigDecimal(amount), c);
    }

    public static Money of(BigDecimal amount, String currency) {
        return new Money(amount, currencyOf(currency));
    }

    public static Money zero(String currency) {
        return zero(currencyOf(currency));
    }

    public static Money zero(Currency currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    /** The amount of {@code minorUnits} minor units (cents for EUR, yen for JPY, fils for BHD). */
    public static Money ofMinor(BigInteger minorUnits, Currency currency) {
        Objects.requireNonNull(minorUnits, "minorUnits");
        Objects.requireNonNull(currency, "currency");
        return new Money(new BigDecimal(minorUnits, scaleOf(currency)), currency);
    }

    @JsonCreator
    private static Money fromJson(@JsonProperty("amount") Object amount, @JsonProperty("currency") Object currency) {
        if (amount == null || currency == null) {
            throw new IllegalArgumentException(
                    "money needs both \"amount\" and \"currency\", like {\"amount\":\"12.34\",\"currency\":\"EUR\"}");
        }
        if (!(amount instanceof String)) {
            throw new IllegalArgumentException(
                    "money amount must be a JSON string like \"12.34\", not " + describe(amount));
        }
        if (!(currency instanceof String)) {
            throw new IllegalArgumentException(
                    "money currency must be a JSON string like \"EUR\", not " + describe(currency));
        }
        return of((String) amount, (String) currency);
    }

    private static String describe(Object json) {
        if (json instanceof Number) {
            return "the number " + json;
        }
        if (json instanceof Map) {
            return "an object";
        }
        if (json instanceof List) {
            return "an array";
        }
        return json.toString();
    }

    /** The wire amount: a plain decimal string at the currency's scale, e.g. {@code "12.34"}. */
    @JsonProperty("amount")
    public String amountString() {
        return amount.toPlainString();
    }

    /** The ISO 4217 code, e.g. {@code "EUR"}. */
    @JsonProperty("currency")
    public String currencyCode() {
        return currency.getCurrencyCode();
    }

    /** The amount in minor units: {@code 12.34 EUR} is 1234. */
    public BigInteger minorUnits() {
        return amount.unscaledValue();
    }

    public Money plus(Money other) {
        return new Money(amount.add(sameCurrency(other, "add")), currency);
    }

    public Money minus(Money other) {
        return new Money(amount.subtract(sameCurrency(other, "subtract")), currency);
    }

    public Money negate() {
        return new Money(amount.negate(), currency);
    }

    public Money abs() {
        return amount.signum() < 0 ? negate() : this;
    }

    /**
     * {@code this × rate}, computed exactly, then rounded HALF_EVEN to the currency's scale: the
     * one rounding of a rate computation. Combine several rates first ({@code rate1.multiply(rate2)},
     * exact) and call this once, so that nothing is rounded twice.
     */
    public Money times(BigDecimal rate) {
        Objects.requireNonNull(rate, "rate");
        return new Money(amount.multiply(rate).setScale(amount.scale(), RoundingMode.HALF_EVEN), currency);
    }

    public boolean isZero() {
        return amount.signum() == 0;
    }

    public boolean isNegative() {
        return amount.signum() < 0;
    }

    public boolean isPositive() {
        return amount.signum() > 0;
    }

    /** Orders by amount; refuses to compare different currencies. Consistent with equals. */
    @Override
    public int compareTo(Money other) {
        return amount.compareTo(sameCurrency(other, "compare"));
    }

    public boolean isGreaterThan(Money other) {
        return compareTo(other) > 0;
    }

    public boolean isLessThan(Money other) {
        return compareTo(other) < 0;
    }

    /** Sums {@code parts}, which must not be empty (an empty sum has no currency: see the overload). */
    public static Money sum(Collection<Money> parts) {
        Objects.requireNonNull(parts, "parts");
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("cannot sum no money without a currency: use sum(currency, parts)");
        }
        return sum(parts.iterator().next().currency(), parts);
    }

    /** Sums {@code parts}, all in {@code currency}; zero if there are none. */
    public static Money sum(Currency currency, Collection<Money> parts) {
        Objects.requireNonNull(parts, "parts");
        Money total = zero(currency);
        for (Money part : parts) {
            total = total.plus(Objects.requireNonNull(part, "part"));
        }
        return total;
    }

    /** The currency's ISO 4217 number of decimals; refuses currencies without one (XXX, XAU…). */
    public static int scaleOf(Currency currency) {
        int digits = currency.getDefaultFractionDigits();
        if (digits < 0) {
            throw new IllegalArgumentException(currency.getCurrencyCode() + " has no ISO 4217 minor unit");
        }
        return digits;
    }

    /** The ISO 4217 currency for an upper-case code such as {@code "EUR"}; refuses unknown codes. */
    public static Currency currencyOf(String code) {
        Currency c;
        try {
            c = Currency.getInstance(code);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown ISO 4217 currency: " + code);
        }
        scaleOf(c);
        return c;
    }

    private BigDecimal sameCurrency(Money other, String operation) {
        Objects.requireNonNull(other, "other");
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot " + operation + " " + currency.getCurrencyCode() + " and "
                    + other.currency.getCurrencyCode() + " (" + this + ", " + other + ")");
        }
        return other.amount;
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency.getCurrencyCode();
    }
}
