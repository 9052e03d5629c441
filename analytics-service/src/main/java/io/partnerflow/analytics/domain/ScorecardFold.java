package io.partnerflow.analytics.domain;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pure core of the scorecards: folds facts into deltas of the daily facts, reading and updating only the
 * per-deal attribution state of the deals involved. A deal's contribution depends only on its own state, which
 * only its own events (one Kafka key, kept in order) change; partner facts are plain additions. So any
 * interleaving that keeps each key's order gives the same sums — see {@code ScorecardFoldPropertiesTest}.
 */
public final class ScorecardFold {

    /** The result of folding a batch: the summed deltas, and the deal states that changed (to store). */
    public record Result(Deltas deltas, Map<String, DealCredits> changedDeals) {
    }

    private ScorecardFold() {
    }

    /**
     * Folds {@code facts} (in arrival order) starting from {@code deals} (the stored state of every deal the facts
     * touch; absent = none yet). The input map is not modified.
     */
    public static Result fold(Map<String, DealCredits> deals, List<Fact> facts) {
        Map<String, DealCredits> state = new HashMap<>(deals);
        Map<String, DealCredits> changed = new LinkedHashMap<>();
        Deltas out = new Deltas();
        for (Fact f : facts) {
            if (f instanceof Fact.Attribution a) {
                DealCredits before = state.get(a.dealId());
                if (before != null && before.attributionId().equals(a.attributionId())) {
                    continue; // the same attribution again (another delivery): nothing changes
                }
                // a new attribution, or one superseding the current: the latest in key order wins
                DealCredits after = DealCredits.of(a);
                move(out, before, after);
                state.put(a.dealId(), after);
                changed.put(a.dealId(), after);
            } else if (f instanceof Fact.Reversal r) {
                DealCredits before = state.get(r.dealId());
                if (before == null || !before.attributionId().equals(r.attributionId())) {
                    continue; // reverses an attribution already superseded (its successor carries full credits)
                }
                DealCredits after = before.plus(r.deltas());
                move(out, before, after);
                state.put(r.dealId(), after);
                changed.put(r.dealId(), after);
            } else if (f instanceof Fact.Amount m) {
                out.addAmount(m.partnerId(), m.metric(), m.day(), m.currency(), m.amount());
            } else if (f instanceof Fact.Count c) {
                out.addCount(c.partnerId(), c.metric(), c.day(), 1);
            }
        }
        return new Result(out, changed);
    }

    private static void move(Deltas out, DealCredits before, DealCredits after) {
        if (before != null) {
            out.add(before.contributions(), -1);
        }
        out.add(after.contributions(), 1);
    }
}
