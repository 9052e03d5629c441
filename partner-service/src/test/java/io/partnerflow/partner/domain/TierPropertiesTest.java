package io.partnerflow.partner.domain;

import io.partnerflow.core.money.Money;
import io.partnerflow.partner.domain.tier.Criterion;
import io.partnerflow.partner.domain.tier.FxTable;
import io.partnerflow.partner.domain.tier.Ladder;
import io.partnerflow.partner.domain.tier.MetricCalculator;
import io.partnerflow.partner.domain.tier.MetricFacts;
import io.partnerflow.partner.domain.tier.MetricKind;
import io.partnerflow.partner.domain.tier.Tier;
import io.partnerflow.partner.domain.tier.TierEvaluator;
import io.partnerflow.partner.domain.tier.TierEvaluator.Decision;
import io.partnerflow.partner.domain.tier.TierEvaluator.Kind;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Property-based tests of the tier rules and metrics over random metric histories. */
class TierPropertiesTest {
    static final LocalDate START = LocalDate.parse("2024-01-01");
    static final List<Criterion.MetricKey> KEYS = List.of(
            new Criterion.MetricKey(MetricKind.ATTRIBUTED_REVENUE, 12), new Criterion.MetricKey(MetricKind.WON_DEALS, 12),
            new Criterion.MetricKey(MetricKind.CERTIFIED_PEOPLE, 0));

    // ---- facts

    @Provide
    Arbitrary<List<MetricFacts.RevenueFact>> revenueFacts() {
        Arbitrary<MetricFacts.RevenueFact> fact = Combinators.combine(
                Arbitraries.integers().between(0, 12),                 // deal
                Arbitraries.integers().between(0, 900),                // days after START
                Arbitraries.longs().between(-50_000_00L, 200_000_00L), // cents
                Arbitraries.of("USD", "EUR", "JPY"),
                Arbitraries.of(true, false)).as((deal, day, cents, ccy, sourced) -> new MetricFacts.RevenueFact(
                "deal-" + deal + "-" + ccy, START.plusDays(day),
                Money.of(BigDecimal.valueOf(ccy.equals("JPY") ? cents / 100 : cents, ccy.equals("JPY") ? 0 : 2), ccy),
                sourced));
        return fact.list().ofMaxSize(40);
    }

    static FxTable fx() {
        List<FxTable.Rate> rates = new ArrayList<>();
        for (int m = -1; m < 40; m++) {
            rates.add(new FxTable.Rate("EUR", "USD", START.plusMonths(m), new BigDecimal("1.0" + Math.floorMod(m, 10) + "42")));
            rates.add(new FxTable.Rate("JPY", "USD", START.plusMonths(m), new BigDecimal("0.0067" + Math.floorMod(m, 7))));
        }
        return new FxTable(rates);
    }

    static MetricCalculator.Result compute(List<MetricFacts.RevenueFact> revenue, LocalDate asOf) {
        return MetricCalculator.compute(KEYS, new MetricFacts(revenue, List.of(), List.of()), fx(), asOf, "USD");
    }

    @Property
    void metricsDoNotDependOnTheOrderFactsArrivedIn(@ForAll("revenueFacts") List<MetricFacts.RevenueFact> facts,
                                                    @ForAll @IntRange(min = 0, max = 1000) int asOfDay, @ForAll long seed) {
        List<MetricFacts.RevenueFact> shuffled = new ArrayList<>(facts);
        Collections.shuffle(shuffled, new Random(seed));
        LocalDate asOf = START.plusDays(asOfDay);
        assertEquals(compute(facts, asOf).values(), compute(shuffled, asOf).values());
    }

