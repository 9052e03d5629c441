package io.partnerflow.contracts.incentive;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What an earning was earned on. Per-deal earnings name the deal and attribution; period-based ones (rebates,
 * accelerators) the period; training rewards the certification; activity rewards the reported activity; MDF
 * reimbursements the claim; challenge awards the challenge. Fields that do not apply are absent.
 *
 * @param kind            {@code deal}, {@code period}, {@code certification}, {@code activity} or {@code mdf_claim}
 * @param dealId          the deal
 * @param dealName        its name (for statements)
 * @param customerName    its customer's name (for statements)
 * @param closedAt        its close time
 * @param attributionId   the attribution the credit came from
 * @param reversalId      the {@code deal.attribution-reversed} a clawback/delta came from
 * @param period          the period ({@code 2025-06}, {@code 2025-Q2}, {@code 2025})
 * @param periodStart     first day of the period
 * @param periodEnd       last day of the period
 * @param certificationId the certification completion
 * @param personId        the certified person
 * @param mdfClaimId      the MDF claim
 * @param activityId      the reported partner activity (added within v1: optional; required for kind {@code activity})
 * @param challengeId     the completed analytics challenge (added within v1: optional; required for kind {@code challenge})
 */
public record EarningSource(
        String kind,
        String dealId,
        String dealName,
        String customerName,
        Instant closedAt,
        String attributionId,
        String reversalId,
        String period,
        LocalDate periodStart,
        LocalDate periodEnd,
        String certificationId,
        String personId,
        String mdfClaimId,
        String activityId,
        String challengeId) {

    /** The v1 shape before {@code activityId} was added. */
    public EarningSource(String kind, String dealId, String dealName, String customerName, Instant closedAt,
                         String attributionId, String reversalId, String period, LocalDate periodStart,
                         LocalDate periodEnd, String certificationId, String personId, String mdfClaimId) {
        this(kind, dealId, dealName, customerName, closedAt, attributionId, reversalId, period, periodStart, periodEnd,
                certificationId, personId, mdfClaimId, null, null);
    }

    /** The v1 shape before {@code challengeId} was added. */
    public EarningSource(String kind, String dealId, String dealName, String customerName, Instant closedAt,
                         String attributionId, String reversalId, String period, LocalDate periodStart,
                         LocalDate periodEnd, String certificationId, String personId, String mdfClaimId, String activityId) {
        this(kind, dealId, dealName, customerName, closedAt, attributionId, reversalId, period, periodStart, periodEnd,
                certificationId, personId, mdfClaimId, activityId, null);
    }

    /** The source of a challenge award (a completed analytics challenge). */
    public static EarningSource challenge(String challengeId) {
        return new EarningSource("challenge", null, null, null, null, null, null, null, null, null, null, null, null,
                null, challengeId);
    }

    /** The source of an activity reward. */
    public static EarningSource activity(String activityId) {
        return new EarningSource("activity", null, null, null, null, null, null, null, null, null, null, null, null,
                activityId, null);
    }

    /** The source of a per-deal earning. */
    public static EarningSource deal(String dealId, String dealName, String customerName, Instant closedAt,
                                     String attributionId) {
        return new EarningSource("deal", dealId, dealName, customerName, closedAt, attributionId, null, null, null,
                null, null, null, null);
    }
}
