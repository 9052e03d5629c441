package io.partnerflow.analytics.api;

import io.partnerflow.analytics.domain.Figure;
import io.partnerflow.analytics.domain.Period;
import io.partnerflow.platform.problem.Problem;
import io.partnerflow.platform.problem.ProblemException;

/** Query/path parameters parsed with a 400 problem naming the field and the rule. */
final class Params {
    private Params() {
    }

    static Period period(String raw) {
        try {
            return Period.parse(raw);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage(),
                    new Problem.FieldError("period", "a month like 2026-07, a quarter like 2026-Q3 or ttm:2026-09"));
        }
    }

    static Figure figure(String field, String raw) {
        return Figure.find(raw).orElseThrow(() -> ProblemException.badRequest("'" + raw + "' is not a figure",
                new Problem.FieldError(field, "one of " + Figure.names())));
    }

    static int limit(Integer raw, int dflt, int max) {
        if (raw == null) {
            return dflt;
        }
        if (raw < 1 || raw > max) {
            throw ProblemException.badRequest("limit " + raw + " is out of range",
                    new Problem.FieldError("limit", "between 1 and " + max));
        }
        return raw;
    }
}