    @Property
    void aReversalLowersRevenueByExactlyItsConvertedAmount(@ForAll("revenueFacts") List<MetricFacts.RevenueFact> facts,
                                                           @ForAll @LongRange(min = 1, max = 5_000_000) long cents,
                                                           @ForAll @IntRange(min = 0, max = 364) int daysBack) {
        LocalDate asOf = START.plusDays(700);
        LocalDate closedOn = asOf.minusDays(1 + daysBack); // inside the 12-month window
        List<MetricFacts.RevenueFact> withCredit = new ArrayList<>(facts);
        withCredit.add(new MetricFacts.RevenueFact("reversed-deal", closedOn, Money.of(BigDecimal.valueOf(cents, 2), "USD"), false));
        List<MetricFacts.RevenueFact> withReversal = new ArrayList<>(withCredit);
        long reversed = cents / 3 + 1;
        withReversal.add(new MetricFacts.RevenueFact("reversed-deal", closedOn,
                Money.of(BigDecimal.valueOf(-reversed, 2), "USD"), false));
        var key = KEYS.get(0);
        BigDecimal before = compute(withCredit, asOf).values().get(key).value();
        BigDecimal after = compute(withReversal, asOf).values().get(key).value();
        assertEquals(before.subtract(BigDecimal.valueOf(reversed, 2)), after);
        // A full reversal takes the deal out of the won deals.
        List<MetricFacts.RevenueFact> fully = new ArrayList<>(withCredit);
        fully.add(new MetricFacts.RevenueFact("reversed-deal", closedOn, Money.of(BigDecimal.valueOf(-cents, 2), "USD"), false));
        var won = KEYS.get(1);
        assertEquals(compute(withCredit, asOf).values().get(won).value().subtract(BigDecimal.ONE),
                compute(fully, asOf).values().get(won).value());
    }

    @Property
    void revenueIsTheSumOfTheWindowsFactsAndNothingElse(@ForAll("revenueFacts") List<MetricFacts.RevenueFact> facts,
                                                        @ForAll @IntRange(min = 0, max = 1000) int asOfDay) {
        LocalDate asOf = START.plusDays(asOfDay);
        List<MetricFacts.RevenueFact> usd = facts.stream().filter(f -> f.amount().currencyCode().equals("USD")).toList();
        BigDecimal expected = usd.stream()
                .filter(f -> !f.closedOn().isBefore(asOf.minusMonths(12)) && f.closedOn().isBefore(asOf))
                .map(f -> f.amount().amount()).reduce(new BigDecimal("0.00"), BigDecimal::add);
        assertEquals(expected, compute(usd, asOf).values().get(KEYS.get(0)).value());
    }

    @Property
    void aMissingRateMakesTheComputationPendingNeverAGuess(@ForAll @LongRange(min = 1, max = 1_000_000) long cents) {
        var facts = List.of(new MetricFacts.RevenueFact("d", START.minusYears(1), Money.of(BigDecimal.valueOf(cents, 2), "EUR"), false));
        var r = MetricCalculator.compute(KEYS, new MetricFacts(facts, List.of(), List.of()), fx(), START, "USD");
        assertTrue(r.pending());
        assertTrue(r.values().isEmpty());
        assertTrue(r.missing().get(0).contains("EUR/USD"));
    }

    // ---- the rules over random histories

    record Day(long revenueCents, int won, int certified) {
    }

    @Provide
    Arbitrary<List<Day>> histories() {
        Arbitrary<Day> day = Combinators.combine(
                Arbitraries.longs().between(0, 300_000_00L).edgeCases(c -> c.add(10_000_00L).add(50_000_00L).add(200_000_00L)),
                Arbitraries.integers().between(0, 8), Arbitraries.integers().between(0, 3)).as(Day::new);
        // Runs of equal days make grace periods actually elapse.
        return Combinators.combine(day, Arbitraries.integers().between(1, 25)).as((d, n) -> Collections.nCopies(n, d))
                .list().ofMinSize(1).ofMaxSize(12).map(runs -> runs.stream().flatMap(List::stream).toList());
    }

    static MetricCalculator.Result values(Day d) {
        var m = new java.util.HashMap<Criterion.MetricKey, io.partnerflow.partner.domain.tier.MetricValue>();
        m.put(KEYS.get(0), new io.partnerflow.partner.domain.tier.MetricValue(KEYS.get(0), BigDecimal.valueOf(d.revenueCents(), 2), "USD", null, null));
        m.put(KEYS.get(1), new io.partnerflow.partner.domain.tier.MetricValue(KEYS.get(1), BigDecimal.valueOf(d.won()), "count", null, null));
        m.put(KEYS.get(2), new io.partnerflow.partner.domain.tier.MetricValue(KEYS.get(2), BigDecimal.valueOf(d.certified()), "count", null, null));
        return new MetricCalculator.Result(m, List.of());
    }

