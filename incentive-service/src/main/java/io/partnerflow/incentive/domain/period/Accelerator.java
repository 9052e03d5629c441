package io.partnerflow.incentive.domain.period;

import io.partnerflow.core.money.Money;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Accelerator: a multiplier on commission for the part of a partner's period revenue above a target, settled at
 * period close as ONE extra-commission earning (see the package documentation).
 *
 * <p>Deals are walked in {@link PeriodDeal#ORDER}, accumulating revenue. A deal's signed portion above target is
 * {@code max(0, after − target) − max(0, before − target)}: the whole revenue of a deal closed once the target is
 * passed, part of the deal that crosses it, and a negative portion for a reversal that takes revenue back down.
 * That portion earns {@code (multiplier − 1) × commission × portion / revenue}, i.e. the deal's commission
 * prorated to the part above target, times the extra multiplier. The portions telescope, so the total portion
 * always equals {@code max(0, net revenue − target)}. Everything is exact; the sum is rounded HALF_EVEN once.
 */
public final class Accelerator {

    /** At most this many deals get a step of their own in the explanation; the rest are summed in one step. */
    public static final int MAX_DEAL_STEPS = 50;

    private Accelerator() {
    }

    /**
     * @param target         the period revenue target in the base currency, {@code >= 0}; every deal's revenue must
     *                       be in this currency
     * @param multiplier     the commission multiplier above target, {@code >= 1} (1.5 = 150 %)
     * @param deals          the partner's deals in the period, each with the commission accrued under the
     *                       accelerated rule (in {@code payoutCurrency}; zero when none); any order
     * @param payoutCurrency the currency of the commissions and of the result
     * @return the extra commission (may be zero, or negative when reversals outweigh), with its arithmetic
     * @throws IllegalArgumentException for a negative target, a multiplier below 1, a missing commission or a
     *                                  currency mismatch
     */
    public static PeriodResult settle(Money target, BigDecimal multiplier, List<PeriodDeal> deals,
                                      Currency payoutCurrency) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(multiplier, "multiplier");
        Objects.requireNonNull(deals, "deals");
        Objects.requireNonNull(payoutCurrency, "payout currency");
        Money.scaleOf(payoutCurrency);
        if (target.isNegative()) {
            throw new IllegalArgumentException("accelerator target must not be negative, got " + target);
        }
        if (multiplier.compareTo(BigDecimal.ONE) < 0) {
            throw new IllegalArgumentException("accelerator multiplier must be at least 1, got "
                    + multiplier.toPlainString());
        }
        Currency base = target.currency();
        for (PeriodDeal deal : deals) {
            Objects.requireNonNull(deal, "deal");
            if (deal.commission() == null) {
                throw new IllegalArgumentException("accelerator: deal " + deal.dealId()
                        + " has no commission; pass the commission accrued for it (zero if none)");
            }
            Settlements.requireCurrency(deal.commission(), payoutCurrency,
                    "accelerator: commission of deal " + deal.dealId());
        }
        List<PeriodDeal> sorted = Settlements.sortedIn(deals, base, "accelerator");

        BigDecimal extraFactor = multiplier.subtract(BigDecimal.ONE);
        String payout = payoutCurrency.getCurrencyCode();
        List<Step> steps = new ArrayList<>();
        steps.add(new Step("Period revenue target", "target", target.amountString(), target.currencyCode()));
        steps.add(new Step("Extra multiplier above target", Exact.plain(multiplier) + " − 1",
                Exact.plain(extraFactor), "x"));

        BigDecimal t = target.amount();
        BigDecimal before = BigDecimal.ZERO;
        // whole-revenue terms are exact decimals; only prorated terms need fractions
        BigDecimal wholeTerms = BigDecimal.ZERO;
        Exact proratedTerms = Exact.ZERO;
        BigDecimal unlistedWhole = BigDecimal.ZERO;
        Exact unlistedProrated = Exact.ZERO;
        int contributing = 0;
        for (PeriodDeal deal : sorted) {
            BigDecimal revenue = deal.revenue().amount();
            BigDecimal after = before.add(revenue);
            BigDecimal portion = above(after, t).subtract(above(before, t));
            if (portion.signum() != 0 && revenue.signum() != 0) {
                Money commission = deal.commission();
                boolean whole = portion.compareTo(revenue) == 0;
                BigDecimal wholeTerm = extraFactor.multiply(commission.amount());
                Exact term;
                if (whole) {
                    wholeTerms = wholeTerms.add(wholeTerm);
                    term = null;
                } else {
                    term = Exact.of(wholeTerm).times(Exact.of(portion)).dividedBy(Exact.of(revenue));
                    proratedTerms = proratedTerms.plus(term);
                }
                contributing++;
                if (contributing > MAX_DEAL_STEPS) {
                    if (whole) {
                        unlistedWhole = unlistedWhole.add(wholeTerm);
                    } else {
                        unlistedProrated = unlistedProrated.plus(term);
                    }
                    before = after;
                    continue;
                }
                String expression = whole ? Exact.plain(extraFactor) + " × " + commission.amountString()
                        : Exact.plain(extraFactor) + " × " + commission.amountString() + " × "
                        + Exact.plain(portion) + " / " + deal.revenue().amountString();
                steps.add(new Step("Deal " + deal.dealId() + " (closed " + deal.closedAt() + "): "
                        + Exact.plain(portion) + " of its " + deal.revenue().amountString() + " "
                        + deal.revenue().currencyCode() + " revenue "
                        + (portion.signum() > 0 ? "above" : "taken back from above") + " target (cumulative "
                        + Exact.plain(before) + " → " + Exact.plain(after) + "), commission "
                        + commission.amountString() + " " + payout, expression,
                        whole ? Exact.plain(wholeTerm) : term.show(), payout));
            }
            before = after;
        }
        if (contributing > MAX_DEAL_STEPS) {
            steps.add(new Step((contributing - MAX_DEAL_STEPS) + " more deals above target (not listed one by one)",
                    "sum of their extra commission, computed as above",
                    unlistedProrated.plus(Exact.of(unlistedWhole)).show(), payout));
        }
        Exact total = proratedTerms.plus(Exact.of(wholeTerms));
        Money net = new Money(before, base);
        Money aboveTarget = new Money(above(before, t), base);
        steps.add(new Step("Net period revenue above target", "max(0, " + net.amountString() + " − "
                + target.amountString() + ")", aboveTarget.amountString(), target.currencyCode()));
        Money amount = total.toMoney(payoutCurrency);
        steps.add(new Step("Extra commission, rounded half-even to " + Money.scaleOf(payoutCurrency) + " decimals",
                total.show(), amount.amountString(), payout));

        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("target", target.toString());
        inputs.put("multiplier", multiplier.toPlainString());
        inputs.put("deals", Integer.toString(sorted.size()));
        inputs.put("dealsAboveTarget", Integer.toString(contributing));
        inputs.put("periodRevenue", net.toString());
        inputs.put("revenueAboveTarget", aboveTarget.toString());
        inputs.put("payoutCurrency", payout);
        inputs.put("extraCommission", amount.amountString());

        String summary;
        if (contributing == 0) {
            summary = "No accelerator: revenue credited to you in the period, " + Exact.human(net)
                    + ", did not exceed the target of " + Exact.human(target) + ".";
        } else {
            summary = "Accelerator " + Exact.plain(multiplier) + "x on your commission for the "
                    + Exact.human(aboveTarget) + " of credited revenue above the " + Exact.human(target)
                    + " target: extra commission " + Exact.human(amount) + ".";
        }
        return new PeriodResult(amount, steps, inputs, summary, total.decimal());
    }

    private static BigDecimal above(BigDecimal cumulative, BigDecimal target) {
        BigDecimal over = cumulative.subtract(target);
        return over.signum() > 0 ? over : BigDecimal.ZERO;
    }
}
