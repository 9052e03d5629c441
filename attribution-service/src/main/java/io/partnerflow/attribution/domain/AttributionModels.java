package io.partnerflow.attribution.domain;

import io.partnerflow.attribution.domain.ModelSpec.Position;
import io.partnerflow.core.money.Weight;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a deal's touches into exact per-touch weights that sum to exactly 1 — the attribution models of
 * issue #5. Pure Java; no rounding happens here (time-decay factors are computed to 24 significant
 * digits, then treated as exact); money is split later by {@link CreditSplit}.
 *
 * <h2>Rules (version {@value #RULES_VERSION})</h2>
 * <ol>
 *   <li>Eligible touches: type in the model's eligible types, at or before {@code closedAt}, and not
 *       before {@code closedAt − lookback} (default 365 days). Others are ignored, with the reason.
 *       Touches are ordered by time, then touchpoint id; a touchpoint id counts once (the earliest).</li>
 *   <li>No eligible touch → the deal is unattributed (direct).</li>
 *   <li>first-touch: 100 % to the first; last-touch: 100 % to the last; linear: 1/n each.</li>
 *   <li>time-decay: weight ∝ 2^(−(closedAt − touch time)/H), H = half-life (default 7 days).</li>
 *   <li>position-based (U): FIRST share to the first touch, LAST to the last, MIDDLE shared evenly by
 *       the touches between; one touch gets 100 %; two touches share pro rata FIRST:LAST (50/50 by
 *       default).</li>
 *   <li>W-shaped: FIRST share to the first touch, LEAD to the lead/registration milestone, CLOSING to
 *       the closing touch, REST shared evenly by every other touch. Full path (Z) adds OPPORTUNITY.</li>
 *   <li>Milestones: lead/registration = the earliest deal-registration touch, else the earliest
 *       lead-generation or referral touch; opportunity creation = the first touch at or after the
 *       deal's {@code createdAt}; closing = the last eligible touch.</li>
 *   <li>Milestones that fall on the same touch add up. A missing milestone's share, and the REST share
 *       when there is no other touch, are dropped and the remaining shares renormalised — i.e. they go
 *       pro rata to the shares that have a touch.</li>
 *   <li>custom: each touch weighs its type's weight; touches whose type weighs 0 are ignored; if every
 *       eligible touch weighs 0 the deal is unattributed.</li>
 * </ol>
 */
public final class AttributionModels {
    public static final int RULES_VERSION = 1;

    private static final MathContext MC = new MathContext(24, RoundingMode.HALF_EVEN);
    /** Decay factors by (age, half-life): deals share touch ages often enough to make this pay. */
    private static final Map<Long, BigDecimal> DECAY_CACHE = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(4096, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, BigDecimal> eldest) {
                    return size() > 100_000;
                }
            });
    private static final BigDecimal LN2 = new BigDecimal("0.6931471805599453094172321214581765680755001343602552");
    private static final BigDecimal EPSILON = new BigDecimal("1e-27");

    private AttributionModels() {
    }

    public record WeightedTouch(Touch touch, Weight weight, Set<Position> roles) {
    }

    public record IgnoredTouch(Touch touch, String reason) {
    }

    /** The credited touches (chronological, weights summing to exactly 1) and the ignored ones. */
    public record TouchWeights(List<WeightedTouch> credited, List<IgnoredTouch> ignored) {
        public boolean unattributed() {
            return credited.isEmpty();
        }
    }

    public static TouchWeights weigh(ModelSpec model, Instant createdAt, Instant closedAt, List<Touch> touches) {
        List<String> problems = model.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid model: " + String.join("; ", problems));
        }
        List<Touch> eligible = new ArrayList<>();
        List<IgnoredTouch> ignored = new ArrayList<>();
        Instant earliest = closedAt.minus(model.lookback());
        List<Touch> sorted = new ArrayList<>(touches);
        sorted.sort(Touch.CHRONOLOGICAL.thenComparing(Touch::partnerId).thenComparing(Touch::type));
        Set<String> seen = new java.util.HashSet<>();
        for (Touch t : sorted) {
            if (!seen.add(t.touchpointId())) {
                ignored.add(new IgnoredTouch(t, "duplicate of touchpoint " + t.touchpointId() + " (the earliest counts)"));
            } else if (!model.eligibleTypes().contains(t.type())) {
                ignored.add(new IgnoredTouch(t, "touch type " + t.type().wire() + " is not eligible for this model"));
            } else if (t.at().isAfter(closedAt)) {
                ignored.add(new IgnoredTouch(t, "after the deal closed"));
            } else if (t.at().isBefore(earliest)) {
                ignored.add(new IgnoredTouch(t, "outside the " + model.lookback().toDays() + "-day lookback window"));
            } else if (model.kind() == ModelKind.CUSTOM && weightOf(model, t).isZero()) {
                ignored.add(new IgnoredTouch(t, "touch type " + t.type().wire() + " weighs 0 in this custom model"));
            } else {
                eligible.add(t);
            }
        }
        if (eligible.isEmpty()) {
            return new TouchWeights(List.of(), ignored);
        }
        Map<Touch, Raw> raw = rawWeights(model, createdAt, closedAt, eligible);
        return new TouchWeights(normalise(eligible, raw), ignored);
    }

    /** Unnormalised weight and roles of each eligible touch. */
    private record Raw(Weight weight, Set<Position> roles) {
        Raw add(Weight w, Position p) {
            Set<Position> r = EnumSet.noneOf(Position.class);
            r.addAll(roles);
            if (p != null) {
                r.add(p);
            }
            return new Raw(weight.plus(w), r);
        }
    }

    private static Map<Touch, Raw> rawWeights(ModelSpec model, Instant createdAt, Instant closedAt, List<Touch> e) {
        Map<Touch, Raw> raw = new LinkedHashMap<>();
        for (Touch t : e) {
            raw.put(t, new Raw(Weight.ZERO, Set.of()));
        }
        int n = e.size();
        Touch first = e.get(0);
        Touch last = e.get(n - 1);
        switch (model.kind()) {
            case FIRST_TOUCH -> raw.compute(first, (t, r) -> r.add(Weight.ONE, Position.FIRST));
            case LAST_TOUCH -> raw.compute(last, (t, r) -> r.add(Weight.ONE, Position.LAST));
            case LINEAR -> e.forEach(t -> raw.compute(t, (k, r) -> r.add(Weight.ONE, null)));
            case TIME_DECAY -> e.forEach(t -> raw.compute(t, (k, r) ->
                    r.add(Weight.of(decay(Duration.between(t.at(), closedAt), model.halfLife())), null)));
            case CUSTOM -> e.forEach(t -> raw.compute(t, (k, r) -> r.add(weightOf(model, t), null)));
            case POSITION_BASED -> {
                if (n == 1) {
                    raw.compute(first, (t, r) -> r.add(Weight.ONE, Position.FIRST));
                } else {
                    give(raw, first, model, Position.FIRST);
                    give(raw, last, model, Position.LAST);
                    spread(raw, e.subList(1, n - 1), model, Position.MIDDLE);
                }
            }
            case W_SHAPED, FULL_PATH -> {
                Map<Position, Touch> milestones = new LinkedHashMap<>();
                milestones.put(Position.FIRST, first);
                leadMilestone(e).ifPresent(t -> milestones.put(Position.LEAD, t));
                if (model.kind() == ModelKind.FULL_PATH && createdAt != null) {
                    e.stream().filter(t -> !t.at().isBefore(createdAt)).findFirst()
                            .ifPresent(t -> milestones.put(Position.OPPORTUNITY, t));
                }
                milestones.put(Position.CLOSING, last);
                milestones.forEach((p, t) -> give(raw, t, model, p));
                List<Touch> rest = e.stream().filter(t -> !milestones.containsValue(t)).toList();
                spread(raw, rest, model, Position.REST);
            }
        }
        if (raw.values().stream().allMatch(r -> r.weight().isZero())) {
            // every share that had a touch was 0 (e.g. U with FIRST=LAST=0 and two touches): fall back to linear
            e.forEach(t -> raw.compute(t, (k, r) -> r.add(Weight.ONE, null)));
        }
        return raw;
    }

    private static void give(Map<Touch, Raw> raw, Touch t, ModelSpec model, Position p) {
        raw.compute(t, (k, r) -> r.add(Weight.of(model.share(p)), p));
    }

    private static void spread(Map<Touch, Raw> raw, List<Touch> touches, ModelSpec model, Position p) {
        if (touches.isEmpty()) {
            return; // the share is dropped: renormalisation hands it pro rata to the others
        }
        Weight each = Weight.of(model.share(p)).times(Weight.ratio(1, touches.size()));
        touches.forEach(t -> raw.compute(t, (k, r) -> r.add(each, p)));
    }

    /** Earliest deal-registration touch, else earliest lead-generation or referral touch. */
    static Optional<Touch> leadMilestone(List<Touch> chronological) {
        Optional<Touch> reg = chronological.stream().filter(t -> t.type() == TouchType.DEAL_REGISTRATION).findFirst();
        return reg.isPresent() ? reg : chronological.stream()
                .filter(t -> t.type() == TouchType.LEAD_GENERATION || t.type() == TouchType.REFERRAL).findFirst();
    }

    private static List<WeightedTouch> normalise(List<Touch> eligible, Map<Touch, Raw> raw) {
        Weight total = Weight.ZERO;
        for (Raw r : raw.values()) {
            total = total.plus(r.weight());
        }
        List<WeightedTouch> out = new ArrayList<>();
        for (Touch t : eligible) {
            Raw r = raw.get(t);
            Weight w = new Weight(r.weight().numerator().multiply(total.denominator()),
                    r.weight().denominator().multiply(total.numerator()));
            out.add(new WeightedTouch(t, w, r.roles()));
        }
        return Collections.unmodifiableList(out);
    }

    private static Weight weightOf(ModelSpec model, Touch t) {
        BigDecimal w = model.customWeights().get(t.type());
        return w == null ? Weight.ZERO : Weight.of(w);
    }

    /**
     * 2^(−age/halfLife) to 24 significant digits, exact at whole half-lives (age = k·H gives 2^−k).
     * Computed as 2^−q · e^(−f·ln 2) with q = ⌊age/H⌋ and f ∈ [0, 1), no floating point.
     */
    static BigDecimal decay(Duration age, Duration halfLife) {
        if (age.getNano() == 0 && halfLife.getNano() == 0 && age.getSeconds() < (1L << 40) && halfLife.getSeconds() < (1L << 23)) {
            long key = (age.getSeconds() << 23) | halfLife.getSeconds();
            BigDecimal hit = DECAY_CACHE.get(key);
            if (hit == null) {
                hit = computeDecay(age, halfLife);
                DECAY_CACHE.put(key, hit);
            }
            return hit;
        }
        return computeDecay(age, halfLife);
    }

    private static BigDecimal computeDecay(Duration age, Duration halfLife) {
        BigInteger a = BigInteger.valueOf(age.getSeconds()).multiply(BigInteger.valueOf(1_000_000_000L))
                .add(BigInteger.valueOf(age.getNano()));
        BigInteger h = BigInteger.valueOf(halfLife.getSeconds()).multiply(BigInteger.valueOf(1_000_000_000L))
                .add(BigInteger.valueOf(halfLife.getNano()));
        BigInteger[] qr = a.divideAndRemainder(h);
        BigDecimal f = new BigDecimal(qr[1]).divide(new BigDecimal(h), MC);
        BigDecimal y = f.multiply(LN2, MC);
        // e^(−y) by its Taylor series; y ∈ [0, ln 2) so it converges fast.
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        for (int k = 1; term.abs().compareTo(EPSILON) > 0 && k < 200; k++) {
            term = term.multiply(y, MC).divide(BigDecimal.valueOf(k), MC).negate();
            sum = sum.add(term, MC);
        }
        BigDecimal pow = new BigDecimal(BigInteger.TWO.pow(qr[0].intValueExact()));
        return sum.divide(pow, MC);
    }
}
