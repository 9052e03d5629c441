package io.partnerflow.partner.api;

import io.partnerflow.platform.problem.Problem;
import io.partnerflow.platform.problem.ProblemException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Query parameters parsed with a 400 problem (not JAX-RS' 404) when malformed. */
final class Params {
    /** Dates this service accepts (an epoch-second typo such as 1e308 or 20261204 is not a date). */
    static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    static final LocalDate LATEST = LocalDate.of(2100, 12, 31);

    private Params() {
    }

    /** 400 naming {@code field} unless {@code i} is between 2000-01-01 and 2100-12-31 (null passes). */
    static Instant within(String field, Instant i) {
        if (i != null && (i.isBefore(EARLIEST.atStartOfDay(ZoneOffset.UTC).toInstant())
                || !i.isBefore(LATEST.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()))) {
            throw ProblemException.badRequest(field + " " + i + " is out of range",
                    new Problem.FieldError(field, "must be between " + EARLIEST + " and " + LATEST));
        }
        return i;
    }

    static LocalDate within(String field, LocalDate d) {
        if (d != null && (d.isBefore(EARLIEST) || d.isAfter(LATEST))) {
            throw ProblemException.badRequest(field + " " + d + " is out of range",
                    new Problem.FieldError(field, "must be between " + EARLIEST + " and " + LATEST));
        }
        return d;
    }

    /** An instant ({@code 2025-03-01T00:00:00Z}) or a date ({@code 2025-03-01} = its start, UTC); null if absent. */
    static Instant instant(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return within(field, raw.length() == 10 ? LocalDate.parse(raw).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(raw));
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("'" + raw + "' is not an instant or a date",
                    new Problem.FieldError(field, "an ISO 8601 instant like 2025-03-01T00:00:00Z or a date like 2025-03-01"));
        }
    }

    static LocalDate date(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return within(field, LocalDate.parse(raw));
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("'" + raw + "' is not a date",
                    new Problem.FieldError(field, "an ISO 8601 date like 2025-03-01"));
        }
    }
}
