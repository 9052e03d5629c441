package io.partnerflow.contracts.deal;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.partnerflow.core.money.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code partnerflow.deal.pipeline-updated.v1} on {@code deal.events}, key = {@link #dealId()}: a snapshot of a
 * deal that is not won (yet), published on every change, for partner-influenced pipeline reporting. A deal lost
 * in the CRM gets a last snapshot with status {@code closed_lost}. Winning it publishes
 * {@code deal.closed-won} instead.
 *
 * @param dealId            the deal (UUID)
 * @param crmDealId         its id in the CRM
 * @param crmSystem         {@code salesforce}, {@code hubspot} or {@code generic}
 * @param revision          the deal's revision (increases by one per change; consumers drop older revisions)
 * @param name              the deal's name
 * @param dealType          e.g. {@code new_business}, {@code upsell}, {@code renewal}
 * @param stage             the CRM stage name
 * @param status            {@code open} or {@code closed_lost}
 * @param probability       the CRM's win probability, a decimal string in [0, 1], when it gives one
 * @param customer          the customer
 * @param amount            the deal's amount; the lines sum to it
 * @param lines             the lines
 * @param createdAt         when the deal was created in the CRM
 * @param expectedCloseDate the CRM's expected close date
 * @param registration      the approved registration the deal was converted from, if any
 * @param touchpoints       every partner touchpoint so far, oldest first
 * @param updatedAt         when this revision was made
 */
public record DealPipelineUpdated(
        String dealId,
        String crmDealId,
        String crmSystem,
        long revision,
        String name,
        String dealType,
        String stage,
        String status,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal probability,
        Customer customer,
        Money amount,
        List<DealLine> lines,
        Instant createdAt,
        LocalDate expectedCloseDate,
        RegistrationRef registration,
        List<Touchpoint> touchpoints,
        Instant updatedAt) {

    public DealPipelineUpdated {
        lines = lines == null ? List.of() : List.copyOf(lines);
        touchpoints = touchpoints == null ? List.of() : List.copyOf(touchpoints);
    }
}
