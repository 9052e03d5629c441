package io.partnerflow.incentive.domain;

import io.partnerflow.core.money.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** Formatting for explanations: exact decimals, grouping for humans, never a double. */
public final class Texts {
    private Texts() {
    }

    /** "4,800.00 EUR". */
    public static String money(Money m) {
        return String.format(Locale.ROOT, "%,." + m.amount().scale() + "f", m.amount()) + " " + m.currencyCode();
    }

    /** An exact amount at the currency's scale, grouped ("4,800.00 EUR"); the value must already be at scale. */
    public static String money(BigDecimal amount, String currency) {
        int scale = Money.scaleOf(Money.currencyOf(currency));
        return String.format(Locale.ROOT, "%,." + Math.max(scale, amount.stripTrailingZeros().scale()) + "f", amount)
                + " " + currency;
    }

    /** 0.1 → "10%", 0.125 → "12.5%". */
    public static String percent(BigDecimal ratio) {
        return plain(ratio.movePointRight(2)) + "%";
    }

    /** A plain decimal without trailing zeros ("1.0842", "10"). */
    public static String plain(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0, RoundingMode.UNNECESSARY) : s).toPlainString();
    }

    /** "position_based" → "position-based". */
    public static String model(String kind) {
        return kind == null ? "attribution" : kind.replace('_', '-');
    }

    /** "gold" → "Gold" when no display name is known. */
    public static String capitalize(String code) {
        return code == null || code.isEmpty() ? code : Character.toUpperCase(code.charAt(0)) + code.substring(1);
    }
}