    @Property
    void promotionIsImmediateDemotionWaitsForTheGracePeriodAndTimeNeverGoesBack(
            @ForAll("histories") List<Day> history, @ForAll @IntRange(min = 0, max = 20) int grace) {
        Ladder ladder = Ladders.ladder(grace, false);
        TierEvaluator.Position pos = new TierEvaluator.Position(null, null, null, null);
        List<Integer> qualifiedByDay = new ArrayList<>();
        Instant lastEffective = null;
        for (int i = 0; i < history.size(); i++) {
            LocalDate d = START.plusDays(i);
            MetricCalculator.Result m = values(history.get(i));
            Tier qualified = TierEvaluator.qualified(ladder, m.values());
            qualifiedByDay.add(qualified.rank());
            int before = pos.tierCode() == null ? -1 : ladder.tier(pos.tierCode()).orElseThrow().rank();
            Decision dec = TierEvaluator.evaluate(ladder, pos, m, d, d.atStartOfDay(ZoneOffset.UTC).toInstant());
            int after = dec.changesTier() ? dec.to().rank() : before;
            if (dec.changesTier()) {
                assertEquals(qualified.rank(), after, "a change always lands on the qualified tier");
                assertTrue(lastEffective == null || !dec.effectiveAt().isBefore(lastEffective), "effective times never go back");
                lastEffective = dec.effectiveAt();
            }
            assertTrue(after >= qualified.rank(), "never below the qualified tier after an evaluation (day " + i + ")");
            if (dec.kind() == Kind.DEMOTE) {
                // Failed the current tier on every evaluation of the last `grace` days (and today).
                for (int j = Math.max(0, i - grace); j <= i; j++) {
                    assertTrue(qualifiedByDay.get(j) < before, "demoted on day " + i + " but met " + before + " on day " + j);
                }
                assertTrue(i >= grace, "a demotion needs a full grace period of evaluations");
            }
            if (after < before) {
                assertEquals(Kind.DEMOTE, dec.kind());
            }
            // Monotone ladder: meeting a tier means meeting every tier below it.
            for (Tier t : ladder.tiers()) {
                if (t.rank() <= qualified.rank()) {
                    assertTrue(t.criteria().stream().allMatch(c -> c.metBy(m.values().get(c.key()).value())));
                }
            }
            pos = new TierEvaluator.Position(dec.changesTier() ? dec.to().code() : pos.tierCode(), dec.failingSince(), null,
                    dec.changesTier() ? dec.effectiveAt() : pos.lastEffectiveAt());
        }
    }

    @Property
    void validatedLaddersAreMonotoneSoTheQualifiedTierIsWellDefined(
            @ForAll @Size(min = 2, max = 5) List<@IntRange(min = 0, max = 100) Integer> thresholds,
            @ForAll @IntRange(min = 0, max = 120) int value) {
        List<Tier> tiers = new ArrayList<>();
        tiers.add(new Tier("t0", "T0", 0, List.of(), List.of()));
        for (int i = 0; i < thresholds.size(); i++) {
            tiers.add(new Tier("t" + (i + 1), "T" + (i + 1), i + 1, List.of(),
                    List.of(new Criterion(MetricKind.WON_DEALS, BigDecimal.valueOf(thresholds.get(i)), 12))));
        }
        boolean sorted = true;
        for (int i = 1; i < thresholds.size(); i++) {
            sorted &= thresholds.get(i) >= thresholds.get(i - 1);
        }
        List<String> errors = Ladder.validate(tiers, 0, "USD");
        assertEquals(sorted, errors.isEmpty(), errors.toString());
        if (sorted) {
            Ladder l = new Ladder(java.util.UUID.randomUUID(), 1, 0, false, tiers);
            var key = new Criterion.MetricKey(MetricKind.WON_DEALS, 12);
            var v = new io.partnerflow.partner.domain.tier.MetricValue(key, BigDecimal.valueOf(value), "count", null, null);
            Tier q = TierEvaluator.qualified(l, java.util.Map.of(key, v));
            long expected = thresholds.stream().filter(t -> t <= value).count();
            assertEquals(expected, q.rank());
        }
    }
}
