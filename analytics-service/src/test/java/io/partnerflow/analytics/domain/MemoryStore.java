package io.partnerflow.analytics.domain;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The persistence layer's contract in memory: deal states replaced, deltas ADDED, zero rows dropped. */
final class MemoryStore {
    final Map<String, DealCredits> deals = new HashMap<>();
    final Map<String, java.util.Set<String>> mdfMarks = new HashMap<>();
    final Map<Deltas.AmountKey, BigDecimal> amounts = new TreeMap<>();
    final Map<Deltas.CountKey, Long> counts = new TreeMap<>();

    /** Folds one batch the way the projection does: load the batch's deals, fold, store states, add deltas. */
    MemoryStore apply(List<Fact> batch) {
        ScorecardFold.Result r = ScorecardFold.fold(deals, mdfMarks, batch);
        deals.putAll(r.changedDeals());
        r.newMdfMarks().forEach((d, ps) -> mdfMarks.computeIfAbsent(d, k -> new java.util.TreeSet<>()).addAll(ps));
        r.deltas().amounts().forEach((k, v) -> amounts.merge(k, v, BigDecimal::add));
        r.deltas().counts().forEach((k, v) -> counts.merge(k, v, Long::sum));
        amounts.values().removeIf(v -> v.signum() == 0);
        counts.values().removeIf(v -> v == 0);
        return this;
    }

    BigDecimal amount(String partner, Metric metric) {
        return amounts.entrySet().stream().filter(e -> e.getKey().partnerId().equals(partner) && e.getKey().metric() == metric)
                .map(Map.Entry::getValue).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    long count(String partner, Metric metric) {
        return counts.entrySet().stream().filter(e -> e.getKey().partnerId().equals(partner) && e.getKey().metric() == metric)
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** Amount facts with trailing zeros stripped, so 1.50 and 1.5000 compare equal. */
    Map<Deltas.AmountKey, BigDecimal> normalisedAmounts() {
        Map<Deltas.AmountKey, BigDecimal> out = new TreeMap<>();
        amounts.forEach((k, v) -> out.put(k, v.stripTrailingZeros()));
        return out;
    }
}
