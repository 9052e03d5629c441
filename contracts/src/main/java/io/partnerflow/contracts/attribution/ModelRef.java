package io.partnerflow.contracts.attribution;

/**
 * The attribution model version applied to a deal.
 *
 * @param modelId         the model (UUID)
 * @param version         its version
 * @param name            display name
 * @param kind            {@code first_touch}, {@code last_touch}, {@code linear}, {@code time_decay},
 *                        {@code position_based}, {@code w_shaped} or {@code custom}
 * @param selectionRuleId the model-selection rule that chose it for this deal, when one did
 */
public record ModelRef(String modelId, int version, String name, String kind, String selectionRuleId) {
}
