package io.partnerflow.incentive.domain.calc;

import io.partnerflow.contracts.attribution.Credit;
import io.partnerflow.core.money.Money;
import io.partnerflow.incentive.domain.Facts;
import io.partnerflow.incentive.domain.Outcome;
import io.partnerflow.incentive.domain.PerDealCalculator;
import io.partnerflow.incentive.domain.RewardCalculator;
import io.partnerflow.incentive.domain.RuleKind;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * THE calculation core of per-event earnings: the programs in force, the partner, its tier and an FX table in; the
 * outcome of every applicable rule (with its explanation) out. No I/O, no clock, no framework type: live accrual,
 * corrections, re-attribution and the recalculation run all call this class, so they cannot compute a rule
 * differently.
 */
public final class EarningCalculator {
    private EarningCalculator() {
    }

    /** Everything a per-deal (or per-reward) computation looks at, loaded once by the application layer. */
    public record Inputs(List<ActiveProgram> programs, Facts.Partner partner, Facts.Tier tier, Facts.FxTable fx, ZoneId zone) {
    }

    /** A rule that produced an outcome (an earning, or "wait for an FX rate"). */
    public record Applied(ActiveProgram program, ActiveRule rule, Outcome outcome) {
        public PerDealCalculator.RuleId id() {
            return ruleId(program, rule);
        }

        public io.partnerflow.incentive.domain.Calculation calculation() {
            return ((Outcome.Earned) outcome).calculation();
        }
    }

    public static PerDealCalculator.RuleId ruleId(ActiveProgram program, ActiveRule rule) {
        return new PerDealCalculator.RuleId(program.programId().toString(), program.name(), rule.ruleId().toString(),
                rule.version(), rule.spec().name());
    }

    /**
     * Per-deal rules of the programs in force applied to a credit, highest priority first; inside an exclusivity
     * group only the first program with an eligible rule pays.
     */
    public static List<Applied> perDeal(Inputs in, Facts.CreditOnDeal credit) {
        List<Applied> out = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (ActiveProgram p : in.programs()) {
            if (p.exclusivityGroup() != null && taken.contains(p.exclusivityGroup())) {
                continue;
            }
            boolean any = false;
            for (ActiveRule r : p.rules()) {
                if (!r.spec().kind().perDeal()) {
                    continue;
                }
                Outcome o = PerDealCalculator.apply(ruleId(p, r), r.spec(), credit, in.partner(), in.tier(), in.fx(), in.zone());
                if (o instanceof Outcome.Earned || o instanceof Outcome.MissingFx) {
                    out.add(new Applied(p, r, o));
                    any = true;
                }
            }
            if (any && p.exclusivityGroup() != null) {
                taken.add(p.exclusivityGroup());
            }
        }
        return out;
    }

    /** Training (cert != null) or activity (activity != null) rewards of the programs in force. */
    public static List<Applied> rewards(Inputs in, RewardCalculator.Certification cert, RewardCalculator.Activity activity) {
        RuleKind kind = cert != null ? RuleKind.TRAINING_REWARD : RuleKind.ACTIVITY_REWARD;
        List<Applied> applied = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (ActiveProgram p : in.programs()) {
            if (p.exclusivityGroup() != null && taken.contains(p.exclusivityGroup())) {
                continue;
            }
            for (ActiveRule r : p.rulesOf(kind)) {
                PerDealCalculator.RuleId rid = ruleId(p, r);
                Outcome o = cert != null
                        ? RewardCalculator.training(rid, r.spec(), cert, in.partner(), in.tier(), in.fx(), in.zone())
                        : RewardCalculator.activity(rid, r.spec(), activity, in.partner(), in.tier(), in.fx(), in.zone());
                if (o instanceof Outcome.Earned || o instanceof Outcome.MissingFx) {
                    applied.add(new Applied(p, r, o));
                    if (p.exclusivityGroup() != null) {
                        taken.add(p.exclusivityGroup());
                    }
                }
            }
        }
        return applied;
    }

    /** The first rule that has to wait for an FX rate, if any (then nothing of the event is written yet). */
    public static Optional<Outcome.MissingFx> firstMissing(List<Applied> applied) {
        return applied.stream().map(Applied::outcome).filter(o -> o instanceof Outcome.MissingFx)
                .map(o -> (Outcome.MissingFx) o).findFirst();
    }

    /** The credit plus signed deltas, per line (lines keep their SKU/category). */
    public static Credit plus(Credit base, List<Credit> deltas) {
        Map<Integer, Credit.LineCredit> lines = new TreeMap<>();
        base.lines().forEach(l -> lines.put(l.lineNumber(), l));
        Money total = base.amount();
        for (Credit d : deltas) {
            total = total.plus(d.amount());
            for (Credit.LineCredit l : d.lines()) {
                Credit.LineCredit was = lines.get(l.lineNumber());
                lines.put(l.lineNumber(), was == null ? l
                        : new Credit.LineCredit(l.lineNumber(), was.sku(), was.category(), was.amount().plus(l.amount())));
            }
        }
        return new Credit(base.partnerId(), base.weight(), total, base.role(), base.touchTypes(), base.touchpointIds(),
                base.touches(), List.copyOf(lines.values()));
    }
}
