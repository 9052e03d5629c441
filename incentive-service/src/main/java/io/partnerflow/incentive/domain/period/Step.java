package io.partnerflow.incentive.domain.period;

import java.util.Objects;

/**
 * One line of the arithmetic behind a period earning, for its explanation.
 *
 * @param description what this step is, in words ("Period revenue", "Band 2 (10000.00 to 50000.00) at 3%")
 * @param expression  the arithmetic, with the numbers used ("62000.00 × 0.05")
 * @param value       the result of the step as a plain decimal string; intermediate values are exact, or
 *                    prefixed with {@code "≈"} when an exact quotient does not terminate (the final amount
 *                    is always exact, rounded once)
 * @param unit        a currency code, {@code "%"}, {@code "x"} (multiplier) or {@code ""}
 */
public record Step(String description, String expression, String value, String unit) {

    public Step {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(value, "value");
        unit = unit == null ? "" : unit;
    }
}
