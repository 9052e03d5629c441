package io.partnerflow.attribution.domain;

import io.partnerflow.attribution.domain.AttributionModels.TouchWeights;
import io.partnerflow.attribution.domain.AttributionModels.WeightedTouch;
import io.partnerflow.core.money.Allocation;
import io.partnerflow.core.money.Money;
import io.partnerflow.core.money.Share;
import io.partnerflow.core.money.Weight;
import io.partnerflow.core.money.Weights;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Exact money for attribution: touches of one partner aggregate into one credit; EACH LINE is split
 * by the partners' exact (unrounded) weights with largest remainder, ties by ascending partner id —
 * so per line the partners' amounts sum to the line, each credit is the sum of its line amounts, and
 * the credits sum to the deal amount to the minor unit. Wire weights (scale 8) sum to exactly 1.
 */
public final class CreditSplit {
    private CreditSplit() {
    }

    public record Line(int lineNumber, Money amount) {
        public Line {
            Objects.requireNonNull(amount, "amount");
        }
    }

    public record PartnerCredit(String partnerId, Weight weight, BigDecimal wireWeight, Money amount,
                                Map<Integer, Money> lines, List<WeightedTouch> touches) {
    }

    /** Credits in ascending partner id, only partners with a positive weight; empty when unattributed. */
    public static List<PartnerCredit> split(TouchWeights weights, List<Line> lines) {
        return split(weights, lines, true);
    }

    /** As {@link #split(TouchWeights, List)}; without wire weights and touch lists when {@code full} is false (bulk simulation). */
    public static List<PartnerCredit> split(TouchWeights weights, List<Line> lines, boolean full) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a deal needs at least one line to split");
        }
        Currency currency = lines.get(0).amount().currency();
        for (Line l : lines) {
            if (!l.amount().currency().equals(currency)) {
                throw new IllegalArgumentException("lines in " + currency + " and " + l.amount().currency());
            }
        }
        if (weights.unattributed()) {
            return List.of();
        }
        Map<String, Weight> byPartner = new TreeMap<>();
        Map<String, List<WeightedTouch>> touches = new TreeMap<>();
        for (WeightedTouch t : weights.credited()) {
            if (t.weight().isZero()) {
                continue; // eligible but given nothing by the model (e.g. a middle touch under first-touch)
            }
            byPartner.merge(t.touch().partnerId(), t.weight(), Weight::plus);
            touches.computeIfAbsent(t.touch().partnerId(), k -> new ArrayList<>()).add(t);
        }
        List<Share<String>> shares = byPartner.entrySet().stream().map(e -> Share.of(e.getKey(), e.getValue())).toList();
        Map<String, BigDecimal> wire = full ? Weights.toWire(shares) : Map.of();
        Map<String, Map<Integer, Money>> perLine = new TreeMap<>();
        for (Line line : lines) {
            Allocation.allocate(line.amount(), shares).forEach((partner, amount) ->
                    perLine.computeIfAbsent(partner, k -> new TreeMap<>()).put(line.lineNumber(), amount));
        }
        List<PartnerCredit> out = new ArrayList<>();
        for (Map.Entry<String, Weight> e : byPartner.entrySet()) {
            Map<Integer, Money> ls = perLine.get(e.getKey());
            out.add(new PartnerCredit(e.getKey(), e.getValue(), wire.get(e.getKey()),
                    Money.sum(currency, ls.values()), Collections.unmodifiableMap(ls),
                    full ? List.copyOf(touches.get(e.getKey())) : List.of()));
        }
        return List.copyOf(out);
    }

    /**
     * A reversal proportional to the original credits: each reversed line amount is split by the
     * partners' original amounts ON THAT LINE (largest remainder, ties by partner id), so per line the
     * parts sum exactly to the reversed amount. A line the original did not have (a correction adding
     * a line) is split by the partners' attribution weights. Returns partner → line → amount (signed as given).
     */
    public static Map<String, Map<Integer, Money>> reverse(List<PartnerCredit> original, List<Line> reversed) {
        Map<String, Map<Integer, Money>> out = new TreeMap<>();
        for (Line r : reversed) {
            List<Share<String>> shares = new ArrayList<>();
            for (PartnerCredit c : original) {
                Money onLine = c.lines().get(r.lineNumber());
                if (onLine != null && onLine.amount().signum() != 0) {
                    shares.add(Share.of(c.partnerId(), onLine.amount().abs()));
                }
            }
            if (shares.isEmpty()) {
                for (PartnerCredit c : original) {
                    shares.add(Share.of(c.partnerId(), c.weight()));
                }
            }
            if (shares.isEmpty()) {
                throw new IllegalArgumentException("nothing was credited, so nothing can be reversed");
            }
            Allocation.allocate(r.amount(), shares).forEach((partner, amount) ->
                    out.computeIfAbsent(partner, k -> new TreeMap<>()).put(r.lineNumber(), amount));
        }
        return out;
    }
}
