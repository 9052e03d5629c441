package io.partnerflow.contracts.payout;

import io.partnerflow.core.money.Money;

import java.time.Instant;
import java.time.LocalDate;

/**
 * {@code partnerflow.statement.issued.v1} on {@code payout.events}, key = {@link #partnerId()}: a partner's
 * statement for a period was issued. All amounts are in {@code currency};
 * {@code closingBalance = openingBalance + accrued + reversed + adjusted − paid} exactly. The statement's lines
 * (every earning with its explanation) are served by payout-service at {@code documentPath}.
 *
 * @param statementId    the statement (UUID)
 * @param partnerId      the partner
 * @param period         e.g. {@code 2025-Q3}
 * @param periodStart    first day
 * @param periodEnd      last day
 * @param currency       the partner's payout currency
 * @param openingBalance balance at the start of the period
 * @param accrued        sum of accrued earnings (≥ 0)
 * @param reversed       sum of clawbacks (≤ 0)
 * @param adjusted       sum of adjustments (signed)
 * @param paid           sum of payouts (≥ 0)
 * @param closingBalance balance at the end of the period
 * @param lineCount      number of lines on the statement
 * @param issuedAt       when it was issued
 * @param documentPath   the REST path of the full statement
 */
public record StatementIssued(
        String statementId,
        String partnerId,
        String period,
        LocalDate periodStart,
        LocalDate periodEnd,
        String currency,
        Money openingBalance,
        Money accrued,
        Money reversed,
        Money adjusted,
        Money paid,
        Money closingBalance,
        int lineCount,
        Instant issuedAt,
        String documentPath) {
}
