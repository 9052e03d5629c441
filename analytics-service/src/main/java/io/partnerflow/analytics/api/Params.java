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

    static final java.util.Set<String> PARTNER_TYPES = java.util.Set.of("reseller", "referral", "distributor", "msp",
            "technology", "agent");

    /** Leaderboard filters on the partner's current profile; each given one must match (400 naming a bad one). */
    static java.util.function.Predicate<io.partnerflow.analytics.application.ScorecardQueries.PartnerScorecard> partnerFilter(
            String tier, String region, String type) {
        if (tier != null && !tier.matches("[a-z0-9_-]{1,100}")) {
            throw ProblemException.badRequest("tier '" + tier + "' is not a tier code",
                    new Problem.FieldError("tier", "a tier code: lower-case letters, digits, '-' or '_'"));
        }
        if (region != null && !io.partnerflow.core.geo.Regions.CODES.contains(region)) {
            throw ProblemException.badRequest("region '" + region + "' is not a region",
                    new Problem.FieldError("region", "one of amer, emea, apac, other"));
        }
        if (type != null && !PARTNER_TYPES.contains(type)) {
            throw ProblemException.badRequest("type '" + type + "' is not a partner type",
                    new Problem.FieldError("type", "one of agent, distributor, msp, referral, reseller, technology"));
        }
        return s -> (tier == null || tier.equals(s.profile().tierCode()))
                && (region == null || region.equals(io.partnerflow.core.geo.Regions.of(s.profile().country())))
                && (type == null || type.equals(s.profile().type()));
    }
}
