package io.partnerflow.partner.domain;

import java.util.Arrays;
import java.util.List;

/**
 * Lifecycle: prospect → onboarding → active → suspended ⇄ active → terminated. Any status but
 * {@code terminated} may end in {@code terminated} (a prospect that never signs, a partner let go);
 * {@code terminated} is final.
 */
public enum PartnerStatus {
    PROSPECT, ONBOARDING, ACTIVE, SUSPENDED, TERMINATED;

    /** True when a partner in this status may move to {@code to}. Staying put is not a transition. */
    public boolean canBecome(PartnerStatus to) {
        return switch (this) {
            case PROSPECT -> to == ONBOARDING || to == TERMINATED;
            case ONBOARDING -> to == ACTIVE || to == TERMINATED;
            case ACTIVE -> to == SUSPENDED || to == TERMINATED;
            case SUSPENDED -> to == ACTIVE || to == TERMINATED;
            case TERMINATED -> false;
        };
    }

    public List<PartnerStatus> allowedNext() {
        return Arrays.stream(values()).filter(this::canBecome).toList();
    }

    /** The contract's lower-case form ({@code partner.status-changed}). */
    public String wire() {
        return name().toLowerCase();
    }
}
