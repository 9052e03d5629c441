package io.partnerflow.incentive.domain.period;

import io.partnerflow.core.money.Money;

import java.time.Instant;
import java.util.List;

/** Caps per rule per partner per period; see package documentation. */
public final class CapSettlement {

    private CapSettlement() {
    }

    /** One earning subject to the cap (same currency as the cap). */
    public record CappedEarning(String earningId, String dealId, Instant closedAt, Money amount) {
    }

    /** The part of the adjustment attributed to one earning: negative, never more than the earning. */
    public record Cut(String earningId, Money amount) {
    }

    /** The cap settlement: {@code adjustment = min(0, cap - total)}, {@code sum(cuts) == adjustment}. */
    public record CapResult(Money total, Money cap, Money adjustment, List<Cut> cuts, List<Step> steps) {
    }

    public static CapResult settle(Money cap, List<CappedEarning> earnings) {
        throw new UnsupportedOperationException("not yet");
    }

    public static Money capAmount(Money cap, Money amount) {
        throw new UnsupportedOperationException("not yet");
    }
}
