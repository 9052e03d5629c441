package io.partnerflow.partner.domain;

import java.util.Locale;
import java.util.Set;

/** A partner's account in a CRM; (system, accountId) belongs to at most one partner. */
public record CrmAccount(String system, String accountId) {
    public static final Set<String> SYSTEMS = Set.of("generic", "salesforce", "hubspot");

    public CrmAccount {
        if (system == null || !SYSTEMS.contains(system.trim().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("CRM system must be one of " + SYSTEMS + ", got " + system);
        }
        if (accountId == null || accountId.isBlank()) {
            throw new IllegalArgumentException("a CRM account id must not be blank");
        }
        system = system.trim().toLowerCase(Locale.ROOT);
        accountId = accountId.trim();
    }
}
