package io.partnerflow.incentive.domain;

import io.partnerflow.contracts.attribution.Credit;
import io.partnerflow.contracts.attribution.DealContext;
import io.partnerflow.contracts.deal.Customer;
import io.partnerflow.contracts.deal.DealLine;
import io.partnerflow.core.money.Money;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Golden per-deal calculations to the cent, and every eligibility filter. */
class PerDealCalculatorTest {
    static final ZoneId UTC = ZoneOffset.UTC;
    static final PerDealCalculator.RuleId ID = new PerDealCalculator.RuleId("p", "Program", "r", 3, "Rule");
    static final Facts.Partner RESELLER_DE_EUR = new Facts.Partner("p1", "Partner", "reseller", "active", "DE", "EUR");
    static final Facts.Tier GOLD = new Facts.Tier("gold", "Gold", Instant.parse("2026-01-01T00:00:00Z"), "test");
    static final Facts.FxTable NO_FX = (f, t, d) -> Optional.empty();

    static DealContext deal(String amount1, String amount2) {
        List<DealLine> lines = List.of(
                new DealLine(1, "CLOUD-1Y", null, "cloud", null, new BigDecimal("12"), null, Money.of(amount1, "EUR")),
                new DealLine(2, "SVC-ONB", null, "services", null, new BigDecimal("1"), null, Money.of(amount2, "EUR")));
        Money total = Money.of(amount1, "EUR").plus(Money.of(amount2, "EUR"));
        return new DealContext("d1", null, 1, "Acme Renewal", "renewal", Instant.parse("2026-02-01T00:00:00Z"),
                Instant.parse("2026-03-15T10:00:00Z"), new Customer(null, "Acme", "FR", null, null, null), "EUR", total, lines, null);
    }

    static Facts.CreditOnDeal credit(DealContext d, String role, List<String> touches, String weight, String l1, String l2) {
        Money amount = Money.of(l1, "EUR").plus(Money.of(l2, "EUR"));
        return new Facts.CreditOnDeal("a1", d, "position_based", new Credit("p1", new BigDecimal(weight), amount, role, touches, List.of(),
                List.of(new Credit.LineCredit(1, "CLOUD-1Y", "cloud", Money.of(l1, "EUR")),
                        new Credit.LineCredit(2, "SVC-ONB", "services", Money.of(l2, "EUR")))));
    }

    static RuleSpec commission(RuleSpec.Eligibility e, RuleSpec.Rate... rates) {
        return new RuleSpec("c", "Commission", RuleKind.COMMISSION, e, new RuleSpec.Commission(List.of(rates)),
                null, null, null, null, null, null, null, null, null);
    }

    static RuleSpec.Rate rate(String tier, String cat, String s, String i) {
        return new RuleSpec.Rate(tier, cat, new BigDecimal(s), i == null ? null : new BigDecimal(i));
    }

    static Calculation earned(Outcome o) {
        return assertInstanceOf(Outcome.Earned.class, o).calculation();
    }

    @Test
    void commissionAppliesSeparateSourcedAndInfluencedRatesPerCategoryAndRoundsOnce() {
        DealContext d = deal("12000.00", "3000.00");
        RuleSpec rule = commission(null, rate("gold", "cloud", "0.10", "0.045"), rate("*", "services", "0.03", "0.015"));
        // influenced: 4800.00 x 0.045 + 1200.00 x 0.015 = 216.00 + 18.00 = 234.00
        Calculation inf = earned(PerDealCalculator.apply(ID, rule, credit(d, "influenced", List.of("demo"), "0.40000000", "4800.00", "1200.00"),
                RESELLER_DE_EUR, GOLD, NO_FX, UTC));
        assertEquals(Money.of("234.00", "EUR"), inf.payout());
        assertNull(inf.fx());
        assertEquals("4.5% Gold commission on 4,800.00 EUR of cloud and 1.5% Gold commission on 1,200.00 EUR of services credited to you "
                + "(40%, position-based, influenced) on deal Acme Renewal", inf.explanation().summary());
        // sourced, odd cents: 4800.05 x 0.10 = 480.005 ; 1199.95 x 0.03 = 35.9985 ; sum 516.0035 -> 516.00 (one rounding)
        Calculation src = earned(PerDealCalculator.apply(ID, rule, credit(d, "sourced", List.of("referral"), "0.40000000", "4800.05", "1199.95"),
                RESELLER_DE_EUR, GOLD, NO_FX, UTC));
        assertEquals(0, new BigDecimal("516.0035").compareTo(src.unroundedOriginal()));
        assertEquals(Money.of("516.00", "EUR"), src.payout());
        assertEquals(2, src.buckets().size());
    }

