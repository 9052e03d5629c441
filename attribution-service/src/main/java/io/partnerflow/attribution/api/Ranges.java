package io.partnerflow.attribution.api;

import io.partnerflow.platform.problem.Problem;
import io.partnerflow.platform.problem.ProblemException;

import java.time.Instant;

/** What Bean Validation cannot say about instants: within years 1900–9999 (timestamptz, ISO 8601), from ≤ to. */
final class Ranges {
    static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private Ranges() {
    }

    static void instant(String field, Instant t) {
        if (t != null && (t.isBefore(EARLIEST) || t.isAfter(LATEST))) {
            throw ProblemException.badRequest(field + " must be within the years 1900 to 9999",
                    new Problem.FieldError(field, "must be within the years 1900 to 9999, got " + t));
        }
    }

    /** A half-open period [from, to): both bounded, from not after to. */
    static void period(Instant from, Instant to) {
        instant("from", from);
        instant("to", to);
        if (from != null && to != null && from.isAfter(to)) {
            throw ProblemException.badRequest("from must not be after to",
                    new Problem.FieldError("to", "must not be before from (" + from + ")"));
        }
    }
}
