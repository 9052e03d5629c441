package io.partnerflow.core.money;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Property-based tests of {@link Allocation} and {@link Weights}. Tries: 2000 locally, 200 when
 * CI=true (core/pom.xml); a failure report prints the seed (rerun with {@code @Property(seed = "…")}).
 *
 * <p>The oracle is independent of the code under test: it works out each exact share as a
 * fraction from the weights' numerators and denominators and checks the result against it.
 */
class AllocationPropertiesTest {

    private static final BigInteger WIRE_UNITS = BigInteger.TEN.pow(8);

    @Provide
    Arbitrary<Money> totals() {
        return MoneyArbitraries.totals();
    }

    @Provide
    Arbitrary<List<Weight>> weights() {
        return MoneyArbitraries.weightLists();
    }

    @Property
    void partsSumExactlyToTheWhole(@ForAll("totals") Money total, @ForAll("weights") List<Weight> weights,
                                   @ForAll Random random) {
        List<Share<Integer>> shares = keyed(weights, random);
        Map<Integer, Money> parts = Allocation.allocate(total, shares);

        assertEquals(total, Money.sum(total.currency(), parts.values()));
        assertEquals(shares.stream().map(Share::key).toList(), List.copyOf(parts.keySet()), "input order");
        for (Money part : parts.values()) {
            assertEquals(Money.scaleOf(total.currency()), part.amount().scale());
        }
    }

    @Property
    void eachPartIsWithinOneMinorUnitOfItsExactShare(@ForAll("totals") Money total,
                                                     @ForAll("weights") List<Weight> weights,
                                                     @ForAll Random random) {
        List<Share<Integer>> shares = keyed(weights, random);
        Map<Integer, Money> parts = Allocation.allocate(total, shares);

        Map<Integer, Fraction> exactShares = exactShares(total.minorUnits(), shares);
        for (Share<Integer> share : shares) {
            Fraction exact = exactShares.get(share.key());
            BigInteger part = parts.get(share.key()).minorUnits();
            // |part - num/den| < 1  <=>  |part*den - num| < den
            BigInteger distance = part.multiply(exact.den).subtract(exact.num).abs();
            assertTrue(distance.compareTo(exact.den) < 0,
                    () -> "part " + part + " is not within one unit of " + exact + " for " + share);
        }
    }

    @Property
    void leftoverUnitsGoToTheLargestRemaindersThenTheLowestKeys(@ForAll("totals") Money total,
                                                                @ForAll("weights") List<Weight> weights,
                                                                @ForAll Random random) {
        List<Share<Integer>> shares = keyed(weights, random);
        Map<Integer, Money> parts = Allocation.allocate(total, shares);
        BigInteger units = total.minorUnits().abs();

        Map<Integer, Fraction> exactShares = exactShares(units, shares);
        List<Share<Integer>> roundedUp = new ArrayList<>();
        List<Share<Integer>> roundedDown = new ArrayList<>();
        for (Share<Integer> share : shares) {
            Fraction exact = exactShares.get(share.key());
            BigInteger part = parts.get(share.key()).minorUnits().abs();
            (part.multiply(exact.den).compareTo(exact.num) > 0 ? roundedUp : roundedDown).add(share);
        }
        for (Share<Integer> up : roundedUp) {
            Fraction upRemainder = exactShares.get(up.key()).remainder();
            for (Share<Integer> down : roundedDown) {
                int cmp = upRemainder.compareTo(exactShares.get(down.key()).remainder());
                assertTrue(cmp > 0 || (cmp == 0 && up.key() < down.key()),
                        () -> up + " got a leftover unit before " + down);
            }
        }
    }

    @Property
    void isDeterministicAndIndependentOfInputOrder(@ForAll("totals") Money total,
                                                   @ForAll("weights") List<Weight> weights,
                                                   @ForAll Random random) {
        List<Share<Integer>> shares = keyed(weights, random);
        List<Share<Integer>> shuffled = new ArrayList<>(shares);
        Collections.shuffle(shuffled, random);

        Map<Integer, Money> parts = Allocation.allocate(total, shares);
        assertEquals(parts, Allocation.allocate(total, shares));
        assertEquals(parts, Allocation.allocate(total, shuffled));
    }

    @Property
    void negativeTotalsMirrorPositiveOnes(@ForAll("totals") Money total, @ForAll("weights") List<Weight> weights,
                                          @ForAll Random random) {
        List<Share<Integer>> shares = keyed(weights, random);
        Map<Integer, Money> parts = Allocation.allocate(total, shares);
        Map<Integer, Money> mirrored = Allocation.allocate(total.negate(), shares);
        parts.forEach((key, part) -> assertEquals(part.negate(), mirrored.get(key)));
    }

    @Property
    void wireWeightsSumToExactlyOneAtScaleEight(@ForAll("weights") List<Weight> weights, @ForAll Random random) {
        List<Share<Integer>> shares = keyed(weights, random);
        Map<Integer, BigDecimal> wire = Weights.toWire(shares);

        assertEquals(new BigDecimal("1.00000000"), wire.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add));
        Map<Integer, Fraction> exactShares = exactShares(WIRE_UNITS, shares);
        for (Share<Integer> share : shares) {
            BigDecimal w = wire.get(share.key());
            assertEquals(8, w.scale());
            Fraction exact = exactShares.get(share.key());
            assertTrue(w.unscaledValue().multiply(exact.den).subtract(exact.num).abs().compareTo(exact.den) < 0,
                    () -> "wire weight " + w + " is not within 1e-8 of " + exact + " / 1e8 for " + share);
        }
        List<Share<Integer>> shuffled = new ArrayList<>(shares);
        Collections.shuffle(shuffled, random);
        assertEquals(wire, Weights.toWire(shuffled));
        assertEquals(List.copyOf(wire.values()), Weights.requireWire(wire.values()));
    }

    /** Distinct keys in an order unrelated to the input order, so ties really test the key. */
    private static List<Share<Integer>> keyed(List<Weight> weights, Random random) {
        List<Integer> keys = new ArrayList<>();
        for (int i = 0; i < weights.size(); i++) {
            keys.add(i * 7 - 100);
        }
        Collections.shuffle(keys, random);
        List<Share<Integer>> shares = new ArrayList<>();
        for (int i = 0; i < weights.size(); i++) {
            shares.add(Share.of(keys.get(i), weights.get(i)));
        }
        return shares;
    }

    /** Per key, {@code units * w / sum(all w)} as an unreduced fraction with a positive denominator. */
    private static Map<Integer, Fraction> exactShares(BigInteger units, List<Share<Integer>> shares) {
        BigInteger sumNum = BigInteger.ZERO;
        BigInteger sumDen = BigInteger.ONE;
        for (Share<Integer> s : shares) {
            sumNum = sumNum.multiply(s.weight().denominator()).add(s.weight().numerator().multiply(sumDen));
            sumDen = sumDen.multiply(s.weight().denominator());
        }
        Map<Integer, Fraction> exact = new HashMap<>();
        for (Share<Integer> s : shares) {
            Weight w = s.weight();
            exact.put(s.key(), new Fraction(units.multiply(w.numerator()).multiply(sumDen),
                    w.denominator().multiply(sumNum)));
        }
        return exact;
    }

    private record Fraction(BigInteger num, BigInteger den) implements Comparable<Fraction> {
        Fraction remainder() {
            return new Fraction(num.mod(den), den);
        }

        @Override
        public int compareTo(Fraction o) {
            return num.multiply(o.den).compareTo(o.num.multiply(den));
        }
    }
}
