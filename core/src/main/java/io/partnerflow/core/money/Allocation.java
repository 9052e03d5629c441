package io.partnerflow.core.money;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Exact splits of money by weights (largest remainder method, a.k.a. Hamilton).
 *
 * <p>Guarantees, for every total (positive, negative or zero) and every currency scale:
 * <ul>
 *   <li>the parts sum <em>exactly</em> to the total, in the total's currency, at its scale;</li>
 *   <li>each part differs from its exact share {@code total * weight / sum(weights)} by less than
 *       one minor unit (it is that share rounded down or up), and a zero weight gets exactly zero;</li>
 *   <li>the leftover minor units (fewer than the number of parts) go one each to the parts with
 *       the largest remainders; equal remainders go to the lower key first (or the lower input
 *       index for {@link #allocateByIndex}); so the result is deterministic and, per key,
 *       independent of the input order;</li>
 *   <li>a negative total (reversal, clawback) is split as its absolute value, then negated, so a
 *       reversal mirrors the original split cent for cent.</li>
 * </ul>
 * Weights are exact ({@link Weight}): any scale, rationals such as 1/3, need not sum to 1 (they
 * are normalised by their total), must not be negative, and must not all be zero. Nothing is
 * rounded before the final step, so amounts come from the unrounded weights (see {@link Weights}
 * for the rounded weights that travel on the wire).
 */
public final class Allocation {

    private Allocation() {
    }

    /**
     * Splits {@code total} among {@code shares}.
     *
     * @return one part per share, keyed by the share's key, iterating in input order (unmodifiable)
     * @throws IllegalArgumentException if there are no shares, a key repeats, a weight is negative
     *                                  or all weights are zero
     */
    public static <K extends Comparable<? super K>> Map<K, Money> allocate(Money total, List<Share<K>> shares) {
        Objects.requireNonNull(total, "total");
        BigInteger[] units = largestRemainder(total.minorUnits().abs(), shares);
        boolean negative = total.isNegative();
        Map<K, Money> parts = new LinkedHashMap<>();
        for (int i = 0; i < units.length; i++) {
            BigInteger part = negative ? units[i].negate() : units[i];
            if (parts.put(shares.get(i).key(), Money.ofMinor(part, total.currency())) != null) {
                throw new IllegalArgumentException("share key " + shares.get(i).key() + " appears twice");
            }
        }
        return Collections.unmodifiableMap(parts);
    }

    /**
     * Splits {@code total} by plain decimal weights (any scale, non-negative, not all zero); ties
     * go to the lower index.
     *
     * @return one part per weight, in input order (unmodifiable)
     */
    public static List<Money> allocateByIndex(Money total, List<BigDecimal> weights) {
        return List.copyOf(allocate(total, indexed(weights)).values());
    }

    static List<Share<Integer>> indexed(List<BigDecimal> weights) {
        Objects.requireNonNull(weights, "weights");
        List<Share<Integer>> shares = new ArrayList<>(weights.size());
        for (int i = 0; i < weights.size(); i++) {
            shares.add(Share.of(i, weights.get(i)));
        }
        return shares;
    }

    /**
     * The core: splits {@code units} (non-negative whole minor units) by the shares' weights with
     * the largest remainder method; returns the units per share, in input order.
     */
    static <K extends Comparable<? super K>> BigInteger[] largestRemainder(BigInteger units, List<Share<K>> shares) {
        if (units.signum() < 0) {
            throw new IllegalArgumentException("units must not be negative: " + units);
        }
        Objects.requireNonNull(shares, "shares");
        int n = shares.size();
        if (n == 0) {
            throw new IllegalArgumentException("cannot split among no shares");
        }
        TreeSet<K> keys = new TreeSet<>();
        BigInteger commonDenominator = BigInteger.ONE;
        for (Share<K> share : shares) {
            Objects.requireNonNull(share, "share");
            if (!keys.add(share.key())) {
                throw new IllegalArgumentException("share key " + share.key() + " appears twice");
            }
            BigInteger d = share.weight().denominator();
            commonDenominator = commonDenominator.divide(commonDenominator.gcd(d)).multiply(d);
        }

        // Integer weights over the common denominator: w[i] / sum is the exact normalised weight.
        BigInteger[] w = new BigInteger[n];
        BigInteger sum = BigInteger.ZERO;
        for (int i = 0; i < n; i++) {
            Weight weight = shares.get(i).weight();
            w[i] = weight.numerator().multiply(commonDenominator.divide(weight.denominator()));
            sum = sum.add(w[i]);
        }
        if (sum.signum() == 0) {
            throw new IllegalArgumentException("cannot split by weights that are all zero: " + shares);
        }

        // Exact share of part i = units * w[i] / sum = floor[i] + remainder[i] / sum.
        BigInteger[] floor = new BigInteger[n];
        BigInteger[] remainder = new BigInteger[n];
        BigInteger handedOut = BigInteger.ZERO;
        for (int i = 0; i < n; i++) {
            BigInteger[] qr = units.multiply(w[i]).divideAndRemainder(sum);
            floor[i] = qr[0];
            remainder[i] = qr[1];
            handedOut = handedOut.add(qr[0]);
        }

        // Fewer than n units are left (each remainder < sum); one each to the largest remainders.
        int leftover = units.subtract(handedOut).intValueExact();
        if (leftover > 0) {
            List<Integer> order = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                order.add(i);
            }
            Comparator<Integer> byRemainderDescending = (a, b) -> remainder[b].compareTo(remainder[a]);
            order.sort(byRemainderDescending.thenComparing(i -> shares.get(i).key()));
            for (int k = 0; k < leftover; k++) {
                int i = order.get(k);
                floor[i] = floor[i].add(BigInteger.ONE);
            }
        }
        return floor;
    }
}
