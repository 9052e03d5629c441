package io.partnerflow.incentive.domain.calc;

import io.partnerflow.contracts.incentive.Explanation;
import io.partnerflow.core.money.Money;
import io.partnerflow.incentive.domain.Calculation;
import io.partnerflow.incentive.domain.Texts;

import java.util.ArrayList;
import java.util.List;

/**
 * "What is earned now minus what was earned so far", for one (source, partner, rule): re-attribution and the
 * recalculation run both post exactly this. The new figure comes from {@link EarningCalculator}; the net so far is
 * the sum of every posting of that rule on that source. Pure.
 */
public final class DeltaCalculator {
    private DeltaCalculator() {
    }

    /** How the adjustment is worded: "&lt;lead&gt;: your commission is now …", and where the two figures come from. */
    public record Wording(String lead, String previousSource, String newSource, String stepLabel, String formula) {
    }

    /**
     * @param netPayout   net earned so far in the payout currency (zero when nothing)
     * @param netOriginal net earned so far in the original currency
     * @param next        the fresh calculation, or null when the rule no longer pays
     */
    public record Result(Money delta, Money deltaOriginal, Money netPayout, Money newPayout, Explanation explanation) {
        public boolean isZero() {
            return delta.isZero() && deltaOriginal.isZero();
        }
    }

    public static Result compute(String kind, Money netPayout, Money netOriginal, Calculation next, Wording w) {
        Money newPayout = next == null ? Money.zero(netPayout.currencyCode()) : next.payout();
        Money newOrig = next == null ? Money.zero(netOriginal.currencyCode()) : next.original();
        Money delta = newPayout.minus(netPayout);
        Money deltaOrig = newOrig.minus(netOriginal);
        String ccy = newPayout.currencyCode();
        String sentence = w.lead() + ": your " + kind.replace('_', ' ') + " is now " + Texts.money(newPayout)
                + " (was " + Texts.money(netPayout) + "), an adjustment of " + Texts.money(delta);
        List<Explanation.Input> inputs = new ArrayList<>();
        inputs.add(new Explanation.Input("previous_net", netPayout.amountString(), ccy, w.previousSource()));
        inputs.add(new Explanation.Input("new_figure", newPayout.amountString(), ccy, w.newSource()));
        List<Explanation.Step> steps = new ArrayList<>();
        if (next != null) {
            inputs.addAll(next.explanation().inputs());
            steps.addAll(next.explanation().steps());
        }
        steps.add(new Explanation.Step(w.stepLabel(), newPayout.amountString() + " - " + netPayout.amountString(), delta.amountString(), ccy));
        return new Result(delta, deltaOrig, netPayout, newPayout, new Explanation(sentence, w.formula(), inputs, steps, delta));
    }
}
