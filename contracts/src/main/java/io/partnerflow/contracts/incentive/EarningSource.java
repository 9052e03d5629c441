package io.partnerflow.contracts.incentive;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What an earning was earned on. Per-deal earnings name the deal and attribution; period-based ones (rebates,
 * accelerators) the period; training rewards the certification; MDF reimbursements the claim. Fields that do
 * not apply are absent.
 *
 * @param kind            {@code deal}, {@code period}, {@code certification} or {@code mdf_claim}
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
        String mdfClaimId) {

    /** The source of a per-deal earning. */
    public static EarningSource deal(String dealId, String dealName, String customerName, Instant closedAt,
                                     String attributionId) {
        return new EarningSource("deal", dealId, dealName, customerName, closedAt, attributionId, null, null, null,
                null, null, null, null);
    }
}
