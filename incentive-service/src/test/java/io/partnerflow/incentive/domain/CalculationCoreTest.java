package io.partnerflow.incentive.domain;

import io.partnerflow.contracts.attribution.Credit;
import io.partnerflow.contracts.attribution.DealContext;
import io.partnerflow.core.money.Money;
import io.partnerflow.incentive.domain.calc.ActiveProgram;
import io.partnerflow.incentive.domain.calc.ActiveRule;
import io.partnerflow.incentive.domain.calc.Basis;
import io.partnerflow.incentive.domain.calc.ClawbackCalculator;
import io.partnerflow.incentive.domain.calc.CorrectionCalculator;
import io.partnerflow.incentive.domain.calc.DeltaCalculator;
import io.partnerflow.incentive.domain.calc.EarningCalculator;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.partnerflow.incentive.domain.PerDealCalculatorTest.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pure calculators of {@code domain/calc} without Quarkus, database or broker: golden figures to the cent. */
class CalculationCoreTest {
    static final ActiveRule RULE = new ActiveRule(UUID.nameUUIDFromBytes("r".getBytes()), 1,
            commission(null, rate("gold", "cloud", "0.10", "0.10"), rate("*", "services", "0.03", "0.03")));
    static final ActiveProgram PROGRAM = new ActiveProgram(UUID.nameUUIDFromBytes("p".getBytes()), "core", "Core program", 0, null, 1,
            Instant.parse("2020-01-01T00:00:00Z"), null, List.of(RULE));

    @Test
    void oneCallComputesWhatAccrualAndRecalculationBothPost() {
        DealContext d = deal("12000.00", "3000.00");
        Facts.CreditOnDeal c = credit(d, "sourced", List.of("referral"), "0.40000000", "4800.05", "1199.95");
        List<EarningCalculator.Applied> applied = EarningCalculator.perDeal(new EarningCalculator.Inputs(List.of(PROGRAM), RESELLER_DE_EUR, GOLD, NO_FX, UTC), c);
        assertEquals(1, applied.size());
        assertEquals(Money.of("516.00", "EUR"), applied.get(0).calculation().payout()); // 480.005 + 35.9985 = 516.0035, rounded once
    }

    @Test
    void aDeltaIsTheNewFigureMinusTheNetAndExplainsBoth() {
        DealContext d = deal("12000.00", "3000.00");
        Calculation next = EarningCalculator.perDeal(new EarningCalculator.Inputs(List.of(PROGRAM), RESELLER_DE_EUR, GOLD, NO_FX, UTC),
                credit(d, "sourced", List.of("referral"), "0.40000000", "4800.05", "1199.95")).get(0).calculation();
        DeltaCalculator.Wording w = new DeltaCalculator.Wording("Recalculation of deal Acme Renewal", "earnings:x", "program:y", "delta", "new - net");
        DeltaCalculator.Result r = DeltaCalculator.compute("commission", Money.of("480.00", "EUR"), Money.of("480.00", "EUR"), next, w);
        assertEquals(Money.of("36.00", "EUR"), r.delta());
        assertTrue(r.explanation().summary().endsWith("your commission is now 516.00 EUR (was 480.00 EUR), an adjustment of 36.00 EUR"),
                r.explanation().summary());
        DeltaCalculator.Result gone = DeltaCalculator.compute("commission", Money.of("480.00", "EUR"), Money.of("480.00", "EUR"), null, w);
        assertEquals(Money.of("-480.00", "EUR"), gone.delta(), "a rule that no longer pays takes back the whole net");
    }

    @Test
    void clawbacksOfAFullyRefundedCreditSumExactlyToTheEarning() {
        // 100.01 of cloud at 10% = 10.001 exact; converted at 1.0842 = 10.8430842 -> 10.84 USD
        Basis b = new Basis(new BigDecimal("10.001"), "EUR", "USD", new BigDecimal("1.0842"), java.time.LocalDate.parse("2026-03-13"),
                List.of(new Calculation.Bucket(List.of(1), new BigDecimal("100.01"), new BigDecimal("10.001"))), null);
        ClawbackCalculator.Context ctx = new ClawbackCalculator.Context("refund", "rev", "att", "p1", "Acme", "EUR",
                Instant.parse("2026-03-15T10:00:00Z"), Instant.parse("2026-04-01T00:00:00Z"), Duration.ofDays(90));
        ClawbackCalculator.Result first = ClawbackCalculator.compute("e1", "commission", Money.of("10.84", "USD"), b,
                Map.of(1, new BigDecimal("33.33")), List.of(), ctx);
        ClawbackCalculator.Result rest = ClawbackCalculator.compute("e1", "commission", Money.of("10.84", "USD"), b, Map.of(1, new BigDecimal("66.68")),
                List.of(new ClawbackCalculator.Prior(first.payout().amount(), first.original().amount(), Map.of(1, new BigDecimal("33.33")))), ctx);
        assertEquals(Money.of("-10.84", "USD"), first.payout().plus(rest.payout()));
        assertEquals(Money.of("-10.00", "EUR"), first.original().plus(rest.original()));
        assertNull(ClawbackCalculator.compute("e1", "commission", Money.of("10.84", "USD"), b, Map.of(), List.of(
                new ClawbackCalculator.Prior(first.payout().amount().add(rest.payout().amount()), first.original().amount().add(rest.original().amount()),
                        Map.of(1, new BigDecimal("100.01")))), ctx), "nothing more once all is clawed back");
    }

    @Test
    void aCorrectionIsTheSameRuleOnTheCreditBeforeAndAfter() {
        DealContext d = deal("12000.00", "3000.00");
        Facts.CreditOnDeal before = credit(d, "sourced", List.of("referral"), "0.40000000", "4800.00", "1200.00");
        Credit delta = new Credit("p1", BigDecimal.ONE, Money.of("-800.00", "EUR"), "sourced", List.of(), List.of(),
                List.of(new Credit.LineCredit(1, "CLOUD-1Y", "cloud", Money.of("-800.00", "EUR"))));
        Credit after = EarningCalculator.plus(before.credit(), List.of(delta));
        Calculation was = earned(PerDealCalculator.apply(EarningCalculator.ruleId(PROGRAM, RULE), RULE.spec(), before, RESELLER_DE_EUR, GOLD, NO_FX, UTC));
        CorrectionCalculator.Result r = CorrectionCalculator.compute(PROGRAM, RULE,
                new CorrectionCalculator.Original("e1", "commission", was.payout(), was.original(), Basis.of(was)),
                "a1", d, "position_based", before.credit(), after, delta, "rev", RESELLER_DE_EUR, GOLD, UTC);
        // 4800 x 10% + 1200 x 3% = 516.00 -> 4000 x 10% + 1200 x 3% = 436.00
        assertEquals(Money.of("516.00", "EUR"), r.previous());
        assertEquals(Money.of("-80.00", "EUR"), r.deltaPayout());
    }
}
