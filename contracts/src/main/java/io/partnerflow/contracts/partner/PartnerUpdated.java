package io.partnerflow.contracts.partner;

import java.time.Instant;
import java.util.List;

/**
 * {@code partnerflow.partner.updated.v1} on {@code partner.events}, key = {@link #partnerId()}: the partner's
 * profile changed. A full snapshot after the change (consumers replace their copy), plus which fields changed.
 * Status and tier have their own events ({@code partner.status-changed}, {@code partner.tier-changed}); the
 * values here are simply the current ones.
 *
 * @param changedFields names of the fields of this record whose value changed (e.g. {@code payoutCurrency})
 * @param updatedBy     subject of the user who made the change (from the token), or {@code system}
 * @param revision      the partner aggregate's revision after the change (increases by one per change)
 * @param parentPartnerId the parent partner (e.g. the distributor a reseller buys through), when there is one
 *                        (added within v1: optional)
 * @param primaryContact  the partner's primary contact person, when known (added within v1: optional)
 */
public record PartnerUpdated(
        String partnerId,
        String name,
        String legalName,
        String type,
        String status,
        String country,
        String payoutCurrency,
        List<String> webDomains,
        List<CrmAccountRef> crmAccounts,
        String tier,
        List<String> changedFields,
        Instant updatedAt,
        String updatedBy,
        long revision,
        String parentPartnerId,
        PartnerContact primaryContact) {

    public PartnerUpdated {
        webDomains = webDomains == null ? List.of() : List.copyOf(webDomains);
        crmAccounts = crmAccounts == null ? List.of() : List.copyOf(crmAccounts);
        changedFields = changedFields == null ? List.of() : List.copyOf(changedFields);
    }

    /** The v1 shape before {@code parentPartnerId} and {@code primaryContact} were added. */
    public PartnerUpdated(String partnerId, String name, String legalName, String type, String status, String country,
                          String payoutCurrency, List<String> webDomains, List<CrmAccountRef> crmAccounts, String tier,
                          List<String> changedFields, Instant updatedAt, String updatedBy, long revision) {
        this(partnerId, name, legalName, type, status, country, payoutCurrency, webDomains, crmAccounts, tier,
                changedFields, updatedAt, updatedBy, revision, null, null);
    }
}
