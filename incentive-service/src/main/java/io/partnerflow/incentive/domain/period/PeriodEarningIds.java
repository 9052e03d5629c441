package io.partnerflow.incentive.domain.period;

import io.partnerflow.core.ids.NameBasedIds;

import java.util.UUID;

/**
 * Idempotent ids of period earnings (DESIGN.md "Idempotent ids"): name-based UUIDs from natural keys, so closing a
 * period twice, or redelivery, never duplicates. Namespaces are distinct per kind.
 */
public final class PeriodEarningIds {

    private PeriodEarningIds() {
    }

    /** A volume rebate: rule + partner + period. */
    public static UUID rebate(String ruleId, String partnerId, String periodId) {
        return NameBasedIds.of("incentive.rebate", ruleId, partnerId, periodId);
    }

    /** An accelerator's extra commission: rule + partner + period. */
    public static UUID accelerator(String ruleId, String partnerId, String periodId) {
        return NameBasedIds.of("incentive.accelerator", ruleId, partnerId, periodId);
    }

    /** A cap adjustment: rule + partner + period. */
    public static UUID capAdjustment(String ruleId, String partnerId, String periodId) {
        return NameBasedIds.of("incentive.cap-adjustment", ruleId, partnerId, periodId);
    }

    /** An MDF allocation: rule + partner + period. */
    public static UUID mdfAllocation(String ruleId, String partnerId, String periodId) {
        return NameBasedIds.of("incentive.mdf-allocation", ruleId, partnerId, periodId);
    }

    /** An MDF reimbursement: from its claim. */
    public static UUID mdfReimbursement(String claimId) {
        return NameBasedIds.of("incentive.mdf-reimbursement", claimId);
    }
}
