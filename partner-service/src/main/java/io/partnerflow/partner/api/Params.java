package io.partnerflow.partner.api;

import io.partnerflow.platform.problem.Problem;
import io.partnerflow.platform.problem.ProblemException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Query parameters parsed with a 400 problem (not JAX-RS' 404) when malformed. */
final class Params {
    private Params() {
    }

    /** An instant ({@code 2025-03-01T00:00:00Z}) or a date ({@code 2025-03-01} = its start, UTC); null if absent. */
    static Instant instant(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return raw.length() == 10 ? LocalDate.parse(raw).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(raw);
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
            return LocalDate.parse(raw);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("'" + raw + "' is not a date",
                    new Problem.FieldError(field, "an ISO 8601 date like 2025-03-01"));
        }
    }
}
