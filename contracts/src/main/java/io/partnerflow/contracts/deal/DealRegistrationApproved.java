package io.partnerflow.contracts.deal;

import java.time.Instant;
import java.util.List;

/**
 * {@code partnerflow.deal.registration-approved.v1} on {@code deal.events}, key = {@link #registrationId()}:
 * the registration is approved and protected until {@link #protectedUntil()}.
 *
 * @param customer       the registered customer (repeated for projections)
 * @param productLines   the registered product lines
 * @param approvedBy     subject of the approving channel manager, or {@code auto-approval}
 * @param automatic      true when approved by the auto-approval job
 * @param approvedAt     when it was approved
 * @param protectedUntil end of the protection period; after it the registration expires unless converted
 * @param note           the approver's note
 */
public record DealRegistrationApproved(
        String registrationId,
        String partnerId,
        Customer customer,
        List<String> productLines,
        String approvedBy,
        boolean automatic,
        Instant approvedAt,
        Instant protectedUntil,
        String note) {

    public DealRegistrationApproved {
        productLines = productLines == null ? List.of() : List.copyOf(productLines);
    }
}
