package io.partnerflow.contracts.partner;

/**
 * A partner's account in a CRM, so deal-service can match CRM deals and touchpoints to the partner.
 *
 * @param system    {@code salesforce}, {@code hubspot} or {@code generic}
 * @param accountId the account's id in that CRM
 */
public record CrmAccountRef(String system, String accountId) {
}
