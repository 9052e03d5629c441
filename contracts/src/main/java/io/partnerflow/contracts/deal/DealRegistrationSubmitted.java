package io.partnerflow.contracts.deal;

import io.partnerflow.core.money.Money;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code partnerflow.deal.registration-submitted.v1} on {@code deal.events}, key = {@link #registrationId()}:
 * a partner registered an opportunity.
 *
 * @param registrationId    the registration (UUID)
 * @param partnerId         the registering partner
 * @param customer          the prospect
 * @param productLines      the product lines registered (conflicts are per customer + product line)
 * @param estimatedAmount   the partner's estimate of the deal's value
 * @param expectedCloseDate the partner's expected close date
 * @param dealName          the partner's name for the opportunity
 * @param crmDealId         the CRM opportunity, if one exists already
 * @param description       free text from the partner
 * @param submittedBy       subject of the partner user who submitted it
 * @param submittedAt       when it was submitted
 * @param conflicts         registrations of OTHER partners already covering the same customer + product line
 *                          (empty when none); a conflicting registration waits for a channel manager
 */
public record DealRegistrationSubmitted(
        String registrationId,
        String partnerId,
        Customer customer,
        List<String> productLines,
        Money estimatedAmount,
        LocalDate expectedCloseDate,
        String dealName,
        String crmDealId,
        String description,
        String submittedBy,
        Instant submittedAt,
        List<Conflict> conflicts) {

    public DealRegistrationSubmitted {
        productLines = productLines == null ? List.of() : List.copyOf(productLines);
        conflicts = conflicts == null ? List.of() : List.copyOf(conflicts);
    }

    /**
     * @param registrationId the other registration
     * @param partnerId      its partner
     * @param productLine    the product line both cover
     * @param reason         e.g. {@code same_customer_and_product_line}
     */
    public record Conflict(String registrationId, String partnerId, String productLine, String reason) {
    }
}
