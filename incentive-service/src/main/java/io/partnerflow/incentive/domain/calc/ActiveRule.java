package io.partnerflow.incentive.domain.calc;

import io.partnerflow.incentive.domain.RuleSpec;

import java.util.UUID;

/** A rule as in force: its stable id, its version, its definition. */
public record ActiveRule(UUID ruleId, int version, RuleSpec spec) {
}
