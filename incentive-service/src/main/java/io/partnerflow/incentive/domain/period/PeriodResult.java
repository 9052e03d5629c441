package io.partnerflow.incentive.domain.period;

import io.partnerflow.core.money.Money;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one period settlement: one earning amount and how it was obtained.
 *
 * @param amount  the earning, rounded HALF_EVEN to the currency's scale once, at the end; may be zero
 * @param steps   the arithmetic, in order, for the earning's explanation
 * @param inputs  the inputs used, as strings (insertion ordered, unmodifiable), for the structured trace
 * @param summary one sentence a partner understands
 */
public record PeriodResult(Money amount, List<Step> steps, Map<String, String> inputs, String summary) {

    public PeriodResult {
        Objects.requireNonNull(amount, "amount");
        steps = List.copyOf(steps);
        inputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        Objects.requireNonNull(summary, "summary");
    }
}
