package io.partnerflow.contracts.deal;

import java.time.Instant;

/**
 * One partner's involvement in a deal.
 *
 * @param touchpointId   id of the touchpoint (UUID)
 * @param partnerId      the partner who touched the deal
 * @param touchType      {@code referral}, {@code deal_registration}, {@code lead_generation}, {@code demo},
 *                       {@code co_sell_meeting}, {@code technical_validation}, {@code event},
 *                       {@code mdf_campaign}, {@code content_syndication} or {@code resale}
 * @param occurredAt     when it happened
 * @param source         where Partnerflow learnt of it: {@code crm}, {@code registration} or {@code manual}
 * @param registrationId the deal registration it came from, for {@code deal_registration} touches
 * @param crmRef         the CRM record it came from (activity, campaign member…), when it came from the CRM
 */
public record Touchpoint(
        String touchpointId,
        String partnerId,
        String touchType,
        Instant occurredAt,
        String source,
        String registrationId,
        String crmRef) {
}
