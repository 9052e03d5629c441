package io.partnerflow.payout.api;

import io.partnerflow.core.money.Money;
import io.partnerflow.platform.problem.Problem;
import io.partnerflow.platform.problem.ProblemException;
import jakarta.validation.constraints.NotBlank;

/** Money on the wire: a decimal string at the currency's scale, and the currency. */
public record MoneyView(@NotBlank String amount, @NotBlank String currency) {
    public static MoneyView of(Money m) {
        return m == null ? null : new MoneyView(m.amountString(), m.currencyCode());
    }

    /** The exact money, or 400 naming {@code field}. */
    public Money toMoney(String field) {
        try {
            return Money.of(amount, currency);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid money in " + field + ": " + e.getMessage(),
                    new Problem.FieldError(field, e.getMessage()));
        }
    }
}
