package io.partnerflow.contracts.incentive;

/**
 * The rule version that produced an earning.
 *
 * @param ruleId  the rule (UUID)
 * @param version the rule's version (a new version never changes earnings already made, except through an
 *                explicit recalculation that posts {@code earning.adjusted})
 * @param name    display name
 */
public record RuleRef(String ruleId, int version, String name) {
}
