package io.partnerflow.incentive.domain.period;

import io.partnerflow.core.money.Money;

import java.math.BigDecimal;
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
 * @param exact   the same figure before its rounding (what a conversion to another currency starts from, so the
 *                payout is rounded once, in the payout currency); equals {@code amount} when it was never rounded
 */
public record PeriodResult(Money amount, List<Step> steps, Map<String, String> inputs, String summary, BigDecimal exact) {

    public PeriodResult(Money amount, List<Step> steps, Map<String, String> inputs, String summary) {
        this(amount, steps, inputs, summary, amount.amount());
    }

    public PeriodResult {
        Objects.requireNonNull(amount, "amount");
        exact = exact == null ? amount.amount() : exact;
        steps = List.copyOf(steps);
        inputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        Objects.requireNonNull(summary, "summary");
    }
}
