package io.partnerflow.contracts.payout;

import io.partnerflow.core.money.Money;

import java.time.Instant;

/**
 * {@code partnerflow.dispute.resolved.v1} on {@code payout.events}, key = {@link #partnerId()}: a partner's
 * dispute was decided; an accepted dispute's adjustment is posted to the ledger ({@code adjustmentJournalId}).
 *
 * @param disputeId           the dispute (UUID)
 * @param partnerId           the disputing partner
 * @param statementId         the statement disputed, if any
 * @param earningId           the earning disputed, if any
 * @param dealId              the deal disputed, if any
 * @param subject             what the partner disputed, in their words
 * @param outcome             {@code accepted}, {@code partially_accepted} or {@code rejected}
 * @param resolution          the decision, in words (shown to the partner)
 * @param adjustment          the signed amount credited/debited, absent when rejected
 * @param adjustmentJournalId the ledger journal that posted it
 * @param openedAt            when the dispute was opened
 * @param resolvedAt          when it was decided
 * @param resolvedBy          subject of the user who decided it
 */
public record DisputeResolved(
        String disputeId,
        String partnerId,
        String statementId,
        String earningId,
        String dealId,
        String subject,
        String outcome,
        String resolution,
        Money adjustment,
        String adjustmentJournalId,
        Instant openedAt,
        Instant resolvedAt,
        String resolvedBy) {
}
