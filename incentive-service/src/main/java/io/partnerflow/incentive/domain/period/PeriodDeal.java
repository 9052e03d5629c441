package io.partnerflow.incentive.domain.period;

import io.partnerflow.core.money.Money;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * One partner's credited revenue from one deal in one period, as input to a period settlement.
 *
 * <p>The same deal may appear more than once (e.g. the deal and a reversal of it booked in the same period).
 *
 * @param dealId     the deal's id (ties on {@code closedAt} are broken by it)
 * @param closedAt   the deal's close instant ("as of close")
 * @param revenue    the partner's credited revenue from the deal, already converted to the rule's base
 *                   currency; negative for a reversal booked in the period
 * @param commission the commission already accrued for this deal under the rule being accelerated, in the
 *                   payout currency; {@code null} when irrelevant (volume rebates ignore it,
 *                   {@link Accelerator} requires it)
 */
public record PeriodDeal(String dealId, Instant closedAt, Money revenue, Money commission) {

    /**
     * The one deterministic order of every period settlement: {@code closedAt}, then {@code dealId}; entries that
     * tie on both (a deal and a reversal of it booked in the same period) are further ordered by revenue amount,
     * DESCENDING (the deal before its reversal), then commission amount (none first), so that the order depends
     * only on the entries, never on arrival.
     */
    public static final Comparator<PeriodDeal> ORDER = Comparator.comparing(PeriodDeal::closedAt)
            .thenComparing(PeriodDeal::dealId)
            .thenComparing(d -> d.revenue().amount(), Comparator.reverseOrder())
            .thenComparing(d -> d.commission() == null ? null : d.commission().amount(),
                    Comparator.nullsFirst(Comparator.naturalOrder()));

    public PeriodDeal {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(closedAt, "closedAt of deal " + dealId);
        Objects.requireNonNull(revenue, "revenue of deal " + dealId);
        if (dealId.isBlank()) {
            throw new IllegalArgumentException("dealId must not be blank");
        }
    }

    /** A deal without commission (for volume rebates). */
    public static PeriodDeal of(String dealId, Instant closedAt, Money revenue) {
        return new PeriodDeal(dealId, closedAt, revenue, null);
    }
}
