package io.partnerflow.incentive.domain.calc;

import io.partnerflow.contracts.attribution.Credit;
import io.partnerflow.contracts.attribution.DealContext;
import io.partnerflow.contracts.deal.Customer;
import io.partnerflow.contracts.deal.DealLine;
import io.partnerflow.core.money.Money;
import io.partnerflow.incentive.domain.Calculation;
import io.partnerflow.incentive.domain.Facts;
import io.partnerflow.incentive.domain.FxBook;
import io.partnerflow.incentive.domain.RuleKind;
import io.partnerflow.incentive.domain.RuleSpec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random credit histories and random rule changes: what was earned plus the planned deltas equals a fresh computation
 * under the new rules, to the cent, per deal, partner and rule; planning again after posting plans nothing.
 */
class RecalcPropertiesTest {
    static final ZoneId UTC = ZoneOffset.UTC;
    static final UUID PROGRAM = UUID.nameUUIDFromBytes("program".getBytes());
    static final UUID COMMISSION = UUID.nameUUIDFromBytes("commission".getBytes());
    static final UUID SERVICES_BONUS = UUID.nameUUIDFromBytes("services".getBytes());
    static final List<String> CATEGORIES = List.of("cloud", "services", "hardware");
    static final Facts.Tier GOLD = new Facts.Tier("gold", "Gold", Instant.parse("2020-01-01T00:00:00Z"), "test");
    /** EUR/USD as published, USD/GBP only as its inverse: USD and GBP partners get direct and cross conversions. */
    static final Facts.FxTable FX = FxBook.through("USD", (from, to, d) -> {
        if (from.equals("EUR") && to.equals("USD")) {
            return Optional.of(new Facts.FxRate("EUR", "USD", new BigDecimal("1.0842"), LocalDate.parse("2026-01-01")));
        }
        if (from.equals("GBP") && to.equals("USD")) {
            return Optional.of(new Facts.FxRate("GBP", "USD", new BigDecimal("1.2677"), LocalDate.parse("2026-01-01")));
        }
        return Optional.empty();
    });

    record Line(String category, long cents) {
    }

    record DealSpec(int partner, String role, List<Line> lines) {
    }

    /** A program version: commission rates per category (sourced, influenced) and whether the services bonus rule exists. */
    record Rules(List<BigDecimal> sourced, List<BigDecimal> influenced, boolean bonus, BigDecimal bonusRate) {
    }

