package io.partnerflow.attribution.domain;

import io.partnerflow.attribution.domain.AttributionModels.TouchWeights;
import io.partnerflow.attribution.domain.CreditSplit.Line;
import io.partnerflow.attribution.domain.CreditSplit.PartnerCredit;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The one planner of re-attribution: what a model would credit one deal from its NET lines, and whether that
 * differs from the attribution in force. Used by the preview of a run, by its apply and by the immediate
 * {@code POST /reattributions}, so what is previewed is what is published. {@link Preview} aggregates deals into
 * per-partner deltas per currency, counts and a digest of exactly the inputs and outcomes (apply re-plans and
 * refuses when the digest moved).
 */
public final class ReattributionPlanner {
    private ReattributionPlanner() {
    }

    /** Current credits: partner → net amount (deal currency) of the attribution in force. */
    public record DealInput(String dealId, String attributionId, String currency, boolean sameModel, Instant createdAt,
                            Instant closedAt, List<Touch> touches, List<Line> netLines, Map<String, BigDecimal> before) {
    }

    public record DealPlan(DealInput input, TouchWeights weights, List<PartnerCredit> credits,
                           Map<String, BigDecimal> after, boolean changed) {
    }

    /**
     * What {@code model} credits one deal from its net lines: the single computation behind a run's preview and
     * apply and behind what-if ({@link WhatIf}), so their numbers agree. {@code full}: also the per-line detail.
     */
    public static List<PartnerCredit> credits(ModelSpec model, Instant createdAt, Instant closedAt, List<Touch> touches,
                                              List<Line> netLines, boolean full) {
        return CreditSplit.split(AttributionModels.weigh(model, createdAt, closedAt, touches), netLines, full);
    }

    public static DealPlan plan(ModelSpec model, DealInput in) {
        TouchWeights weights = AttributionModels.weigh(model, in.createdAt(), in.closedAt(), in.touches());
        List<PartnerCredit> credits = CreditSplit.split(weights, in.netLines(), true);
        Map<String, BigDecimal> after = new TreeMap<>();
        credits.forEach(c -> after.merge(c.partnerId(), c.amount().amount(), BigDecimal::add));
        after.values().removeIf(v -> v.signum() == 0);
        Map<String, BigDecimal> before = new TreeMap<>(in.before());
        before.values().removeIf(v -> v.signum() == 0);
        boolean changed = !(sameAmounts(before, after) && in.sameModel());
        return new DealPlan(in, weights, credits, after, changed);
    }

    static boolean sameAmounts(Map<String, BigDecimal> a, Map<String, BigDecimal> b) {
        return a.keySet().equals(b.keySet())
                && a.entrySet().stream().allMatch(e -> e.getValue().compareTo(b.get(e.getKey())) == 0);
    }

    public record PartnerDelta(String partnerId, String currency, BigDecimal before, BigDecimal after, BigDecimal delta) {
    }

    /** Aggregates planned deals (add them in a stable order: closedAt, dealId). */
    public static final class Preview {
        private final Map<String, Map<String, BigDecimal[]>> byPartner = new TreeMap<>();
        private final Map<String, BigDecimal> movedByCurrency = new TreeMap<>();
        private final MessageDigest digest;
        private int changed;
        private int unchanged;

        public Preview() {
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        public void add(DealPlan p) {
            DealInput in = p.input();
            StringBuilder line = new StringBuilder().append(in.dealId()).append('|').append(in.attributionId()).append('|')
                    .append(p.changed()).append('|').append(amounts(in.before())).append('|').append(amounts(p.after())).append('\n');
            digest.update(line.toString().getBytes(StandardCharsets.UTF_8));
            if (!p.changed()) {
                unchanged++;
                return;
            }
            changed++;
            TreeSet<String> partners = new TreeSet<>(in.before().keySet());
            partners.addAll(p.after().keySet());
            for (String partner : partners) {
                BigDecimal b = in.before().getOrDefault(partner, BigDecimal.ZERO);
                BigDecimal a = p.after().getOrDefault(partner, BigDecimal.ZERO);
                BigDecimal[] acc = byPartner.computeIfAbsent(partner, k -> new TreeMap<>())
                        .computeIfAbsent(in.currency(), k -> new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO});
                acc[0] = acc[0].add(b);
                acc[1] = acc[1].add(a);
                BigDecimal d = a.subtract(b);
                if (d.signum() > 0) {
                    movedByCurrency.merge(in.currency(), d, BigDecimal::add);
                }
            }
        }

        private static String amounts(Map<String, BigDecimal> m) {
            StringBuilder s = new StringBuilder();
            new TreeMap<>(m).forEach((k, v) -> s.append(k).append('=').append(v.stripTrailingZeros().toPlainString()).append(','));
            return s.toString();
        }

        /** Per partner and currency, over the CHANGED deals: credit before, after, and the delta (after − before). */
        public List<PartnerDelta> partners() {
            return byPartner.entrySet().stream().flatMap(p -> p.getValue().entrySet().stream()
                    .map(c -> new PartnerDelta(p.getKey(), c.getKey(), c.getValue()[0], c.getValue()[1],
                            c.getValue()[1].subtract(c.getValue()[0])))).toList();
        }

        /** Per currency: credit that moves to partners that gain it (the sum of positive deltas). */
        public Map<String, BigDecimal> moved() {
            return movedByCurrency;
        }

        public int changed() {
            return changed;
        }

        public int unchanged() {
            return unchanged;
        }

        /** SHA-256 over every examined deal's attribution in force, outcome and amounts, in the order added. */
        public String digest() {
            try {
                return HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
