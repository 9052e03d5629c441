package io.partnerflow.analytics.domain;

/**
 * What a scorecard counts. Money metrics are kept per currency (and converted to the base currency when read);
 * count metrics are plain numbers. Every figure is a sum of signed daily deltas.
 */
public enum Metric {
    /** Credited revenue of won deals where the partner's role was {@code sourced}, dated by the deal's close. */
    SOURCED_REVENUE(true),
    /** Credited revenue of won deals where the partner's role was {@code influenced}, dated by the deal's close. */
    INFLUENCED_REVENUE(true),
    /** Earnings accrued ({@code earning.accrued}), in the payout currency, dated by accrual. */
    EARNINGS_ACCRUED(true),
    /** Clawbacks ({@code earning.reversed}; negative amounts), dated by the reversal. */
    EARNINGS_CLAWED_BACK(true),
    /** Adjustments ({@code earning.adjusted}; signed), dated by the adjustment. */
    EARNINGS_ADJUSTED(true),
    /** Paid out ({@code payout.paid}), dated by payment. */
    PAID(true),
    /** Won deals the partner holds a positive net credit in, dated by the deal's close. */
    DEALS_WON(false),
    /** Won new-logo deals (deal type {@code new_business}) the partner holds a positive net credit in, dated by the close. */
    NEW_LOGO_DEALS_WON(false),
    /** Deal registrations submitted, dated by submission. */
    REGISTRATIONS_SUBMITTED(false),
    /** Deal registrations approved, dated by approval. */
    REGISTRATIONS_APPROVED(false),
    /** Deal registrations rejected (for any reason), dated by rejection. */
    REGISTRATIONS_REJECTED(false),
    /** Deal registrations rejected because another partner's registration held the deal, dated by rejection. */
    REGISTRATIONS_CONFLICTED(false),
    /** Deal registrations whose protection ran out unconverted, dated by expiry. */
    REGISTRATIONS_EXPIRED(false),
    /** MDF allocated ({@code mdf.allocated}), in the fund's currency, dated by allocation. */
    MDF_ALLOCATED(true),
    /** MDF claimed ({@code mdf.claim-submitted}), in the fund's currency, dated by submission. */
    MDF_CLAIMED(true),
    /** MDF reimbursed ({@code mdf.claim-approved}), in the fund's currency, dated by approval. */
    MDF_REIMBURSED(true),
    /**
     * The partner's credited revenue (sourced + influenced) in won deals that its reimbursed MDF campaigns named, each
     * deal counted once per partner, dated by the deal's close; follows reversals and re-attributions of those deals.
     */
    MDF_INFLUENCED_REVENUE(true);

    private final boolean money;

    Metric(boolean money) {
        this.money = money;
    }

    public boolean isMoney() {
        return money;
    }
}
