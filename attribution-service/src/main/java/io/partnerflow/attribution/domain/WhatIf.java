package io.partnerflow.attribution.domain;

import io.partnerflow.attribution.domain.CreditSplit.Line;
import io.partnerflow.attribution.domain.CreditSplit.PartnerCredit;
import io.partnerflow.core.money.Money;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Accumulates what a model WOULD credit each partner over many deals (minor units per currency),
 * computing each deal exactly as a real attribution would. Not thread-safe; one per run.
 */
public final class WhatIf {
    private final ModelSpec model;
    private final Map<String, Map<String, BigInteger>> totals = new HashMap<>();
    private long deals;
    private long unattributed;

    public WhatIf(ModelSpec model) {
        List<String> problems = model.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid model: " + String.join("; ", problems));
        }
        this.model = model;
    }

    /** One compact deal: net line amounts in minor units and its touches. */
    public void add(Instant createdAt, Instant closedAt, Currency currency, int[] lineNumbers, long[] lineMinor,
                    List<Touch> touches) {
        deals++;
        List<Line> lines = new ArrayList<>(lineNumbers.length);
        for (int i = 0; i < lineNumbers.length; i++) {
            lines.add(new Line(lineNumbers[i], Money.ofMinor(BigInteger.valueOf(lineMinor[i]), currency)));
        }
        List<PartnerCredit> credits = ReattributionPlanner.credits(model, createdAt, closedAt, touches, lines, false);
        if (credits.isEmpty()) {
            unattributed++;
        }
        for (PartnerCredit c : credits) {
            totals.computeIfAbsent(c.partnerId(), k -> new TreeMap<>())
                    .merge(currency.getCurrencyCode(), c.amount().minorUnits(), BigInteger::add);
        }
    }

    /** Adds another accumulator's totals (for parallel runs). */
    public void merge(WhatIf other) {
        deals += other.deals;
        unattributed += other.unattributed;
        other.totals.forEach((p, byCur) -> byCur.forEach((cur, v) ->
                totals.computeIfAbsent(p, k -> new TreeMap<>()).merge(cur, v, BigInteger::add)));
    }

    /** partner → currency → total in minor units. */
    public Map<String, Map<String, BigInteger>> totals() {
        return totals;
    }

    public long deals() {
        return deals;
    }

    public long unattributed() {
        return unattributed;
    }
}
