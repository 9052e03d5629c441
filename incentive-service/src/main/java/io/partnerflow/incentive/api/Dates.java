package io.partnerflow.incentive.api;

import io.partnerflow.platform.problem.Problem;
import io.partnerflow.platform.problem.ProblemException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Sanity bounds of dates and ranges given over REST: a refusal names the field (400 problem+json). */
final class Dates {
    static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    static final LocalDate LATEST = LocalDate.of(2100, 12, 31);

    private Dates() {
    }

    static LocalDate within(String field, LocalDate d) {
        if (d != null && (d.isBefore(EARLIEST) || d.isAfter(LATEST))) {
            throw ProblemException.badRequest(field + " " + d + " is out of range",
                    new Problem.FieldError(field, "must be between " + EARLIEST + " and " + LATEST));
        }
        return d;
    }

    static Instant within(String field, Instant i) {
        if (i != null && (i.isBefore(EARLIEST.atStartOfDay().toInstant(ZoneOffset.UTC))
                || !i.isBefore(LATEST.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC)))) {
            throw ProblemException.badRequest(field + " " + i + " is out of range",
                    new Problem.FieldError(field, "must be between " + EARLIEST + " and " + LATEST));
        }
        return i;
    }

    /** A date parameter ({@code 2026-03-01}): 400 naming the field when missing, malformed or out of range. */
    static LocalDate parse(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            throw ProblemException.badRequest(field + " is required", new Problem.FieldError(field, "required: a date like 2026-03-01"));
        }
        try {
            return within(field, LocalDate.parse(raw.strip()));
        } catch (java.time.format.DateTimeParseException e) {
            throw ProblemException.badRequest("'" + raw + "' is not a date", new Problem.FieldError(field, "a date like 2026-03-01"));
        }
    }

    static void ordered(String fromField, Instant from, String toField, Instant to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw ProblemException.badRequest(fromField + " is after " + toField,
                    new Problem.FieldError(fromField, "must not be after " + toField));
        }
    }
}
