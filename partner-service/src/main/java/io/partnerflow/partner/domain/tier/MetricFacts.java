package io.partnerflow.partner.domain.tier;

import io.partnerflow.core.money.Money;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The dated facts a partner's metrics are computed from. Revenue facts are credits and signed reversal deltas of
 * attributions that are still in force (superseded attributions are left out by the caller), dated by the deal's
 * close date, so a window can be evaluated as of any date.
 */
public record MetricFacts(List<RevenueFact> revenue, List<RegistrationFact> registrations,
                          List<CertificationFact> certifications) {
    public MetricFacts {
        revenue = List.copyOf(revenue);
        registrations = List.copyOf(registrations);
        certifications = List.copyOf(certifications);
    }

    /** A credited amount (positive) or a reversal delta (signed) of a deal, in the deal's currency. */
    public record RevenueFact(String dealId, LocalDate closedOn, Money amount, boolean sourced) {
    }

    public record RegistrationFact(String registrationId, LocalDate approvedOn) {
    }

    public record CertificationFact(String personId, String code, Instant completedAt, Instant expiresAt) {
        public boolean validAt(Instant t) {
            return !completedAt.isAfter(t) && (expiresAt == null || expiresAt.isAfter(t));
        }
    }
}
