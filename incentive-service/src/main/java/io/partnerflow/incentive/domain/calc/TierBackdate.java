package io.partnerflow.incentive.domain.calc;

import io.partnerflow.incentive.domain.RuleSpec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Which recalculations a backdated tier change needs (pure): for every program with a tier-dependent rule, each
 * program version over the part of [{@code effectiveAt}, end) in which it is the version in force. A version
 * without an end is recalculated up to {@code now}.
 */
public final class TierBackdate {
    private TierBackdate() {
    }

    /** One recalculation: a program version over deals closed in [from, to). */
    public record Segment(ActiveProgram program, Instant from, Instant to) {
    }

    /** A rule depends on the tier when it filters on tiers or its commission rate table names a tier other than "*". */
    public static boolean tierDependent(ActiveProgram p) {
        for (ActiveRule r : p.rules()) {
            RuleSpec s = r.spec();
            if (!s.eligibility().tiers().isEmpty()) {
                return true;
            }
            if (s.commission() != null && s.commission().rates().stream().anyMatch(x -> !"*".equals(x.tier()))) {
                return true;
            }
        }
        return false;
    }

    public static List<Segment> segments(List<ActiveProgram> all, Instant effectiveAt, Instant now) {
        Map<UUID, List<ActiveProgram>> byProgram = new LinkedHashMap<>();
        all.stream().sorted(Comparator.comparing(ActiveProgram::code).thenComparing(ActiveProgram::effectiveFrom)
                        .thenComparingInt(ActiveProgram::version))
                .forEach(p -> byProgram.computeIfAbsent(p.programId(), k -> new ArrayList<>()).add(p));
        List<Segment> out = new ArrayList<>();
        for (List<ActiveProgram> versions : byProgram.values()) {
            for (int i = 0; i < versions.size(); i++) {
                ActiveProgram v = versions.get(i);
                if (!tierDependent(v)) {
                    continue;
                }
                Instant end = v.effectiveTo() == null ? now : v.effectiveTo();
                for (int j = i + 1; j < versions.size(); j++) {
                    Instant nextFrom = versions.get(j).effectiveFrom();
                    if (!nextFrom.isAfter(end)) {
                        end = nextFrom; // superseded (a later version, or the same start with a higher version number)
                        break;
                    }
                }
                Instant from = v.effectiveFrom().isAfter(effectiveAt) ? v.effectiveFrom() : effectiveAt;
                if (from.isBefore(end)) {
                    out.add(new Segment(v, from, end));
                }
            }
        }
        return out;
    }
}
