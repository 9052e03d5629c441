package io.partnerflow.payout.domain.earning;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an earning line is: pending (inside the hold window) → approved → in_run → paid; or declined. A hold
 * (finance's, or an open dispute) is an overlay on pending/approved: a held line is never approved automatically
 * nor put into a run; releasing it resumes the lifecycle. A failed payout returns its lines from in_run to approved.
 */
public enum EarningStatus {
    PENDING, APPROVED, DECLINED, IN_RUN, PAID;

    private static final Set<EarningStatus> HOLDABLE = EnumSet.of(PENDING, APPROVED);

    public String wire() {
        return name().toLowerCase();
    }

    public static EarningStatus fromWire(String s) {
        return valueOf(s.toUpperCase());
    }

    public boolean canBeHeld() {
        return HOLDABLE.contains(this);
    }

    public boolean canBeApproved() {
        return this == PENDING;
    }

    public boolean canBeDeclined() {
        return this == PENDING || this == APPROVED;
    }
}
