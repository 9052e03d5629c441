package io.partnerflow.core.money;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One recipient of a split: its key and its exact, non-negative weight.
 *
 * <p>The key identifies the recipient in the result and breaks ties: when two recipients have
 * equal remainders, the one with the lower key (natural order) gets the leftover unit first. Per
 * DESIGN, use the partner id, or a key ordered by partner id then line number.
 *
 * @param <K> the key type; its natural order must be consistent with equals
 */
public record Share<K extends Comparable<? super K>>(K key, Weight weight) {

    public Share {
        Objects.requireNonNull(key, "share key");
        Objects.requireNonNull(weight, "weight of share " + key);
    }

    public static <K extends Comparable<? super K>> Share<K> of(K key, Weight weight) {
        return new Share<>(key, weight);
    }

    /** The exact value of {@code weight}, any scale; refuses negatives. */
    public static <K extends Comparable<? super K>> Share<K> of(K key, BigDecimal weight) {
        Objects.requireNonNull(weight, () -> "weight of share " + key);
        return new Share<>(key, Weight.of(weight));
    }
}
