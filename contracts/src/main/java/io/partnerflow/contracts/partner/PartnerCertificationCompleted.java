package io.partnerflow.contracts.partner;

import java.time.Instant;

/**
 * {@code partnerflow.partner.certification-completed.v1} on {@code partner.events},
 * key = {@link #partnerId()}: a person at the partner completed a certification or training. Feeds tier
 * criteria (certified people) and training rewards (idempotent per rule + person + certification).
 *
 * @param certificationId   id of this completion (UUID)
 * @param certificationCode stable code of the certification, e.g. {@code platform-admin-professional}
 * @param certificationName display name
 * @param level             e.g. {@code associate}, {@code professional}, {@code expert}, when levelled
 * @param personId          stable id of the person (the partner's user or LMS learner id)
 * @param personName        display name of the person
 * @param completedAt       when it was completed
 * @param expiresAt         when it lapses, if it does
 * @param source            where the completion came from: {@code lms}, {@code manual}, {@code import}
 */
public record PartnerCertificationCompleted(
        String partnerId,
        String certificationId,
        String certificationCode,
        String certificationName,
        String level,
        String personId,
        String personName,
        Instant completedAt,
        Instant expiresAt,
        String source) {
}
