package io.partnerflow.analytics.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What the scorecard fold reads from an event, stripped of the wire format (the messaging/application layer maps
 * contract records to these). Attribution facts are keyed by deal; the others by partner.
 */
public sealed interface Fact {

    /** One partner's credit in a deal: role {@code sourced}/{@code influenced} and amount (a signed delta in reversals). */
    record Share(String partnerId, String role, BigDecimal amount) {
    }

    /**
     * {@code deal.attributed} ({@code supersedes} null) or {@code deal.reattributed} ({@code supersedes} = the
     * replaced attribution): the FULL credits of an attribution.
     */
    record Attribution(String dealId, String attributionId, String supersedes, LocalDate closedOn, String currency,
                       List<Share> credits, boolean newLogo) implements Fact {
        public Attribution {
            credits = List.copyOf(credits);
        }

        /** An attribution of a deal that is not a new logo. */
        public Attribution(String dealId, String attributionId, String supersedes, LocalDate closedOn, String currency,
                           List<Share> credits) {
            this(dealId, attributionId, supersedes, closedOn, currency, credits, false);
        }
    }

    /** {@code deal.attribution-reversed}: signed per-partner deltas of an attribution. */
    record Reversal(String dealId, String attributionId, String reversalId, List<Share> deltas) implements Fact {
        public Reversal {
            deltas = List.copyOf(deltas);
        }
    }

    /** A money amount for a partner on a day (earnings, clawbacks, adjustments, payouts). */
    record Amount(String partnerId, Metric metric, LocalDate day, String currency, BigDecimal amount) implements Fact {
    }

    /**
     * {@code mdf.claim-approved}: the partner's reimbursed MDF campaign touched these deals (deal-service ids); their
     * revenue credited to the partner counts as its MDF-influenced revenue, once per partner and deal.
     */
    record MdfCampaign(String partnerId, List<String> dealIds) implements Fact {
        public MdfCampaign {
            dealIds = List.copyOf(dealIds);
        }
    }

    /** A counted occurrence for a partner on a day (registrations submitted / approved). */
    record Count(String partnerId, Metric metric, LocalDate day) implements Fact {
    }
}
