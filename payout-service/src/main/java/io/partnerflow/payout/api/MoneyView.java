package io.partnerflow.payout.api;

import io.partnerflow.core.money.Money;
import io.partnerflow.platform.problem.Problem;
import io.partnerflow.platform.problem.ProblemException;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;

/** Money on the wire: a decimal string at the currency's scale, and the currency. */
public record MoneyView(@NotBlank @Size(max = 40) String amount,
                        @NotBlank @Pattern(regexp = "^[A-Z]{3}$", message = "an ISO 4217 code like EUR") String currency) {
    /** No amount a person types into this service may be this large (sanity bound; stricter rules apply per use). */
    public static final BigDecimal MAX_ABS = new BigDecimal("999999999999");

    public static MoneyView of(Money m) {
        return m == null ? null : new MoneyView(m.amountString(), m.currencyCode());
    }

    /** The exact money, or 400 naming {@code field} (and {@code field.amount} for an amount out of bounds). */
    public Money toMoney(String field) {
        Money m;
        try {
            m = Money.of(amount, currency);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid money in " + field + ": " + e.getMessage(),
                    new Problem.FieldError(field, e.getMessage()));
        }
        if (m.amount().abs().compareTo(MAX_ABS) > 0) {
            throw ProblemException.badRequest(field + ".amount is out of bounds",
                    new Problem.FieldError(field + ".amount", "must be at most " + MAX_ABS.toPlainString() + " in absolute value"));
        }
        return m;
    }
}
