package io.partnerflow.contracts.deal;

import java.time.Instant;

/**
 * The approved deal registration a deal was converted from.
 *
 * @param registrationId the registration
 * @param partnerId      the registering partner
 * @param approvedAt     when it was approved
 * @param protectedUntil end of its protection period
 */
public record RegistrationRef(
        String registrationId,
        String partnerId,
        Instant approvedAt,
        Instant protectedUntil) {
}
