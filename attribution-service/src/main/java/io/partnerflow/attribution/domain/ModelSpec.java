package io.partnerflow.attribution.domain;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One attribution model's parameters — data, not code. Shares of the position-based families are
 * decimals that must sum to exactly 1; custom weights per touch type likewise.
 *
 * @param shares position shares by {@link Position}: U uses FIRST, LAST, MIDDLE; W uses FIRST, LEAD,
 *               CLOSING, REST; Z (full path) uses FIRST, LEAD, OPPORTUNITY, CLOSING, REST
 */
public record ModelSpec(ModelKind kind, Duration halfLife, Duration lookback, Set<TouchType> eligibleTypes,
                        Map<Position, BigDecimal> shares, Map<TouchType, BigDecimal> customWeights) {

    public static final Duration DEFAULT_HALF_LIFE = Duration.ofDays(7);
    public static final Duration DEFAULT_LOOKBACK = Duration.ofDays(365);

    /** Roles a touch can play in the position-based models. */
    public enum Position { FIRST, LAST, MIDDLE, LEAD, OPPORTUNITY, CLOSING, REST }

    public ModelSpec {
        Objects.requireNonNull(kind, "kind");
        halfLife = halfLife == null ? DEFAULT_HALF_LIFE : halfLife;
        lookback = lookback == null ? DEFAULT_LOOKBACK : lookback;
        eligibleTypes = eligibleTypes == null || eligibleTypes.isEmpty()
                ? EnumSet.allOf(TouchType.class) : EnumSet.copyOf(eligibleTypes);
        shares = shares == null || shares.isEmpty() ? defaultShares(kind) : new EnumMap<>(shares);
        customWeights = customWeights == null ? Map.of() : new EnumMap<>(customWeights);
    }

    public static ModelSpec of(ModelKind kind) {
        return new ModelSpec(kind, null, null, null, null, null);
    }

    public static ModelSpec custom(Map<TouchType, BigDecimal> weights) {
        return new ModelSpec(ModelKind.CUSTOM, null, null, null, null, weights);
    }

    static Map<Position, BigDecimal> defaultShares(ModelKind kind) {
        Map<Position, BigDecimal> m = new EnumMap<>(Position.class);
        switch (kind) {
            case POSITION_BASED -> {
                m.put(Position.FIRST, new BigDecimal("0.4"));
                m.put(Position.LAST, new BigDecimal("0.4"));
                m.put(Position.MIDDLE, new BigDecimal("0.2"));
            }
            case W_SHAPED -> {
                m.put(Position.FIRST, new BigDecimal("0.3"));
                m.put(Position.LEAD, new BigDecimal("0.3"));
                m.put(Position.CLOSING, new BigDecimal("0.3"));
                m.put(Position.REST, new BigDecimal("0.1"));
            }
            case FULL_PATH -> {
                m.put(Position.FIRST, new BigDecimal("0.225"));
                m.put(Position.LEAD, new BigDecimal("0.225"));
                m.put(Position.OPPORTUNITY, new BigDecimal("0.225"));
                m.put(Position.CLOSING, new BigDecimal("0.225"));
                m.put(Position.REST, new BigDecimal("0.1"));
            }
            default -> {
                // other kinds use no position shares
            }
        }
        return m;
    }

    /** Everything wrong with this model, as sentences; empty when it is valid. */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (halfLife.isZero() || halfLife.isNegative()) {
            p.add("halfLife must be positive");
        }
        if (lookback.isNegative()) {
            p.add("lookback must not be negative");
        }
        Set<Position> allowed = switch (kind) {
            case POSITION_BASED -> EnumSet.of(Position.FIRST, Position.LAST, Position.MIDDLE);
            case W_SHAPED -> EnumSet.of(Position.FIRST, Position.LEAD, Position.CLOSING, Position.REST);
            case FULL_PATH -> EnumSet.of(Position.FIRST, Position.LEAD, Position.OPPORTUNITY, Position.CLOSING, Position.REST);
            default -> EnumSet.noneOf(Position.class);
        };
        if (!allowed.isEmpty()) {
            if (!allowed.containsAll(shares.keySet())) {
                p.add(kind + " shares must be among " + allowed + ", got " + shares.keySet());
            }
            checkSum("shares", shares.values(), p);
        }
        if (kind == ModelKind.CUSTOM) {
            if (customWeights.isEmpty()) {
                p.add("a custom model needs weights per touch type");
            }
            checkSum("custom weights", customWeights.values(), p);
        }
        return p;
    }

    private static void checkSum(String what, java.util.Collection<BigDecimal> values, List<String> p) {
        BigDecimal sum = BigDecimal.ZERO;
        for (BigDecimal v : values) {
            if (v == null || v.signum() < 0) {
                p.add(what + " must not be negative");
                return;
            }
            sum = sum.add(v);
        }
        if (sum.compareTo(BigDecimal.ONE) != 0) {
            p.add(what + " must sum to exactly 1, got " + sum.toPlainString());
        }
    }

    BigDecimal share(Position position) {
        return shares.getOrDefault(position, BigDecimal.ZERO);
    }
}
