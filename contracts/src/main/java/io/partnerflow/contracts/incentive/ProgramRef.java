package io.partnerflow.contracts.incentive;

/**
 * The incentive program an earning belongs to.
 *
 * @param programId the program (UUID)
 * @param code      stable code, e.g. {@code emea-reseller-2025}
 * @param name      display name
 */
public record ProgramRef(String programId, String code, String name) {
}
