package io.partnerflow.core.money;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.List;

/** Generators for the property tests: money in many currencies, nasty weight lists. */
final class MoneyArbitraries {

    /** Scales 0 (JPY, ISK), 2 (EUR, USD, GBP), 3 (BHD, KWD, TND) and 4 (CLF). */
    static final List<String> CURRENCIES = List.of("EUR", "USD", "GBP", "JPY", "ISK", "BHD", "KWD", "TND", "CLF");

    private MoneyArbitraries() {
    }

    static Arbitrary<Currency> currencies() {
        return Arbitraries.of(CURRENCIES).map(Currency::getInstance);
    }

    /** Positive, negative and zero totals: tiny (leftovers dominate), everyday, and absurdly large. */
    static Arbitrary<Money> totals() {
        Arbitrary<BigInteger> minorUnits = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.bigIntegers().between(BigInteger.valueOf(-120), BigInteger.valueOf(120))),
                Tuple.of(4, Arbitraries.bigIntegers().between(BigInteger.TEN.pow(12).negate(), BigInteger.TEN.pow(12))),
                Tuple.of(1, Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30))),
                Tuple.of(1, Arbitraries.just(BigInteger.ZERO)));
        return Combinators.combine(minorUnits, currencies()).as(Money::ofMinor);
    }

    /** One weight: zeros, small repeated integers, decimals of any scale, tiny decimals, rationals. */
    static Arbitrary<Weight> weight() {
        Arbitrary<Weight> decimals = Combinators.combine(
                        Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.TEN.pow(15)),
                        Arbitraries.integers().between(-3, 15))
                .as((unscaled, scale) -> Weight.of(new BigDecimal(unscaled, scale)));
        Arbitrary<Weight> tiny = Combinators.combine(
                        Arbitraries.integers().between(1, 9), Arbitraries.integers().between(20, 40))
                .as((unscaled, scale) -> Weight.of(BigDecimal.valueOf(unscaled, scale)));
        Arbitrary<Weight> rationals = Combinators.combine(
                        Arbitraries.longs().between(1, 50), Arbitraries.longs().between(1, 60))
                .as(Weight::ratio);
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(Weight.ZERO)),
                Tuple.of(3, Arbitraries.longs().between(1, 4).map(n -> Weight.ratio(n, 1))),
                Tuple.of(3, decimals),
                Tuple.of(1, tiny),
                Tuple.of(2, rationals));
    }

    /** 1..50 weights, at least one positive; sometimes all equal (the classic tie storm). */
    static Arbitrary<List<Weight>> weightLists() {
        Arbitrary<List<Weight>> mixed = weight().list().ofMinSize(1).ofMaxSize(50);
        Arbitrary<List<Weight>> allEqual = Combinators.combine(Arbitraries.integers().between(1, 50), weight())
                .as((n, w) -> Collections.nCopies(n, w));
        return Arbitraries.frequencyOf(Tuple.of(4, mixed), Tuple.of(1, allEqual)).map(MoneyArbitraries::somePositive);
    }

    private static List<Weight> somePositive(List<Weight> weights) {
        if (weights.stream().anyMatch(w -> !w.isZero())) {
            return weights;
        }
        List<Weight> fixed = new ArrayList<>(weights);
        fixed.set(fixed.size() - 1, Weight.ratio(3, 7));
        return fixed;
    }
}