    record Case(List<DealSpec> deals, List<String> payoutCurrencies, List<Rules> versions) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<BigDecimal> rate = Arbitraries.integers().between(0, 2500).map(r -> BigDecimal.valueOf(r, 4));
        Arbitrary<Rules> rules = Combinators.combine(rate.list().ofSize(3), rate.list().ofSize(3), Arbitraries.of(true, false), rate)
                .as(Rules::new);
        Arbitrary<Line> line = Combinators.combine(Arbitraries.of(CATEGORIES), Arbitraries.longs().between(1, 5_000_000_00L)).as(Line::new);
        Arbitrary<DealSpec> deal = Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.of("sourced", "influenced"),
                line.list().ofMinSize(1).ofMaxSize(3)).as(DealSpec::new);
        return Combinators.combine(deal.list().ofMinSize(1).ofMaxSize(8), Arbitraries.of("EUR", "USD", "GBP").list().ofSize(3),
                rules.list().ofMinSize(2).ofMaxSize(4)).as(Case::new);
    }

    static ActiveProgram version(int v, Rules r) {
        List<RuleSpec.Rate> rates = new ArrayList<>();
        for (int i = 0; i < CATEGORIES.size(); i++) {
            rates.add(new RuleSpec.Rate("*", CATEGORIES.get(i), r.sourced().get(i), r.influenced().get(i)));
        }
        List<ActiveRule> rules = new ArrayList<>();
        rules.add(new ActiveRule(COMMISSION, v, new RuleSpec("commission", "Commission", RuleKind.COMMISSION, null,
                new RuleSpec.Commission(rates), null, null, null, null, null, null, null, null, null)));
        if (r.bonus()) {
            rules.add(new ActiveRule(SERVICES_BONUS, v, new RuleSpec("bonus", "Services bonus", RuleKind.COMMISSION, null,
                    new RuleSpec.Commission(List.of(new RuleSpec.Rate("*", "services", r.bonusRate(), r.bonusRate()))),
                    null, null, null, null, null, null, null, null, null)));
        }
        return new ActiveProgram(PROGRAM, "recalc", "Recalc program", 0, null, v, Instant.parse("2020-01-01T00:00:00Z"), null, rules);
    }

    static List<RecalcPlanner.Subject> subjects(Case c) {
        List<RecalcPlanner.Subject> out = new ArrayList<>();
        for (int i = 0; i < c.deals().size(); i++) {
            DealSpec d = c.deals().get(i);
            List<DealLine> lines = new ArrayList<>();
            List<Credit.LineCredit> credited = new ArrayList<>();
            Money total = Money.zero("EUR");
            for (int n = 0; n < d.lines().size(); n++) {
                Money amount = Money.of(BigDecimal.valueOf(d.lines().get(n).cents(), 2), "EUR");
                lines.add(new DealLine(n + 1, "SKU-" + n, null, d.lines().get(n).category(), null, BigDecimal.ONE, null, amount));
                credited.add(new Credit.LineCredit(n + 1, "SKU-" + n, d.lines().get(n).category(), amount));
                total = total.plus(amount);
            }
            DealContext deal = new DealContext("deal-" + i, null, 1, "Deal " + i, "new_business", Instant.parse("2026-02-01T00:00:00Z"),
                    Instant.parse("2026-03-15T10:00:00Z"), new Customer(null, "Customer", "DE", null, null, null), "EUR", total, lines, null);
            String partnerId = "p" + d.partner();
            Credit credit = new Credit(partnerId, BigDecimal.ONE, total, d.role(), List.of("resale"), List.of(), credited);
            Facts.Partner partner = new Facts.Partner(partnerId, "Partner " + d.partner(), "reseller", "active", "DE",
                    c.payoutCurrencies().get(d.partner()));
            out.add(new RecalcPlanner.Subject(new Facts.CreditOnDeal("attr-" + i, deal, "first_touch", credit), partner, GOLD, FX));
        }
        return out;
    }

    /** Posts the plan's deltas into the net (what the application writes as earning.adjusted). */
    static void post(Map<RecalcPlanner.Key, RecalcPlanner.Net> net, RecalcPlanner.Plan plan) {
        for (RecalcPlanner.Delta d : plan.deltas()) {
            RecalcPlanner.Key k = new RecalcPlanner.Key(d.subject().dealId(), d.partnerId(), d.ruleId());
            RecalcPlanner.Net was = net.get(k);
            net.put(k, was == null
                    ? new RecalcPlanner.Net(d.kind(), d.ruleVersion(), d.result().delta(), d.result().deltaOriginal(), null)
                    : new RecalcPlanner.Net(was.kind(), d.ruleVersion(), was.payout().plus(d.result().delta()),
                    was.original().plus(d.result().deltaOriginal()), was.firstEarningId()));
        }
    }

    @Property
    void earnedPlusDeltasEqualsAFreshComputationUnderTheNewRulesToTheCent(@ForAll("cases") Case c) {
        List<RecalcPlanner.Subject> subjects = subjects(c);
        // history: accrual under version 1 (the live path), then a recalculation to every later version in turn
        Map<RecalcPlanner.Key, RecalcPlanner.Net> net = new HashMap<>();
        ActiveProgram first = version(1, c.versions().get(0));
        for (RecalcPlanner.Subject s : subjects) {
            for (EarningCalculator.Applied a : EarningCalculator.perDeal(new EarningCalculator.Inputs(List.of(first), s.partner(), s.tier(), s.fx(), UTC), s.credit())) {
                Calculation calc = a.calculation();
                net.put(new RecalcPlanner.Key(s.dealId(), s.partner().partnerId(), a.rule().ruleId()),
                        new RecalcPlanner.Net(calc.kind().wire(), 1, calc.payout(), calc.original(), UUID.randomUUID()));
            }
        }
        for (int v = 2; v <= c.versions().size(); v++) {
            ActiveProgram next = version(v, c.versions().get(v - 1));
            RecalcPlanner.Plan plan = RecalcPlanner.plan(next, subjects, net, UTC);
            assertTrue(plan.skipped().isEmpty(), plan.skipped().toString());
            post(net, plan);

            // fresh computation under the new version, per (deal, partner, rule)
            Map<RecalcPlanner.Key, Money> fresh = new HashMap<>();
            for (RecalcPlanner.Subject s : subjects) {
                for (EarningCalculator.Applied a : EarningCalculator.perDeal(new EarningCalculator.Inputs(List.of(next), s.partner(), s.tier(), s.fx(), UTC), s.credit())) {
                    fresh.put(new RecalcPlanner.Key(s.dealId(), s.partner().partnerId(), a.rule().ruleId()), a.calculation().payout());
                }
            }
            for (Map.Entry<RecalcPlanner.Key, RecalcPlanner.Net> e : net.entrySet()) {
                Money expected = fresh.getOrDefault(e.getKey(), Money.zero(e.getValue().payout().currencyCode()));
                assertEquals(expected, e.getValue().payout(), "earned + deltas = fresh under v" + v + " for " + e.getKey());
            }
            fresh.forEach((k, m) -> assertTrue(net.containsKey(k) || m.isZero(), "a newly paying rule got its delta: " + k + " " + m));
            assertEquals(List.of(), RecalcPlanner.plan(next, subjects, net, UTC).deltas(), "applying twice posts nothing more");
        }
    }
}
