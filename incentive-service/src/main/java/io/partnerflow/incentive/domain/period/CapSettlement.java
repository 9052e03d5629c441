package io.partnerflow.incentive.domain.period;

import io.partnerflow.core.money.Money;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Caps per rule per partner per period, settled at period close (see the package documentation): when the
 * period's earnings under a rule exceed the cap, ONE negative adjustment {@code cap − total} is booked, attributed
 * to the latest earnings first (so the earliest earnings are the ones kept, whatever the arrival order).
 */
public final class CapSettlement {

    /** The deterministic order of capped earnings: closedAt, dealId, earningId. */
    public static final Comparator<CappedEarning> ORDER = Comparator.comparing(CappedEarning::closedAt)
            .thenComparing(CappedEarning::dealId)
            .thenComparing(CappedEarning::earningId);

    private CapSettlement() {
    }

    /**
     * One earning subject to the cap, in the cap's currency (negative for a clawback).
     *
     * @param earningId the earning's id (unique within one settlement)
     * @param dealId    the deal it was earned on
     * @param closedAt  the deal's close instant
     * @param amount    the earning's amount
     */
    public record CappedEarning(String earningId, String dealId, Instant closedAt, Money amount) {
        public CappedEarning {
            Objects.requireNonNull(earningId, "earningId");
            Objects.requireNonNull(dealId, "dealId of earning " + earningId);
            Objects.requireNonNull(closedAt, "closedAt of earning " + earningId);
            Objects.requireNonNull(amount, "amount of earning " + earningId);
        }
    }

    /**
     * The part of the adjustment attributed to one earning: negative, and never more (in absolute value) than the
     * earning itself, so no earning is cut below zero.
     */
    public record Cut(String earningId, Money amount) {
        public Cut {
            Objects.requireNonNull(earningId, "earningId");
            Objects.requireNonNull(amount, "amount");
        }
    }

    /**
     * The cap settlement.
     *
     * @param total      the sum of the earnings
     * @param cap        the cap
     * @param adjustment {@code min(0, cap − total)}: zero, or the one negative adjustment to book
     * @param cuts       the adjustment per earning, latest earning first; sums exactly to {@code adjustment};
     *                   empty when under the cap
     * @param steps      the arithmetic, for the adjustment's explanation
     */
    public record CapResult(Money total, Money cap, Money adjustment, List<Cut> cuts, List<Step> steps) {
        public CapResult {
            Objects.requireNonNull(total, "total");
            Objects.requireNonNull(cap, "cap");
            Objects.requireNonNull(adjustment, "adjustment");
            cuts = List.copyOf(cuts);
            steps = List.copyOf(steps);
        }

        /** Whether the cap was exceeded (an adjustment is due). */
        public boolean capped() {
            return adjustment.isNegative();
        }

        /** One sentence a partner understands. */
        public String summary() {
            if (!capped()) {
                return "Your earnings under this rule in the period, " + Exact.human(total) + ", are within the cap of "
                        + Exact.human(cap) + ": no cap adjustment.";
            }
            return "Your earnings under this rule in the period, " + Exact.human(total) + ", exceed the cap of "
                    + Exact.human(cap) + ": adjusted by " + Exact.human(adjustment) + ", taken from the latest "
                    + (cuts.size() == 1 ? "earning" : cuts.size() + " earnings") + ".";
        }
    }

