package io.partnerflow.contracts.partner;

import java.time.Instant;
import java.util.List;

/**
 * {@code partnerflow.partner.registered.v1} on {@code partner.events}, key = {@link #partnerId()}: a partner
 * was created. Carries the whole profile so consumers can build their projection without calling back.
 *
 * @param partnerId      the partner's id (UUID)
 * @param name           display name
 * @param legalName      legal entity name (for statements and payments), when known
 * @param type           {@code reseller}, {@code referral}, {@code distributor}, {@code msp},
 *                       {@code technology} or {@code agent}
 * @param status         lifecycle status: {@code prospect}, {@code onboarding}, {@code active},
 *                       {@code suspended} or {@code terminated}
 * @param country        ISO 3166-1 alpha-2
 * @param payoutCurrency ISO 4217 currency the partner is paid in
 * @param webDomains     normalised web domains (lower-case, no scheme, no {@code www.})
 * @param registeredAt   when the partner was created
 * @param crmAccounts    the partner's accounts in CRMs
 * @param tier           the partner's tier code at registration, when it has one (usually the ladder's first)
 * @param parentPartnerId the parent partner (e.g. the distributor a reseller buys through), when there is one
 *                        (added within v1: optional)
 * @param primaryContact  the partner's primary contact person, when known (added within v1: optional)
 */
public record PartnerRegistered(
        String partnerId,
        String name,
        String legalName,
        String type,
        String status,
        String country,
        String payoutCurrency,
        List<String> webDomains,
        Instant registeredAt,
        List<CrmAccountRef> crmAccounts,
        String tier,
        String parentPartnerId,
        PartnerContact primaryContact) {

    public PartnerRegistered {
        webDomains = webDomains == null ? List.of() : List.copyOf(webDomains);
        crmAccounts = crmAccounts == null ? List.of() : List.copyOf(crmAccounts);
    }

    /** The v1 shape before {@code parentPartnerId} and {@code primaryContact} were added. */
    public PartnerRegistered(String partnerId, String name, String legalName, String type, String status,
                             String country, String payoutCurrency, List<String> webDomains, Instant registeredAt,
                             List<CrmAccountRef> crmAccounts, String tier) {
        this(partnerId, name, legalName, type, status, country, payoutCurrency, webDomains, registeredAt, crmAccounts,
                tier, null, null);
    }

    /** A registration without CRM accounts or tier yet. */
    public PartnerRegistered(String partnerId, String name, String legalName, String type, String status,
                             String country, String payoutCurrency, List<String> webDomains, Instant registeredAt) {
        this(partnerId, name, legalName, type, status, country, payoutCurrency, webDomains, registeredAt, List.of(),
                null);
    }
}
