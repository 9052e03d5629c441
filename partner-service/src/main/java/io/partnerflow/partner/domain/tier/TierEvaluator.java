package io.partnerflow.partner.domain.tier;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The tier rules, pure: given the ladder, where the partner stands and its metrics as of a date, decide.
 * <ul>
 *   <li>The QUALIFIED tier is the highest tier whose criteria are all met (the entry tier has none).</li>
 *   <li>Promotion as soon as the qualified tier is above the current one — straight to it, several ranks at once.</li>
 *   <li>Demotion only after the partner has failed its current tier's criteria for the ladder's grace period:
 *       the first failing evaluation starts the clock ({@code failingSince}); meeting the criteria again stops it;
 *       once {@code asOf ≥ failingSince + grace} the partner goes down to its qualified tier.</li>
 *   <li>A manual override pins the tier until it expires; then the qualified tier applies at once, effective at
 *       the expiry.</li>
 *   <li>Missing data (an FX rate) decides nothing: the evaluation is PENDING.</li>
 * </ul>
 * Effective times never go backwards: a change takes effect at the start of {@code asOf} or after the last change.
 */
public final class TierEvaluator {
    private TierEvaluator() {
    }

    public enum Kind { NONE, INITIAL, PROMOTE, DEMOTE, PENDING }

    /** An active manual override: the pinned tier until {@code expiresAt}. */
    public record Override(String tierCode, Instant expiresAt) {
    }

    /** Where the partner stands. {@code tierCode} null = no tier yet. */
    public record Position(String tierCode, LocalDate failingSince, Override override, Instant lastEffectiveAt) {
    }

    public record MetricCheck(MetricValue value, BigDecimal threshold, boolean met) {
    }

    /**
     * @param failingSince the grace clock after this evaluation (null = not failing)
     * @param overrideEnded the override expired and is to be cleared
     * @param metrics       the checks that decided it (the target tier's criteria; the current tier's on demotion)
     */
    public record Decision(Kind kind, Tier from, Tier to, Tier qualified, String reason, String note,
                           LocalDate failingSince, boolean overrideEnded, Instant effectiveAt,
                           List<MetricCheck> metrics, List<String> missing) {
        public boolean changesTier() {
            return kind == Kind.INITIAL || kind == Kind.PROMOTE || kind == Kind.DEMOTE;
        }
    }

    /**
     * @param asOf the evaluation date: metrics cover the days before it; changes take effect at its start
     * @param at   the decision instant (an override ends when {@code at} reaches its expiry)
     */
    public static Decision evaluate(Ladder ladder, Position position, MetricCalculator.Result metrics, LocalDate asOf,
                                    Instant at) {
        Instant start = asOf.atStartOfDay(ZoneOffset.UTC).toInstant();
        Tier current = position.tierCode() == null ? null
                : ladder.tier(position.tierCode()).orElse(ladder.entry());
        if (metrics.pending()) {
            return new Decision(Kind.PENDING, current, current, null, null,
                    "waiting for " + String.join(", ", metrics.missing()), position.failingSince(), false, null,
                    List.of(), metrics.missing());
        }
        Map<Criterion.MetricKey, MetricValue> values = metrics.values();
        Tier qualified = qualified(ladder, values);
        Instant effective = later(start, position.lastEffectiveAt());
        if (current == null) {
            return new Decision(Kind.INITIAL, null, qualified, qualified, "initial", "first tier on ladder version "
                    + ladder.version(), null, false, effective, checks(qualified, values), List.of());
        }
        Override o = position.override();
        if (o != null) {
            if (o.expiresAt() != null && !o.expiresAt().isAfter(at)) {
                Instant expiredAt = later(o.expiresAt(), position.lastEffectiveAt());
                String note = "override to " + o.tierCode() + " expired at " + o.expiresAt();
                if (qualified.rank() == current.rank()) {
                    return new Decision(Kind.NONE, current, current, qualified, null, note, null, true, null,
                            checks(current, values), List.of());
                }
                boolean up = qualified.rank() > current.rank();
                return new Decision(up ? Kind.PROMOTE : Kind.DEMOTE, current, qualified, qualified,
                        up ? "promotion" : "demotion", note, null, true, expiredAt,
                        checks(up ? qualified : current, values), List.of());
            }
            return new Decision(Kind.NONE, current, current, qualified, null,
                    "override in force" + (o.expiresAt() == null ? "" : " until " + o.expiresAt()), null, false, null,
                    checks(current, values), List.of());
        }
        if (qualified.rank() > current.rank()) {
            return new Decision(Kind.PROMOTE, current, qualified, qualified, "promotion",
                    "all " + qualified.name() + " criteria met", null, false, effective, checks(qualified, values), List.of());
        }
        if (qualified.rank() == current.rank()) {
            return new Decision(Kind.NONE, current, current, qualified, null, null, null, false, null,
                    checks(current, values), List.of());
        }
        LocalDate failingSince = position.failingSince() == null ? asOf : position.failingSince();
        if (!asOf.isBefore(failingSince.plusDays(ladder.demotionGraceDays()))) {
            return new Decision(Kind.DEMOTE, current, qualified, qualified, "demotion",
                    current.name() + " criteria failed since " + failingSince + " (grace " + ladder.demotionGraceDays()
                            + " days)", null, false, effective, checks(current, values), List.of());
        }
        return new Decision(Kind.NONE, current, current, qualified, null,
                "failing " + current.name() + " criteria since " + failingSince + "; demotion on "
                        + failingSince.plusDays(ladder.demotionGraceDays()) + " unless met again",
                failingSince, false, null, checks(current, values), List.of());
    }

    /** The highest tier whose criteria are all met. */
    public static Tier qualified(Ladder ladder, Map<Criterion.MetricKey, MetricValue> values) {
        Tier best = ladder.entry();
        for (Tier t : ladder.tiers()) {
            if (t.criteria().stream().allMatch(c -> c.metBy(value(values, c)))) {
                best = t;
            }
        }
        return best;
    }

    public static List<MetricCheck> checks(Tier tier, Map<Criterion.MetricKey, MetricValue> values) {
        return tier.criteria().stream().map(c -> {
            MetricValue v = values.get(c.key());
            return new MetricCheck(v, c.threshold(), c.metBy(value(values, c)));
        }).toList();
    }

    private static BigDecimal value(Map<Criterion.MetricKey, MetricValue> values, Criterion c) {
        MetricValue v = values.get(c.key());
        if (v == null) {
            throw new IllegalArgumentException("metric " + c.key() + " was not measured");
        }
        return v.value();
    }

    private static Instant later(Instant a, Instant b) {
        return b == null || a.isAfter(b) ? a : b;
    }
}
