package io.partnerflow.contracts.incentive;

import io.partnerflow.core.money.Money;

import java.time.Instant;
import java.util.List;

/**
 * {@code partnerflow.mdf.claim-submitted.v1} on {@code incentive.earnings}, key = {@link #partnerId()}: a partner (or a
 * channel manager for it) claimed spend on an approved MDF request. The request is the campaign; the claim names the
 * deals the campaign touched ({@code dealIds}, possibly empty) so MDF ROI can be measured against their revenue.
 *
 * @param partnerId   the partner
 * @param fundId      the fund claimed on
 * @param claimId     the claim (unique within the fund)
 * @param campaignId  the MDF request the claim is filed against (the campaign)
 * @param period      the fund's period
 * @param claimed     the amount claimed, in the fund's currency
 * @param proofRef    the proof of spend (invoice reference)
 * @param dealIds     deal ids (deal-service) the campaign touched, as the claimant declared them; may be empty
 * @param submittedAt when the claim was filed
 */
public record MdfClaimSubmitted(
        String partnerId,
        String fundId,
        String claimId,
        String campaignId,
        String period,
        Money claimed,
        String proofRef,
        List<String> dealIds,
        Instant submittedAt) {
}