    @Test
    void conversionUsesTheRateAndRoundsHalfEvenOnceAtTheEnd() {
        DealContext d = deal("12000.00", "0.00");
        Facts.Partner usd = new Facts.Partner("p1", "P", "reseller", "active", "US", "USD");
        Facts.FxTable fx = (f, t, date) -> {
            assertEquals(LocalDate.parse("2026-03-15"), date);
            return Optional.of(new Facts.FxRate("EUR", "USD", new BigDecimal("1.0842"), LocalDate.parse("2026-03-13")));
        };
        Calculation c = earned(PerDealCalculator.apply(ID, commission(null, rate("gold", "cloud", "0.10", "0.10")),
                credit(d, "influenced", List.of("demo"), "0.40000000", "4800.00", "0.00"), usd, GOLD, fx, UTC));
        assertEquals(Money.of("480.00", "EUR"), c.original());
        assertEquals(Money.of("520.42", "USD"), c.payout()); // 480 x 1.0842 = 520.416
        assertTrue(c.explanation().summary().endsWith("paid as 520.42 USD at 1 EUR = 1.0842 USD (rate of 2026-03-13)"));
        // without a rate the computation waits, it never guesses
        Outcome missing = PerDealCalculator.apply(ID, commission(null, rate("gold", "cloud", "0.10", "0.10")),
                credit(d, "influenced", List.of("demo"), "0.40000000", "4800.00", "0.00"), usd, GOLD, NO_FX, UTC);
        assertEquals(new Outcome.MissingFx("EUR", "USD", LocalDate.parse("2026-03-15")), missing);
    }

    @Test
    void everyEligibilityFilterExcludes() {
        DealContext d = deal("1000.00", "0.00");
        Facts.CreditOnDeal inf = credit(d, "influenced", List.of("demo"), "1.00000000", "1000.00", "0.00");
        RuleSpec.Rate r = rate("*", "*", "0.10", "0.10");
        assertInstanceOf(Outcome.NotEligible.class, PerDealCalculator.apply(ID, commission(elig(List.of("msp"), null, null, null, null, null, null, null), r), inf, RESELLER_DE_EUR, GOLD, NO_FX, UTC));
        assertInstanceOf(Outcome.NotEligible.class, PerDealCalculator.apply(ID, commission(elig(null, List.of("silver"), null, null, null, null, null, null), r), inf, RESELLER_DE_EUR, GOLD, NO_FX, UTC));
        assertInstanceOf(Outcome.NotEligible.class, PerDealCalculator.apply(ID, commission(elig(null, null, List.of("US"), null, null, null, null, null), r), inf, RESELLER_DE_EUR, GOLD, NO_FX, UTC));
        assertInstanceOf(Outcome.NotEligible.class, PerDealCalculator.apply(ID, commission(elig(null, null, null, List.of("DE"), null, null, null, null), r), inf, RESELLER_DE_EUR, GOLD, NO_FX, UTC));
        assertInstanceOf(Outcome.NotEligible.class, PerDealCalculator.apply(ID, commission(elig(null, null, null, null, List.of("hardware"), null, null, null), r), inf, RESELLER_DE_EUR, GOLD, NO_FX, UTC));
        assertInstanceOf(Outcome.NotEligible.class, PerDealCalculator.apply(ID, commission(elig(null, null, null, null, null, List.of("new_business"), null, null), r), inf, RESELLER_DE_EUR, GOLD, NO_FX, UTC));
        assertInstanceOf(Outcome.NotEligible.class, PerDealCalculator.apply(ID, commission(elig(null, null, null, null, null, null, true, null), r), inf, RESELLER_DE_EUR, GOLD, NO_FX, UTC));
        assertInstanceOf(Outcome.NotEligible.class, PerDealCalculator.apply(ID, commission(elig(null, null, null, null, null, null, null, Money.of("1000.01", "EUR")), r), inf, RESELLER_DE_EUR, GOLD, NO_FX, UTC));
        // every filter met: earns
        RuleSpec all = commission(elig(List.of("reseller"), List.of("gold"), List.of("DE"), List.of("FR"), List.of("cloud"), List.of("renewal"), null, Money.of("1000.00", "EUR")), r);
        assertEquals(Money.of("100.00", "EUR"), earned(PerDealCalculator.apply(ID, all, inf, RESELLER_DE_EUR, GOLD, NO_FX, UTC)).payout());
        // a minimum in another currency needs the close-date rate: missing -> wait; present -> compared exactly
        RuleSpec usdMin = commission(elig(null, null, null, null, null, null, null, Money.of("1084.20", "USD")), r);
        assertInstanceOf(Outcome.MissingFx.class, PerDealCalculator.apply(ID, usdMin, inf, RESELLER_DE_EUR, GOLD, NO_FX, UTC));
        Facts.FxTable fx = (f, t, date) -> Optional.of(new Facts.FxRate(f, t, new BigDecimal("1.0842"), date));
        assertInstanceOf(Outcome.Earned.class, PerDealCalculator.apply(ID, usdMin, inf, RESELLER_DE_EUR, GOLD, fx, UTC));
    }

    static RuleSpec.Eligibility elig(List<String> types, List<String> tiers, List<String> countries, List<String> customerCountries,
                                     List<String> categories, List<String> dealTypes, Boolean sourcedOnly, Money min) {
        return new RuleSpec.Eligibility(types, tiers, countries, customerCountries, categories, dealTypes, sourcedOnly, min);
    }

    @Test
    void validationNamesEveryProblem() {
        ProgramDefinition p = new ProgramDefinition("Bad Code", "", null, null, Instant.parse("2026-02-01T00:00:00Z"),
                Instant.parse("2026-01-01T00:00:00Z"), List.of(commission(null, rate("gold", "cloud", "1.5", "-0.1"), rate("gold", "cloud", "0.1", null))));
        List<String> fields = ProgramValidator.validate(p).stream().map(ProgramValidator.Problem::field).toList();
        assertTrue(fields.containsAll(List.of("code", "name", "effectiveTo", "rules[0].commission.rates[0].sourced",
                "rules[0].commission.rates[0].influenced", "rules[0].commission.rates[1]")), fields.toString());
    }
}
