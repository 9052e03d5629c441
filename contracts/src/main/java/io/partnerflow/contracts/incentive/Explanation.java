package io.partnerflow.contracts.incentive;

import io.partnerflow.core.money.Money;

import java.util.List;

/**
 * How an earning's amount came about — enough for a statement to explain every cent.
 *
 * @param summary one sentence for humans
 * @param formula the rule's formula in words/symbols, e.g. {@code credited_software_amount × rate × fx_rate}
 * @param inputs  every input the formula used, with its value
 * @param steps   the computation in order, ending with the rounding
 * @param result  the result (= the earning's amount)
 */
public record Explanation(
        String summary,
        String formula,
        List<Input> inputs,
        List<Step> steps,
        Money result) {

    public Explanation {
        inputs = inputs == null ? List.of() : List.copyOf(inputs);
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    /**
     * @param name  the formula's name for it, e.g. {@code rate}, {@code tier_as_of_close}
     * @param value its value as a string (decimal strings for numbers, exact)
     * @param unit  a currency code, {@code ratio}, {@code count}, {@code date}, or absent for text
     * @param ref   where it came from, e.g. {@code attribution:<id>/credit:<partnerId>}, {@code fx:EUR/USD@2025-06-27}
     */
    public record Input(String name, String value, String unit, String ref) {
    }

    /**
     * @param description what this step does
     * @param expression  the arithmetic, with numbers substituted
     * @param value       its exact result as a decimal string
     * @param unit        a currency code or {@code ratio}, when it has one
     */
    public record Step(String description, String expression, String value, String unit) {
    }
}
