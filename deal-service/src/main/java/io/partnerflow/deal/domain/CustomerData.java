package io.partnerflow.deal.domain;

import java.util.Locale;

/** A deal's customer: name, normalised domain (may be null), ISO country, CRM account id (may be null). */
public record CustomerData(String name, String domain, String country, String crmAccountId) {
    public CustomerData {
        if (name == null || name.isBlank()) {
            throw InvalidCrmDataException.of("name", "customer name is missing");
        }
        name = name.trim();
        domain = Domains.normalise(domain);
        if (country == null || !country.trim().matches("[A-Za-z]{2}")) {
            throw InvalidCrmDataException.of("country", "customer country '" + country + "' is not an ISO 3166-1 alpha-2 code");
        }
        country = country.trim().toUpperCase(Locale.ROOT);
    }

    public String rootDomain() {
        return Domains.root(domain);
    }
}
