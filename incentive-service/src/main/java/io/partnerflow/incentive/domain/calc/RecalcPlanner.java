package io.partnerflow.incentive.domain.calc;

import io.partnerflow.core.money.Money;
import io.partnerflow.incentive.domain.Calculation;
import io.partnerflow.incentive.domain.Facts;
import io.partnerflow.incentive.domain.Outcome;
import io.partnerflow.incentive.domain.calc.EarningCalculator.Applied;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A recalculation run's plan: for every credit in range, the per-deal rules of the CHOSEN program version computed
 * by {@link EarningCalculator} (the same call live accrual makes), minus what that program's rules earned on that
 * deal and partner so far ({@link DeltaCalculator}). Only non-zero deltas are planned; planning again after they are
 * posted plans nothing. Pure: inputs in, deltas with their explanation out.
 */
public final class RecalcPlanner {
    private RecalcPlanner() {
    }

    /** One partner's credit on one deal, with what the rules look at (tier as of close, rates as of close). */
    public record Subject(Facts.CreditOnDeal credit, Facts.Partner partner, Facts.Tier tier, Facts.FxTable fx) {
        public String dealId() {
            return credit.deal().dealId();
        }
    }

    /** (deal, partner, rule): the key earnings are netted on. */
    public record Key(String dealId, String partnerId, UUID ruleId) {
    }

    /** What the program's rule earned so far on a deal for a partner, every posting summed. */
    public record Net(String kind, int ruleVersion, Money payout, Money original, UUID firstEarningId) {
    }

    /** A planned adjustment. */
    public record Delta(Subject subject, UUID ruleId, int ruleVersion, String ruleName, String kind, Calculation next,
                        DeltaCalculator.Result result, UUID adjusts) {
        public String partnerId() {
            return subject.partner().partnerId();
        }
    }

    /** A credit left out, and why (a missing rate, a changed payout currency). */
    public record Skipped(String dealId, String partnerId, String reason) {
    }

    public record Plan(List<Delta> deltas, List<Skipped> skipped, int subjects) {
        /** Sum of the deltas per partner and payout currency ("partnerId|CCY" → amount), sorted. */
        public Map<String, Money> totalsByPartner() {
            Map<String, Money> out = new TreeMap<>();
            deltas.forEach(d -> out.merge(d.partnerId() + "|" + d.result().delta().currencyCode(), d.result().delta(), Money::plus));
            return out;
        }

        /** Sum of the deltas per payout currency. */
        public Map<String, Money> totals() {
            Map<String, Money> out = new TreeMap<>();
            deltas.forEach(d -> out.merge(d.result().delta().currencyCode(), d.result().delta(), Money::plus));
            return out;
        }
    }

    /**
     * @param version  the chosen program version (only its per-deal rules are recomputed; other programs are untouched)
     * @param subjects the credits in range
     * @param net      what {@code version}'s program earned so far, by (deal, partner, rule)
     */
    public static Plan plan(ActiveProgram version, List<Subject> subjects, Map<Key, Net> net, ZoneId zone) {
        List<Delta> deltas = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        Map<String, Set<UUID>> netRules = new LinkedHashMap<>();
        // sorted: the plan (and the digest apply compares) never depends on the order rows came back in
        net.keySet().forEach(k -> netRules.computeIfAbsent(k.dealId() + "|" + k.partnerId(), x -> new TreeSet<>()).add(k.ruleId()));
        for (Subject s : subjects) {
            List<Applied> applied = EarningCalculator.perDeal(
                    new EarningCalculator.Inputs(List.of(version), s.partner(), s.tier(), s.fx(), zone), s.credit());
            Optional<Outcome.MissingFx> missing = EarningCalculator.firstMissing(applied);
            if (missing.isPresent()) {
                skipped.add(new Skipped(s.dealId(), s.partner().partnerId(), "missing_fx: " + missing.get().describe()));
                continue;
            }
            Map<UUID, Applied> next = new LinkedHashMap<>();
            applied.forEach(a -> next.put(a.rule().ruleId(), a));
            Set<UUID> rules = new LinkedHashSet<>(next.keySet());
            rules.addAll(netRules.getOrDefault(s.dealId() + "|" + s.partner().partnerId(), Set.of()));
            for (UUID ruleId : rules) {
                Applied a = next.get(ruleId);
                Net n = net.get(new Key(s.dealId(), s.partner().partnerId(), ruleId));
                Calculation calc = a == null ? null : a.calculation();
                if (calc != null && n != null && !calc.payout().currencyCode().equals(n.payout().currencyCode())) {
                    skipped.add(new Skipped(s.dealId(), s.partner().partnerId(), "payout currency changed from "
                            + n.payout().currencyCode() + " to " + calc.payout().currencyCode()));
                    continue;
                }
                Money netPayout = n != null ? n.payout() : Money.zero(calc.payout().currencyCode());
                Money netOriginal = n != null ? n.original() : Money.zero(calc.original().currencyCode());
                String kind = calc != null ? calc.kind().wire() : n.kind();
                DeltaCalculator.Result r = DeltaCalculator.compute(kind, netPayout, netOriginal, calc, new DeltaCalculator.Wording(
                        "Recalculation of deal " + s.credit().deal().name() + " under " + version.name() + " version " + version.version(),
                        "earnings:deal/" + s.dealId() + "/rule/" + ruleId, "program:" + version.code() + "@v" + version.version() + "/rule:" + ruleId,
                        "delta against what was earned so far", "figure under the chosen program version - net earned so far under the rule"));
                if (r.isZero()) {
                    continue;
                }
                int ruleVersion = a != null ? a.rule().version() : n.ruleVersion();
                String ruleName = a != null ? a.rule().spec().name() : kind;
                deltas.add(new Delta(s, ruleId, ruleVersion, ruleName, kind, calc, r, n == null ? null : n.firstEarningId()));
            }
        }
        return new Plan(deltas, skipped, subjects.size());
    }
}
