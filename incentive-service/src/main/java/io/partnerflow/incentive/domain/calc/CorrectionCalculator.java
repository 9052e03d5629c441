package io.partnerflow.incentive.domain.calc;

import io.partnerflow.contracts.attribution.Credit;
import io.partnerflow.contracts.incentive.Explanation;
import io.partnerflow.core.money.Money;
import io.partnerflow.incentive.domain.Facts;
import io.partnerflow.incentive.domain.Outcome;
import io.partnerflow.incentive.domain.PerDealCalculator;
import io.partnerflow.incentive.domain.Texts;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A correction of a won deal's credit: the same rule version, tier and rate applied to the credit before and after
 * it; the delta is the difference of the two rounded figures (so successive corrections sum exactly). Pure.
 */
public final class CorrectionCalculator {
    private CorrectionCalculator() {
    }

    /** The earning being corrected: what it was computed with. */
    public record Original(String earningId, String kind, Money payout, Money original, Basis basis) {
    }

    /** The correction's delta (payout and original currency) and its explanation. */
    public record Result(Money previous, Money next, Money deltaPayout, Money deltaOriginal, Explanation explanation) {
    }

    /** Null when the corrected figure is the same as before. */
    public static Result compute(ActiveProgram program, ActiveRule rule, Original o, String attributionId,
                                 io.partnerflow.contracts.attribution.DealContext deal, String modelKind,
                                 Credit before, Credit after, Credit delta, String reversalId,
                                 Facts.Partner partner, Facts.Tier tier, ZoneId zone) {
        Facts.FxTable sameRate = (from, to, d) -> o.basis().fxRate() == null ? Optional.empty()
                : Optional.of(new Facts.FxRate(from, to, o.basis().fxRate(), o.basis().fxDate()));
        PerDealCalculator.RuleId rid = EarningCalculator.ruleId(program, rule);
        Outcome was = PerDealCalculator.apply(rid, rule.spec(), new Facts.CreditOnDeal(attributionId, deal, modelKind, before),
                partner, tier, sameRate, zone);
        Outcome now = PerDealCalculator.apply(rid, rule.spec(), new Facts.CreditOnDeal(attributionId, deal, modelKind, after),
                partner, tier, sameRate, zone);
        Money prev = figure(was, o.payout());
        Money next = figure(now, o.payout());
        Money deltaPayout = next.minus(prev);
        if (deltaPayout.isZero()) {
            return null;
        }
        Money deltaOrig = figureOriginal(now, o.original()).minus(figureOriginal(was, o.original()));
        String sentence = "Correction of deal " + deal.name() + " changed your credited amount by "
                + Texts.money(delta.amount()) + ": your " + o.kind().replace('_', ' ') + " is now "
                + Texts.money(next) + " (was " + Texts.money(prev) + "), an adjustment of " + Texts.money(deltaPayout);
        List<Explanation.Input> inputs = new ArrayList<>();
        inputs.add(new Explanation.Input("previous_figure", prev.amountString(), prev.currencyCode(), "earning:" + o.earningId()));
        inputs.add(new Explanation.Input("corrected_figure", next.amountString(), next.currencyCode(), "attribution-reversal:" + reversalId));
        inputs.add(new Explanation.Input("credit_delta", delta.amount().amountString(), delta.amount().currencyCode(),
                "attribution-reversal:" + reversalId + "/credit:" + partner.partnerId()));
        if (now instanceof Outcome.Earned earned) {
            inputs.addAll(earned.calculation().explanation().inputs());
        }
        Explanation ex = new Explanation(sentence, "recomputed figure on the corrected credit - previous figure (same rule version, tier and rate)",
                inputs, List.of(new Explanation.Step("delta", next.amountString() + " - " + prev.amountString(),
                deltaPayout.amountString(), deltaPayout.currencyCode())), deltaPayout);
        return new Result(prev, next, deltaPayout, deltaOrig, ex);
    }

    private static Money figure(Outcome o, Money stored) {
        return o instanceof Outcome.Earned e ? e.calculation().payout() : Money.zero(stored.currencyCode());
    }

    private static Money figureOriginal(Outcome o, Money stored) {
        return o instanceof Outcome.Earned e ? e.calculation().original() : Money.zero(stored.currencyCode());
    }
}
