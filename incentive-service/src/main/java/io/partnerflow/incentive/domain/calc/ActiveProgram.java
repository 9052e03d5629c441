package io.partnerflow.incentive.domain.calc;

import io.partnerflow.incentive.domain.RuleKind;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A program version in force at some instant, with its rules. */
public record ActiveProgram(UUID programId, String code, String name, int priority, String exclusivityGroup,
                            int version, Instant effectiveFrom, Instant effectiveTo, List<ActiveRule> rules) {
    public List<ActiveRule> rulesOf(RuleKind kind) {
        return rules.stream().filter(r -> r.spec().kind() == kind).toList();
    }

    /** The program versions in force at {@code at}: per program the latest version effective on or before it. */
    public static List<ActiveProgram> inForce(List<ActiveProgram> all, Instant at) {
        Map<UUID, ActiveProgram> best = new HashMap<>();
        for (ActiveProgram p : all) {
            if (p.effectiveFrom().isAfter(at)) {
                continue;
            }
            ActiveProgram b = best.get(p.programId());
            if (b == null || p.effectiveFrom().isAfter(b.effectiveFrom())
                    || (p.effectiveFrom().equals(b.effectiveFrom()) && p.version() > b.version())) {
                best.put(p.programId(), p);
            }
        }
        return best.values().stream()
                .filter(p -> p.effectiveTo() == null || at.isBefore(p.effectiveTo()))
                .sorted(Comparator.comparingInt(ActiveProgram::priority).reversed().thenComparing(ActiveProgram::code))
                .toList();
    }
}
