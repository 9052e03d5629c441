package io.partnerflow.partner.domain.tier;

import java.util.List;

/** One rung of the ladder: rank 0 is the entry tier (no criteria); higher ranks demand more. */
public record Tier(String code, String name, int rank, List<Benefit> benefits, List<Criterion> criteria) {
    public Tier {
        benefits = benefits == null ? List.of() : List.copyOf(benefits);
        criteria = criteria == null ? List.of() : List.copyOf(criteria);
    }
}
