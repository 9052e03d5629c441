package io.partnerflow.incentive.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/** The kinds of rule a program may hold; {@link #wire()} is the earning kind on the wire. */
public enum RuleKind {
    COMMISSION("commission", true),
    REFERRAL_BOUNTY("referral_bounty", true),
    SPIFF("spiff", true),
    TRAINING_REWARD("training_reward", false),
    ACTIVITY_REWARD("activity_reward", false),
    VOLUME_REBATE("volume_rebate", false),
    ACCELERATOR("accelerator", false),
    MDF("mdf_reimbursement", false),
    /** The award of a completed analytics challenge (challenge.completed): never a rule a program may hold. */
    CHALLENGE_AWARD("challenge_award", false);

    private final String wire;
    private final boolean perDeal;

    RuleKind(String wire, boolean perDeal) {
        this.wire = wire;
        this.perDeal = perDeal;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** Accrues on each credited deal as it arrives (DESIGN "Order independence": per-deal results). */
    public boolean perDeal() {
        return perDeal;
    }

    @JsonCreator
    public static RuleKind fromWire(String wire) {
        return Arrays.stream(values()).filter(k -> k.wire.equals(wire) || k.name().equalsIgnoreCase(wire)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown rule kind " + wire));
    }
}
