package io.partnerflow.deal.api;

import io.partnerflow.core.money.Money;
import io.partnerflow.deal.domain.CrmLimits;
import io.partnerflow.platform.problem.Problem;
import io.partnerflow.platform.problem.ProblemException;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Rules of REST input shared by the DTOs (Bean Validation patterns) and the few checks Bean Validation cannot
 * express on our types (Money, instants): the same bounds as CRM data ({@link CrmLimits}).
 */
public final class InputRules {
    /** One line of text: no control characters at all. */
    public static final String ONE_LINE = "[^\\p{Cntrl}]*";
    public static final String ONE_LINE_MESSAGE = "must not contain control characters";
    /** Free text: tabs and line breaks allowed, no other control characters (NUL cannot be stored). */
    public static final String FREE_TEXT = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*";
    public static final String FREE_TEXT_MESSAGE = "must not contain control characters other than tab and line breaks";

    private InputRules() {
    }

    /** A positive amount that fits numeric(19,4) (below 10^15). Null passes. */
    public static void positiveAmount(String field, Money m) {
        if (m == null) {
            return;
        }
        if (!m.isPositive()) {
            throw invalid(field, "must be positive, got " + m.amountString());
        }
        if (m.amount().compareTo(CrmLimits.MAX_AMOUNT) >= 0) {
            throw invalid(field, "must be below 1000000000000000 (at most 15 integer digits), got " + m.amount().toPlainString());
        }
    }

    /** An instant within years 1900–9999. Null passes. */
    public static void instant(String field, Instant t) {
        if (t != null && (t.isBefore(CrmLimits.EARLIEST) || t.isAfter(CrmLimits.LATEST))) {
            throw invalid(field, "must be within the years 1900 to 9999, got " + t);
        }
    }

    /** A date within years 1900–9999. Null passes. */
    public static void date(String field, LocalDate d) {
        if (d != null && (d.getYear() < 1900 || d.getYear() > 9999)) {
            throw invalid(field, "must be within the years 1900 to 9999, got " + d);
        }
    }

    public static ProblemException invalid(String field, String message) {
        return ProblemException.badRequest(field + " " + message, new Problem.FieldError(field, message));
    }
}
