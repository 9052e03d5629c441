package io.partnerflow.incentive.domain;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Rates between any two currencies from the published ones: the direct pair if published, else its inverse, else a
 * cross through the platform base currency (EUR→JPY = EUR→USD × USD→JPY, each leg direct or inverse). A derived rate
 * is ONE division, {@code (n1 × n2) / (d1 × d2)} at 34 significant digits ({@link MathContext#DECIMAL128}) — far
 * below any currency's minor unit, so the money is still rounded exactly once, at the end, in the payout currency.
 * Its path (pairs, rates, dates) goes into the earning's explanation; its date is the oldest leg's. Pure.
 */
public final class FxBook {
    private FxBook() {
    }

    /** {@code published} answers only for pairs as published; the result also answers inverses and crosses. */
    public static Facts.FxTable through(String base, Facts.FxTable published) {
        return (from, to, date) -> resolve(base, published, from, to, date);
    }

    static Optional<Facts.FxRate> resolve(String base, Facts.FxTable published, String from, String to, LocalDate date) {
        Optional<Facts.FxRate> direct = published.latestOnOrBefore(from, to, date);
        if (direct.isPresent()) {
            return direct;
        }
        Optional<Leg> single = leg(published, from, to, date);
        if (single.isPresent()) {
            return Optional.of(combine(from, to, single.get(), null, base));
        }
        if (base == null || from.equals(base) || to.equals(base)) {
            return Optional.empty();
        }
        Optional<Leg> first = leg(published, from, base, date);
        Optional<Leg> second = leg(published, base, to, date);
        if (first.isEmpty() || second.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(combine(from, to, first.get(), second.get(), base));
    }

    /** A published rate used as is, or inverted. */
    record Leg(Facts.FxRate published, boolean inverted) {
        BigDecimal numerator() {
            return inverted ? BigDecimal.ONE : published.rate();
        }

        BigDecimal denominator() {
            return inverted ? published.rate() : BigDecimal.ONE;
        }

        String describe() {
            String pair = published.from() + "/" + published.to() + " " + published.rate().toPlainString() + " (" + published.date() + ")";
            return inverted ? "1 / " + pair : pair;
        }
    }

    private static Optional<Leg> leg(Facts.FxTable published, String from, String to, LocalDate date) {
        Optional<Facts.FxRate> d = published.latestOnOrBefore(from, to, date);
        if (d.isPresent()) {
            return Optional.of(new Leg(d.get(), false));
        }
        return published.latestOnOrBefore(to, from, date).filter(r -> r.rate().signum() > 0).map(r -> new Leg(r, true));
    }

    private static Facts.FxRate combine(String from, String to, Leg a, Leg b, String base) {
        BigDecimal num = b == null ? a.numerator() : a.numerator().multiply(b.numerator());
        BigDecimal den = b == null ? a.denominator() : a.denominator().multiply(b.denominator());
        BigDecimal rate = den.compareTo(BigDecimal.ONE) == 0 ? num : num.divide(den, MathContext.DECIMAL128);
        rate = rate.stripTrailingZeros();
        if (rate.scale() < 0) {
            rate = rate.setScale(0);
        }
        LocalDate date = b == null || a.published().date().isBefore(b.published().date()) ? a.published().date() : b.published().date();
        String path = b == null
                ? from + "/" + to + " = " + a.describe() + " (inverse of the published rate)"
                : from + "/" + to + " = " + a.describe() + " x " + b.describe() + " (cross through " + base + ")";
        return new Facts.FxRate(from, to, rate, date, path);
    }
}
