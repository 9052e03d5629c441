package io.partnerflow.portal.view;

import io.quarkus.qute.TemplateData;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Currency;
import java.util.Locale;

/**
 * An amount with its currency, exact (the services send decimal strings at the currency's scale; sums of them stay
 * exact), shown at the currency's ISO 4217 scale with grouping: {@code 1,234.56 EUR}, {@code 150,000 JPY}.
 */
@TemplateData
public record Amount(BigDecimal value, String currency) {

    public static Amount of(String amount, String currency) {
        return new Amount(new BigDecimal(amount), currency);
    }

    public static Amount zero(String currency) {
        return new Amount(BigDecimal.ZERO, currency);
    }

    public Amount plus(Amount other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot add " + other.currency + " to " + currency);
        }
        return new Amount(value.add(other.value), currency);
    }

    public boolean negative() {
        return value.signum() < 0;
    }

    /** At the currency's scale; refuses (never rounds) an amount with more digits than the currency has. */
    public String text() {
        int scale = scale(currency);
        BigDecimal v = value.setScale(Math.max(scale, value.stripTrailingZeros().scale()), RoundingMode.UNNECESSARY);
        DecimalFormat f = new DecimalFormat(scale == 0 ? "#,##0" : "#,##0." + "0".repeat(scale), DecimalFormatSymbols.getInstance(Locale.ROOT));
        f.setMinimumFractionDigits(v.scale());
        f.setMaximumFractionDigits(v.scale());
        f.setParseBigDecimal(true);
        return f.format(v) + " " + currency;
    }

    static int scale(String currency) {
        try {
            return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            return 2;
        }
    }

    @Override
    public String toString() {
        return text();
    }
}
