package io.partnerflow.incentive.domain;

import java.time.Instant;
import java.util.List;

/**
 * One version of an incentive program: what a channel manager writes. Rules keep their {@code key} across
 * versions; a rule's own version moves only when its definition changes.
 *
 * @param code             stable code, e.g. {@code emea-reseller-2026}
 * @param name             display name
 * @param priority         when programs overlap, the higher priority wins inside an exclusivity group
 * @param exclusivityGroup programs sharing a group never both pay on the same credit (the highest priority
 *                         program with an eligible rule does); null = stacks with everything
 * @param effectiveFrom    from when this version applies (by the deal's close time)
 * @param effectiveTo      until when (exclusive), or null
 * @param rules            the rules
 */
public record ProgramDefinition(String code, String name, Integer priority, String exclusivityGroup,
                                Instant effectiveFrom, Instant effectiveTo, List<RuleSpec> rules) {
    public ProgramDefinition {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    public int priorityOrZero() {
        return priority == null ? 0 : priority;
    }
}
