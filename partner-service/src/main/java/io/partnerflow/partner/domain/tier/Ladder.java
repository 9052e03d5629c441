package io.partnerflow.partner.domain.tier;

import io.partnerflow.core.money.Money;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A version of the tier ladder: tiers ordered by rank, the demotion grace period, and whether promotions
 * wait for a channel manager's approval. Immutable; a change is a new version.
 */
public record Ladder(UUID id, int version, int demotionGraceDays, boolean promotionRequiresApproval, List<Tier> tiers) {
    private static final Pattern CODE = Pattern.compile("^[a-z][a-z0-9_-]{0,49}$");

    public Ladder {
        tiers = tiers.stream().sorted(Comparator.comparingInt(Tier::rank)).toList();
    }

    public Tier entry() {
        return tiers.get(0);
    }

    public Tier top() {
        return tiers.get(tiers.size() - 1);
    }

    public Optional<Tier> tier(String code) {
        return tiers.stream().filter(t -> t.code().equals(code)).findFirst();
    }

    public Tier byRank(int rank) {
        return tiers.get(Math.max(0, Math.min(rank, tiers.size() - 1)));
    }

    /** Every metric (with its window) any tier needs: what an evaluation must measure. */
    public Set<Criterion.MetricKey> metricKeys() {
        Set<Criterion.MetricKey> keys = new HashSet<>();
        tiers.forEach(t -> t.criteria().forEach(c -> keys.add(c.key())));
        return keys;
    }

    /**
     * Why this ladder cannot be used (empty = valid): at least one tier; ranks 0..n-1 without gaps; unique
     * lower-case codes; the entry tier without criteria; windows on windowed metrics only (1–120 months);
     * non-negative thresholds (whole numbers for counts, at most the base currency's decimals for revenue);
     * one criterion per metric and window in a tier; and MONOTONE criteria: each criterion of a tier appears in
     * the next tier up with the same window and a threshold at least as high — so meeting a tier means meeting
     * every tier below it.
     */
    public static List<String> validate(List<Tier> tiers, int demotionGraceDays, String baseCurrency) {
        List<String> errors = new ArrayList<>();
        if (tiers == null || tiers.isEmpty()) {
            return List.of("a ladder needs at least one tier");
        }
        if (demotionGraceDays < 0 || demotionGraceDays > 3650) {
            errors.add("demotionGraceDays must be between 0 and 3650");
        }
        List<Tier> sorted = tiers.stream().sorted(Comparator.comparingInt(Tier::rank)).toList();
        Set<String> codes = new HashSet<>();
        int scale = Money.scaleOf(Money.currencyOf(baseCurrency));
        for (int i = 0; i < sorted.size(); i++) {
            Tier t = sorted.get(i);
            String where = "tier " + t.code();
            if (t.rank() != i) {
                errors.add("ranks must be 0.." + (sorted.size() - 1) + " without gaps or repeats; found rank " + t.rank()
                        + " at position " + i);
            }
            if (t.code() == null || !CODE.matcher(t.code()).matches()) {
                errors.add("tier code '" + t.code() + "' must be lower-case letters, digits, '_' or '-'");
            } else if (!codes.add(t.code())) {
                errors.add("tier code '" + t.code() + "' is used twice");
            }
            if (t.name() == null || t.name().isBlank()) {
                errors.add(where + " needs a name");
            }
            if (i == 0 && !t.criteria().isEmpty()) {
                errors.add("the entry tier (rank 0) " + t.code() + " must not have criteria: every partner starts there");
            }
            Set<Criterion.MetricKey> seen = new HashSet<>();
            for (Criterion c : t.criteria()) {
                String cw = where + " criterion " + c.metric();
                if (!seen.add(c.key())) {
                    errors.add(cw + " appears twice with the same window");
                }
                if (c.metric().windowed() && (c.windowMonths() < 1 || c.windowMonths() > 120)) {
                    errors.add(cw + " needs a window of 1 to 120 months");
                }
                if (!c.metric().windowed() && c.windowMonths() != 0) {
                    errors.add(cw + " is measured at a point in time and takes no window");
                }
                if (c.threshold().signum() < 0) {
                    errors.add(cw + " threshold must not be negative");
                }
                if (!c.metric().money() && c.threshold().stripTrailingZeros().scale() > 0) {
                    errors.add(cw + " threshold must be a whole number");
                }
                if (c.metric().money() && c.threshold().stripTrailingZeros().scale() > scale) {
                    errors.add(cw + " threshold has more decimals than " + baseCurrency + " allows");
                }
            }
            for (Benefit b : t.benefits()) {
                if (b.code() == null || b.code().isBlank() || b.value() == null) {
                    errors.add(where + " has a benefit without code or value");
                }
            }
        }
        for (int i = 0; i + 1 < sorted.size(); i++) {
            Tier lower = sorted.get(i);
            Tier upper = sorted.get(i + 1);
            Map<Criterion.MetricKey, BigDecimal> up = new HashMap<>();
            upper.criteria().forEach(c -> up.put(c.key(), c.threshold()));
            for (Criterion c : lower.criteria()) {
                BigDecimal u = up.get(c.key());
                if (u == null) {
                    errors.add("not monotone: " + upper.code() + " lacks " + lower.code() + "'s criterion "
                            + c.metric() + (c.metric().windowed() ? " over " + c.windowMonths() + " months" : ""));
                } else if (u.compareTo(c.threshold()) < 0) {
                    errors.add("not monotone: " + upper.code() + " asks " + u.toPlainString() + " " + c.metric()
                            + ", less than " + lower.code() + "'s " + c.threshold().toPlainString());
                }
            }
        }
        return errors;
    }
}
