package io.partnerflow.contracts.deal;

import java.time.Instant;

/**
 * {@code partnerflow.deal.registration-converted.v1} on {@code deal.events}, key = {@link #registrationId()}:
 * the registration was matched to a CRM deal; the deal's events carry it as {@code registration}.
 *
 * @param dealId      the Partnerflow deal it became
 * @param crmDealId   that deal's CRM id
 * @param convertedAt when it was matched
 */
public record DealRegistrationConverted(
        String registrationId,
        String partnerId,
        String dealId,
        String crmDealId,
        Instant convertedAt) {
}
