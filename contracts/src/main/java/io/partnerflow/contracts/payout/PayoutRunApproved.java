package io.partnerflow.contracts.payout;

import io.partnerflow.core.money.Money;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code partnerflow.payout.run-approved.v1} on {@code payout.events}, key = {@link #runId()}: a payout run passed
 * maker-checker approval ({@code approvedBy ≠ preparedBy}) and its export files can be produced.
 *
 * @param runId       the run (UUID)
 * @param period      the period it pays, e.g. {@code 2025-09}
 * @param periodStart first day of the period
 * @param periodEnd   last day of the period
 * @param preparedBy  subject of the maker
 * @param approvedBy  subject of the checker
 * @param approvedAt  when it was approved
 * @param items       one payout per partner paid in the run
 * @param totals      the sum of the items per currency, ordered by currency code
 * @param held        partners with a positive balance NOT paid in this run, and why
 */
public record PayoutRunApproved(
        String runId,
        String period,
        LocalDate periodStart,
        LocalDate periodEnd,
        String preparedBy,
        String approvedBy,
        Instant approvedAt,
        List<Item> items,
        List<Money> totals,
        List<Held> held) {

    public PayoutRunApproved {
        items = items == null ? List.of() : List.copyOf(items);
        totals = totals == null ? List.of() : List.copyOf(totals);
        held = held == null ? List.of() : List.copyOf(held);
    }

    /**
     * @param payoutId     the payout (UUID), named again by {@code payout.paid} / {@code payout.failed}
     * @param partnerId    the partner
     * @param amount       in the partner's payout currency
     * @param method       {@code sepa_credit_transfer}, {@code ach}, {@code wire} or {@code manual}
     * @param earningCount how many earnings (and clawbacks/adjustments) it settles
     */
    public record Item(String payoutId, String partnerId, Money amount, String method, int earningCount) {
    }

    /**
     * @param partnerId the partner
     * @param amount    the balance held back
     * @param reason    {@code missing_tax_form}, {@code partner_suspended}, {@code open_dispute} or
     *                  {@code below_minimum}; added within v1: {@code expired_tax_form}, {@code partner_terminated},
     *                  {@code negative_balance} (clawbacks exceed earnings: carried forward), {@code earning_held}
     *                  (finance holds the line), {@code missing_payout_profile}, {@code unknown_partner}, and (added within v1) {@code bank_details_returned}
     */
    public record Held(String partnerId, Money amount, String reason) {
    }
}
