package io.partnerflow.contracts.deal;

/**
 * The customer of a deal or registration.
 *
 * @param crmAccountId the customer's account id in the CRM, when known
 * @param name         the customer's name
 * @param country      ISO 3166-1 alpha-2 country of the customer (drives region rules)
 * @param domain       the customer's normalised web domain, when known (registration conflict detection)
 * @param industry     free-form industry, when known
 * @param segment      e.g. {@code enterprise}, {@code mid_market}, {@code smb}, when known
 */
public record Customer(
        String crmAccountId,
        String name,
        String country,
        String domain,
        String industry,
        String segment) {
}
