package io.partnerflow.payout.api;

import io.partnerflow.platform.problem.Problem;
import io.partnerflow.platform.problem.ProblemException;

import java.time.Instant;
import java.time.LocalDate;

/** Sanity bounds of dates and ranges given over REST: a refusal names the field (400 problem+json). */
final class Bounds {
    /** Nothing in this service happened before this day or is planned after the last one. */
    static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    static final LocalDate LATEST = LocalDate.of(2100, 12, 31);

    private Bounds() {
    }

    static LocalDate date(String field, LocalDate value, LocalDate min, LocalDate max) {
        if (value != null && (value.isBefore(min) || value.isAfter(max))) {
            throw ProblemException.badRequest(field + " " + value + " is out of range",
                    new Problem.FieldError(field, "must be between " + min + " and " + max));
        }
        return value;
    }

    static Instant instant(String field, Instant value) {
        if (value != null && (value.isBefore(EARLIEST.atStartOfDay().toInstant(java.time.ZoneOffset.UTC))
                || value.isAfter(LATEST.plusDays(1).atStartOfDay().toInstant(java.time.ZoneOffset.UTC)))) {
            throw ProblemException.badRequest(field + " " + value + " is out of range",
                    new Problem.FieldError(field, "must be between " + EARLIEST + " and " + LATEST));
        }
        return value;
    }

    /** {@code from} must not be after {@code to} (either may be open). */
    static void ordered(String fromField, Instant from, String toField, Instant to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw ProblemException.badRequest(fromField + " is after " + toField,
                    new Problem.FieldError(fromField, "must not be after " + toField));
        }
    }
}
