package io.partnerflow.contracts.incentive;

import io.partnerflow.core.money.Money;

import java.time.Instant;
import java.util.List;

/**
 * {@code partnerflow.mdf.claim-approved.v1} on {@code incentive.earnings}, key = {@link #partnerId()}: a claim was
 * approved and reimbursed (the reimbursement itself is paid as an {@code mdf_reimbursement} earning, in the payout
 * currency; this fact carries it in the fund's currency, never above what was claimed).
 *
 * @param partnerId  the partner
 * @param fundId     the fund
 * @param claimId    the claim
 * @param campaignId the MDF request the claim was filed against (the campaign)
 * @param period     the fund's period
 * @param claimed    the amount claimed
 * @param reimbursed the amount reimbursed, in the fund's currency (≤ claimed)
 * @param dealIds    the deal ids the campaign touched (as in the claim); may be empty
 * @param approvedAt when it was approved
 */
public record MdfClaimApproved(
        String partnerId,
        String fundId,
        String claimId,
        String campaignId,
        String period,
        Money claimed,
        Money reimbursed,
        List<String> dealIds,
        Instant approvedAt) {
}
