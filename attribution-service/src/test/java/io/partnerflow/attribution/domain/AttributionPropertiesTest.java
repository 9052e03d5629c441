package io.partnerflow.attribution.domain;

import io.partnerflow.attribution.domain.AttributionModels.TouchWeights;
import io.partnerflow.attribution.domain.CreditSplit.Line;
import io.partnerflow.attribution.domain.CreditSplit.PartnerCredit;
import io.partnerflow.core.money.Money;
import io.partnerflow.core.money.Weight;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exactness of attribution for random deals, touches, models and currencies (incl. 0- and 3-decimal). */
class AttributionPropertiesTest {
    static final Instant CLOSE = Instant.parse("2026-06-30T12:00:00Z");

    record Deal(Currency currency, List<Line> lines, List<Touch> touches, ModelSpec model, Instant createdAt) {
        Money total() {
            return Money.sum(currency, lines.stream().map(Line::amount).toList());
        }
    }

    @Provide
    Arbitrary<Deal> deals() {
        Arbitrary<Currency> currency = Arbitraries.of("EUR", "USD", "JPY", "BHD", "KWD").map(Currency::getInstance);
        Arbitrary<ModelSpec> model = Arbitraries.oneOf(
                Arbitraries.of(ModelKind.FIRST_TOUCH, ModelKind.LAST_TOUCH, ModelKind.LINEAR, ModelKind.TIME_DECAY,
                        ModelKind.POSITION_BASED, ModelKind.W_SHAPED, ModelKind.FULL_PATH).map(ModelSpec::of),
                Arbitraries.just(ModelSpec.custom(Map.of(TouchType.REFERRAL, new BigDecimal("0.35"),
                        TouchType.RESALE, new BigDecimal("0.4"), TouchType.DEMO, new BigDecimal("0.25")))));
        Arbitrary<Touch> touch = Combinators.combine(
                Arbitraries.strings().withCharRange('a', 'f').ofLength(1),
                Arbitraries.of(TouchType.values()),
                Arbitraries.longs().between(-5 * 86_400L, 400 * 86_400L),
                Arbitraries.integers().between(0, 1_000_000))
                .as((p, type, secondsBefore, id) -> new Touch("t" + id, "partner-" + p, type, CLOSE.minusSeconds(secondsBefore)));
        Arbitrary<List<BigInteger>> minorAmounts = Arbitraries.oneOf(
                Arbitraries.longs().between(0, 1_000), Arbitraries.longs().between(0, 10_000_000_000_000L))
                .map(BigInteger::valueOf).list().ofMinSize(1).ofMaxSize(6);
        return Combinators.combine(currency, minorAmounts, touch.list().ofMaxSize(15), model,
                        Arbitraries.longs().between(0, 200))
                .as((cur, amounts, touches, m, createdDaysBefore) -> {
                    List<Line> lines = new ArrayList<>();
                    for (int i = 0; i < amounts.size(); i++) {
                        lines.add(new Line(i + 1, Money.ofMinor(amounts.get(i), cur)));
                    }
                    return new Deal(cur, lines, touches, m, CLOSE.minus(Duration.ofDays(createdDaysBefore)));
                });
    }

    @Property
    void everyLineCreditAndTheDealSumExactly(@ForAll("deals") Deal deal) {
        TouchWeights w = AttributionModels.weigh(deal.model(), deal.createdAt(), CLOSE, deal.touches());
        Weight total = Weight.ZERO;
        for (var t : w.credited()) {
            total = total.plus(t.weight());
        }
        assertEquals(w.unattributed() ? Weight.ZERO : Weight.ONE, total, "touch weights sum to exactly 1");

        List<PartnerCredit> credits = CreditSplit.split(w, deal.lines());
        if (w.unattributed()) {
            assertTrue(credits.isEmpty());
            return;
        }
        for (Line line : deal.lines()) {
            Money sum = Money.sum(deal.currency(), credits.stream().map(c -> c.lines().get(line.lineNumber())).toList());
            assertEquals(line.amount(), sum, "line " + line.lineNumber() + " splits exactly");
        }
        for (PartnerCredit c : credits) {
            assertEquals(Money.sum(deal.currency(), c.lines().values()), c.amount(), "credit = sum of its lines");
            assertTrue(c.amount().amount().signum() >= 0);
        }
        assertEquals(deal.total(), Money.sum(deal.currency(), credits.stream().map(PartnerCredit::amount).toList()));
        assertEquals(0, BigDecimal.ONE.compareTo(credits.stream().map(PartnerCredit::wireWeight).reduce(BigDecimal.ZERO, BigDecimal::add)));
        credits.forEach(c -> assertEquals(8, c.wireWeight().scale()));
    }

    @Property
    void theResultDoesNotDependOnTheOrderTouchesArrive(@ForAll("deals") Deal deal, @ForAll long seed) {
        List<Touch> shuffled = new ArrayList<>(deal.touches());
        Collections.shuffle(shuffled, new Random(seed));
        List<PartnerCredit> a = CreditSplit.split(AttributionModels.weigh(deal.model(), deal.createdAt(), CLOSE, deal.touches()), deal.lines());
        List<PartnerCredit> b = CreditSplit.split(AttributionModels.weigh(deal.model(), deal.createdAt(), CLOSE, shuffled), deal.lines());
        assertEquals(a.stream().map(c -> c.partnerId() + "=" + c.lines()).toList(),
                b.stream().map(c -> c.partnerId() + "=" + c.lines()).toList());
    }

    @Property
    void aReversalSplitsEachReversedLineExactlyAndProportionally(@ForAll("deals") Deal deal, @ForAll long seed) {
        List<PartnerCredit> credits = CreditSplit.split(AttributionModels.weigh(deal.model(), deal.createdAt(), CLOSE, deal.touches()), deal.lines());
        if (credits.isEmpty()) {
            return;
        }
        Random r = new Random(seed);
        List<Line> reversed = new ArrayList<>();
        for (Line l : deal.lines()) {
            BigInteger minor = l.amount().minorUnits();
            if (minor.signum() > 0 && r.nextBoolean()) {
                BigInteger part = new BigInteger(minor.bitLength(), r).mod(minor).add(BigInteger.ONE);
                reversed.add(new Line(l.lineNumber(), Money.ofMinor(part.negate(), deal.currency())));
            }
        }
        var rev = CreditSplit.reverse(credits, reversed);
        for (Line l : reversed) {
            Money sum = Money.sum(deal.currency(), rev.values().stream().map(m -> m.get(l.lineNumber())).filter(java.util.Objects::nonNull).toList());
            assertEquals(l.amount(), sum, "reversed line " + l.lineNumber() + " sums exactly");
            for (PartnerCredit c : credits) {
                Money part = rev.getOrDefault(c.partnerId(), Map.of()).get(l.lineNumber());
                Money original = c.lines().get(l.lineNumber());
                if (part != null) {
                    assertTrue(part.abs().compareTo(original) <= 0, "never more than the partner's original line credit");
                }
            }
        }
    }
}