    /**
     * Settles the cap for one rule, partner and period.
     *
     * @param cap      the cap, {@code >= 0}
     * @param earnings the period's earnings under the rule, all in the cap's currency, unique ids, any order
     * @throws IllegalArgumentException for a negative cap, a currency mismatch or a repeated earning id
     */
    public static CapResult settle(Money cap, List<CappedEarning> earnings) {
        Objects.requireNonNull(cap, "cap");
        Objects.requireNonNull(earnings, "earnings");
        if (cap.isNegative()) {
            throw new IllegalArgumentException("cap must not be negative, got " + cap);
        }
        String ccy = cap.currencyCode();
        Set<String> ids = new HashSet<>();
        List<CappedEarning> sorted = new ArrayList<>(earnings.size());
        for (CappedEarning earning : earnings) {
            Objects.requireNonNull(earning, "earning");
            Settlements.requireCurrency(earning.amount(), cap.currency(), "capped earning " + earning.earningId());
            if (!ids.add(earning.earningId())) {
                throw new IllegalArgumentException("earning " + earning.earningId() + " appears twice in the cap "
                        + "settlement");
            }
            sorted.add(earning);
        }
        sorted.sort(ORDER);
        Money total = Money.zero(cap.currency());
        for (CappedEarning earning : sorted) {
            total = total.plus(earning.amount());
        }
        List<Step> steps = new ArrayList<>();
        steps.add(new Step("Earnings under the rule in the period (" + sorted.size() + ")", sorted.size()
                <= Settlements.MAX_ADDENDS_SHOWN ? sumOf(sorted) : "sum of " + sorted.size() + " earnings",
                total.amountString(), ccy));
        steps.add(new Step("Cap per partner per period", "cap", cap.amountString(), ccy));
        Money zero = Money.zero(cap.currency());
        if (!total.isGreaterThan(cap)) {
            steps.add(new Step("Within the cap: no adjustment", "min(0, " + cap.amountString() + " − "
                    + total.amountString() + ")", zero.amountString(), ccy));
            return new CapResult(total, cap, zero, List.of(), steps);
        }
        Money adjustment = cap.minus(total);
        steps.add(new Step("Over the cap: one adjustment", cap.amountString() + " − " + total.amountString(),
                adjustment.amountString(), ccy));

        // Latest first; each positive earning gives up at most all of itself.
        List<CappedEarning> latestFirst = new ArrayList<>(sorted);
        Collections.reverse(latestFirst);
        Money toCut = adjustment.negate();
        List<Cut> cuts = new ArrayList<>();
        for (CappedEarning earning : latestFirst) {
            if (!toCut.isPositive()) {
                break;
            }
            if (!earning.amount().isPositive()) {
                continue;
            }
            Money cut = earning.amount().isLessThan(toCut) ? earning.amount() : toCut;
            cuts.add(new Cut(earning.earningId(), cut.negate()));
            toCut = toCut.minus(cut);
            steps.add(new Step("Cut from earning " + earning.earningId() + " (deal " + earning.dealId() + ", closed "
                    + earning.closedAt() + ", " + earning.amount().amountString() + " " + ccy + ")",
                    "−min(" + earning.amount().amountString() + ", " + cut.plus(toCut).amountString() + ")",
                    cut.negate().amountString(), ccy));
        }
        if (!toCut.isZero()) {
            // Impossible: positive earnings sum to at least total > cap >= 0.
            throw new IllegalStateException("cap cuts do not cover the adjustment; " + toCut + " left");
        }
        return new CapResult(total, cap, adjustment, cuts, steps);
    }

    /**
     * Caps a single period earning (e.g. a rebate or accelerator whose cap applies to that one amount):
     * {@code min(amount, cap)}; an amount at or below the cap, including a negative one, is returned unchanged.
     *
     * @throws IllegalArgumentException for a negative cap or a currency mismatch
     */
    public static Money capAmount(Money cap, Money amount) {
        Objects.requireNonNull(cap, "cap");
        Objects.requireNonNull(amount, "amount");
        if (cap.isNegative()) {
            throw new IllegalArgumentException("cap must not be negative, got " + cap);
        }
        Settlements.requireCurrency(amount, cap.currency(), "amount to cap");
        return amount.isGreaterThan(cap) ? cap : amount;
    }

    private static String sumOf(List<CappedEarning> sorted) {
        if (sorted.isEmpty()) {
            return "no earnings";
        }
        List<String> addends = new ArrayList<>();
        for (CappedEarning earning : sorted) {
            addends.add(earning.amount().amountString());
        }
        return String.join(" + ", addends).replace("+ -", "− ");
    }
}
