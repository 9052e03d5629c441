package io.partnerflow.core.money;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Weights as they travel on the wire: decimals at scale {@value #WIRE_SCALE}.
 *
 * <p>Guarantees: {@link #toWire} turns raw weights (any scale, rationals, not necessarily summing
 * to 1) into non-negative decimals at scale 8 that sum to <em>exactly</em> {@code 1.00000000}:
 * the normalised weights are themselves split by largest remainder ({@link Allocation}'s rules,
 * with 10<sup>8</sup> units instead of minor units and the same tie-break), so each wire weight
 * is within 0.00000001 of the exact normalised weight, zero stays zero, and the result is
 * deterministic and per key independent of input order.
 *
 * <p>Wire weights are for display and explanation. Amounts are split from the same raw,
 * unrounded weights with {@link Allocation#allocate}, never from the wire weights.
 */
public final class Weights {

    /** Number of decimals of a weight on the wire. */
    public static final int WIRE_SCALE = 8;

    private static final BigInteger WIRE_UNITS = BigInteger.TEN.pow(WIRE_SCALE);
    private static final BigDecimal WIRE_ONE = BigDecimal.ONE.setScale(WIRE_SCALE);

    private Weights() {
    }

    /**
     * Normalises {@code shares}' weights and rounds them to scale 8 by largest remainder.
     *
     * @return one wire weight per share, keyed by the share's key, in input order (unmodifiable)
     * @throws IllegalArgumentException if there are no shares, a key repeats, a weight is negative
     *                                  or all weights are zero
     */
    public static <K extends Comparable<? super K>> Map<K, BigDecimal> toWire(List<Share<K>> shares) {
        BigInteger[] units = Allocation.largestRemainder(WIRE_UNITS, shares);
        Map<K, BigDecimal> wire = new LinkedHashMap<>();
        for (int i = 0; i < units.length; i++) {
            wire.put(shares.get(i).key(), new BigDecimal(units[i], WIRE_SCALE));
        }
        return Collections.unmodifiableMap(wire);
    }

    /** {@link #toWire} for plain decimal weights; ties go to the lower index. */
    public static List<BigDecimal> toWireByIndex(List<BigDecimal> weights) {
        return List.copyOf(toWire(Allocation.indexed(weights)).values());
    }

    /**
     * Checks weights received from the wire: each non-negative with at most 8 decimals, and
     * together exactly 1.
     *
     * @return the same weights, each at scale 8 (in the collection's order)
     * @throws IllegalArgumentException naming what is wrong
     */
    public static List<BigDecimal> requireWire(Collection<BigDecimal> wireWeights) {
        Objects.requireNonNull(wireWeights, "weights");
        List<BigDecimal> checked = new ArrayList<>(wireWeights.size());
        BigDecimal sum = BigDecimal.ZERO;
        for (BigDecimal weight : wireWeights) {
            Objects.requireNonNull(weight, "weight");
            if (weight.signum() < 0) {
                throw new IllegalArgumentException("weight must not be negative: " + weight.toPlainString());
            }
            if (weight.stripTrailingZeros().scale() > WIRE_SCALE) {
                throw new IllegalArgumentException(
                        "weight " + weight.toPlainString() + " has more than " + WIRE_SCALE + " decimals");
            }
            BigDecimal scaled = weight.setScale(WIRE_SCALE);
            checked.add(scaled);
            sum = sum.add(scaled);
        }
        if (sum.compareTo(WIRE_ONE) != 0) {
            throw new IllegalArgumentException("weights must sum to exactly 1, not " + sum.toPlainString());
        }
        return List.copyOf(checked);
    }
}
