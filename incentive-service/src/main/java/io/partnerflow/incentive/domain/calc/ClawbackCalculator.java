package io.partnerflow.incentive.domain.calc;

import io.partnerflow.contracts.incentive.Explanation;
import io.partnerflow.core.money.Money;
import io.partnerflow.incentive.domain.Clawbacks;
import io.partnerflow.incentive.domain.PerDealCalculator;
import io.partnerflow.incentive.domain.Texts;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A refund or cancellation against one earning: the earning's exact share of everything reversed so far (per line),
 * converted at the earning's own rate, rounded once, minus what earlier clawbacks took. Pure.
 */
public final class ClawbackCalculator {
    private ClawbackCalculator() {
    }

    /** An earlier clawback of the same earning: what it took and the line amounts it reversed. */
    public record Prior(BigDecimal payout, BigDecimal original, Map<Integer, BigDecimal> reversedLines) {
    }

    /** What the sentence and the inputs name. */
    public record Context(String reversalKind, String reversalId, String attributionId, String partnerId, String dealName,
                          String dealCurrency, Instant closedAt, Instant reversedAt, Duration window) {
    }

    /** The clawback: negative amounts, and its explanation. */
    public record Result(Money payout, Money original, Explanation explanation) {
    }

    /** Null when nothing more is to be clawed back. */
    public static Result compute(String earningId, String earningKind, Money earningPayout, Basis b,
                                 Map<Integer, BigDecimal> current, List<Prior> prior, Context ctx) {
        Map<Integer, BigDecimal> cumulative = new TreeMap<>(current);
        BigDecimal priorPayout = BigDecimal.ZERO;
        BigDecimal priorOriginal = BigDecimal.ZERO;
        for (Prior p : prior) {
            priorPayout = priorPayout.add(p.payout());
            priorOriginal = priorOriginal.add(p.original());
            p.reversedLines().forEach((line, amt) -> cumulative.merge(line, amt, BigDecimal::add));
        }
        BigDecimal exact = Clawbacks.exactTarget(b.buckets(), cumulative);
        Money targetOriginal = PerDealCalculator.round(exact, b.originalCurrency());
        BigDecimal exactPayout = b.fxRate() == null ? exact : exact.multiply(b.fxRate());
        Money targetPayout = PerDealCalculator.round(exactPayout, b.payoutCurrency());
        Money clawOriginal = targetOriginal.negate().minus(Money.of(priorOriginal.setScale(targetOriginal.amount().scale()), b.originalCurrency()));
        Money clawPayout = targetPayout.negate().minus(Money.of(priorPayout.setScale(targetPayout.amount().scale()), b.payoutCurrency()));
        if (clawPayout.isZero() && clawOriginal.isZero()) {
            return null;
        }
        BigDecimal reversedNow = current.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        String sentence = "Clawback of " + Texts.money(clawPayout.abs()) + ": a " + ctx.reversalKind() + " of "
                + Texts.money(reversedNow, ctx.dealCurrency()) + " of your credited amount on deal " + ctx.dealName()
                + ", within the " + ctx.window().toDays() + "-day clawback window (reverses your "
                + earningKind.replace('_', ' ') + " of " + Texts.money(earningPayout) + ")";
        List<Explanation.Input> inputs = new ArrayList<>();
        inputs.add(new Explanation.Input("reversed_credit", reversedNow.toPlainString(), ctx.dealCurrency(),
                "attribution-reversal:" + ctx.reversalId() + "/credit:" + ctx.partnerId()));
        cumulative.forEach((line, amt) -> inputs.add(new Explanation.Input("cumulative_reversed_line_" + line,
                amt.toPlainString(), ctx.dealCurrency(), "attribution:" + ctx.attributionId())));
        inputs.add(new Explanation.Input("original_earning", earningPayout.amountString(), earningPayout.currencyCode(), "earning:" + earningId));
        inputs.add(new Explanation.Input("original_exact", b.exactOriginal().toPlainString(), b.originalCurrency(), "earning:" + earningId));
        if (b.fxRate() != null) {
            inputs.add(new Explanation.Input("fx_rate", b.fxRate().toPlainString(), "ratio",
                    "fx:" + b.originalCurrency() + "/" + b.payoutCurrency() + "@" + b.fxDate() + " (the original earning's rate)"));
        }
        inputs.add(new Explanation.Input("clawback_window", ctx.window().toString(), null,
                "closed " + ctx.closedAt() + ", reversed " + ctx.reversedAt()));
        List<Explanation.Step> steps = List.of(
                new Explanation.Step("earning's share of everything reversed so far (per line: contribution x reversed / credited)",
                        "sum(contribution x reversed / credited)", exact.toPlainString(), b.originalCurrency()),
                new Explanation.Step("in payout currency", exact.toPlainString() + (b.fxRate() == null ? "" : " x " + b.fxRate().toPlainString()),
                        exactPayout.toPlainString(), b.payoutCurrency()),
                new Explanation.Step("rounded HALF_EVEN once", "round(" + exactPayout.toPlainString() + ")", targetPayout.amountString(), b.payoutCurrency()),
                new Explanation.Step("minus what earlier clawbacks took", "-" + targetPayout.amountString() + " - (" + priorPayout.toPlainString() + ")",
                        clawPayout.amountString(), b.payoutCurrency()));
        Explanation ex = new Explanation(sentence, "-(round(earning_exact x cumulative reversed share x fx_rate)) - earlier clawbacks",
                inputs, steps, clawPayout);
        return new Result(clawPayout, clawOriginal, ex);
    }
}
