package io.partnerflow.analytics.domain;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The pure core of the scorecards: folds facts into deltas of the daily facts, reading and updating only the
 * per-deal attribution state of the deals involved. A deal's contribution depends only on its own state, which
 * only its own events (one Kafka key, kept in order) change; partner facts are plain additions. So any
 * interleaving that keeps each key's order gives the same sums — see {@code ScorecardFoldPropertiesTest}.
 */
public final class ScorecardFold {

    /**
     * The result of folding a batch: the summed deltas, the deal states that changed (to store), and the new MDF marks
     * (deal id → partner ids whose reimbursed MDF campaigns newly named the deal; to store).
     */
    public record Result(Deltas deltas, Map<String, DealCredits> changedDeals, Map<String, Set<String>> newMdfMarks) {
    }

    private ScorecardFold() {
    }

    /**
     * Folds {@code facts} (in arrival order) starting from {@code deals} (the stored state of every deal the facts
     * touch; absent = none yet). The input map is not modified.
     */
    public static Result fold(Map<String, DealCredits> deals, List<Fact> facts) {
        return fold(deals, Map.of(), facts);
    }

    /**
     * As {@link #fold(Map, List)}, with the stored MDF marks of the deals the facts touch ({@code mdfMarks}: deal id →
     * partners whose MDF campaigns named it, also for deals not attributed yet), so a claim and the deal's attribution
     * may arrive in either order and give the same figures.
     */
    public static Result fold(Map<String, DealCredits> deals, Map<String, Set<String>> mdfMarks, List<Fact> facts) {
        Map<String, Set<String>> marks = new HashMap<>();
        mdfMarks.forEach((d, ps) -> marks.put(d, new TreeSet<>(ps)));
        Map<String, DealCredits> state = new HashMap<>();
        deals.forEach((d, c) -> {
            Set<String> m = marks.computeIfAbsent(d, k -> new TreeSet<>());
            m.addAll(c.mdfPartners());
            state.put(d, c.withMdfPartners(m));
        });
        Map<String, Set<String>> newMarks = new LinkedHashMap<>();
        Map<String, DealCredits> changed = new LinkedHashMap<>();
        Deltas out = new Deltas();
        for (Fact f : facts) {
            if (f instanceof Fact.Attribution a) {
                DealCredits before = state.get(a.dealId());
                if (before != null && before.attributionId().equals(a.attributionId())) {
                    continue; // the same attribution again (another delivery): nothing changes
                }
                // a new attribution, or one superseding the current: the latest in key order wins
                DealCredits after = DealCredits.of(a).withMdfPartners(marks.getOrDefault(a.dealId(), Set.of()));
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
            } else if (f instanceof Fact.MdfCampaign c) {
                for (String dealId : c.dealIds()) {
                    Set<String> m = marks.computeIfAbsent(dealId, k -> new TreeSet<>());
                    if (!m.add(c.partnerId())) {
                        continue; // the partner's campaigns named this deal before: its revenue counts once
                    }
                    newMarks.computeIfAbsent(dealId, k -> new TreeSet<>()).add(c.partnerId());
                    DealCredits before = state.get(dealId);
                    if (before != null) {
                        DealCredits after = before.withMdfPartners(m);
                        move(out, before, after);
                        state.put(dealId, after);
                        changed.put(dealId, after);
                    }
                }
            } else if (f instanceof Fact.Amount m) {
                out.addAmount(m.partnerId(), m.metric(), m.day(), m.currency(), m.amount());
            } else if (f instanceof Fact.Count c) {
                out.addCount(c.partnerId(), c.metric(), c.day(), 1);
            }
        }
        return new Result(out, changed, newMarks);
    }

    private static void move(Deltas out, DealCredits before, DealCredits after) {
        if (before != null) {
            out.add(before.contributions(), -1);
        }
        out.add(after.contributions(), 1);
    }
}
