package io.partnerflow.partner.domain;

import io.partnerflow.partner.domain.tier.Criterion;
import io.partnerflow.partner.domain.tier.Ladder;
import io.partnerflow.partner.domain.tier.MetricCalculator;
import io.partnerflow.partner.domain.tier.MetricKind;
import io.partnerflow.partner.domain.tier.MetricValue;
import io.partnerflow.partner.domain.tier.TierEvaluator;
import io.partnerflow.partner.domain.tier.TierEvaluator.Decision;
import io.partnerflow.partner.domain.tier.TierEvaluator.Kind;
import io.partnerflow.partner.domain.tier.TierEvaluator.Position;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TierEvaluatorTest {
    static final Ladder LADDER = Ladders.ladder(30, false);
    static final LocalDate D = LocalDate.parse("2025-04-01");

    static MetricCalculator.Result metrics(String revenue, int won, int certified) {
        Map<Criterion.MetricKey, MetricValue> v = new HashMap<>();
        v.put(new Criterion.MetricKey(MetricKind.ATTRIBUTED_REVENUE, 12),
                new MetricValue(new Criterion.MetricKey(MetricKind.ATTRIBUTED_REVENUE, 12), new BigDecimal(revenue), "USD", null, null));
        v.put(new Criterion.MetricKey(MetricKind.WON_DEALS, 12),
                new MetricValue(new Criterion.MetricKey(MetricKind.WON_DEALS, 12), BigDecimal.valueOf(won), "count", null, null));
        v.put(new Criterion.MetricKey(MetricKind.CERTIFIED_PEOPLE, 0),
                new MetricValue(new Criterion.MetricKey(MetricKind.CERTIFIED_PEOPLE, 0), BigDecimal.valueOf(certified), "count", null, null));
        return new MetricCalculator.Result(v, List.of());
    }

    static Instant start(LocalDate d) {
        return d.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    static Decision eval(Position p, MetricCalculator.Result m, LocalDate d) {
        return TierEvaluator.evaluate(LADDER, p, m, d, start(d));
    }

    @Test
    void promotesAsSoonAsAHigherTiersCriteriaAreAllMet() {
        Decision d = eval(new Position("registered", null, null, null), metrics("10000.00", 1, 0), D);
        assertEquals(Kind.PROMOTE, d.kind());
        assertEquals("silver", d.to().code());
        assertEquals("promotion", d.reason());
        assertEquals(start(D), d.effectiveAt());
        assertTrue(d.metrics().stream().allMatch(TierEvaluator.MetricCheck::met));
        // One criterion short: no promotion.
        assertEquals(Kind.NONE, eval(new Position("registered", null, null, null), metrics("9999.99", 1, 0), D).kind());
    }

    @Test
    void promotesSeveralRanksAtOnce() {
        Decision d = eval(new Position("registered", null, null, null), metrics("250000.00", 7, 2), D);
        assertEquals(Kind.PROMOTE, d.kind());
        assertEquals("platinum", d.to().code());
        assertEquals("registered", d.from().code());
    }

    @Test
    void demotesOnlyAfterFailingForTheWholeGracePeriod() {
        Position gold = new Position("gold", null, null, start(D.minusDays(100)));
        Decision first = eval(gold, metrics("20000.00", 1, 1), D);
        assertEquals(Kind.NONE, first.kind());
        assertEquals(D, first.failingSince());
        Position failing = new Position("gold", D, null, start(D.minusDays(100)));
        assertEquals(Kind.NONE, eval(failing, metrics("20000.00", 1, 1), D.plusDays(29)).kind());
        Decision demoted = eval(failing, metrics("20000.00", 1, 1), D.plusDays(30));
        assertEquals(Kind.DEMOTE, demoted.kind());
        assertEquals("silver", demoted.to().code(), "down to the qualified tier");
        assertTrue(demoted.metrics().stream().anyMatch(c -> !c.met()), "the failed gold criteria are reported");
        // Meeting the criteria again stops the clock.
        Decision recovered = eval(failing, metrics("60000.00", 3, 1), D.plusDays(20));
        assertEquals(Kind.NONE, recovered.kind());
        assertNull(recovered.failingSince());
    }

    @Test
    void aZeroGracePeriodDemotesAtOnce() {
        Ladder noGrace = Ladders.ladder(0, false);
        Decision d = TierEvaluator.evaluate(noGrace, new Position("gold", null, null, null), metrics("0", 0, 0), D, start(D));
        assertEquals(Kind.DEMOTE, d.kind());
        assertEquals("registered", d.to().code());
    }

    @Test
    void anOverridePinsTheTierUntilItExpiresThenTheQualifiedTierApplies() {
        Instant expiry = start(D).plusSeconds(3600 * 10);
        Position pinned = new Position("gold", null, new TierEvaluator.Override("gold", expiry), start(D.minusDays(5)));
        Decision during = TierEvaluator.evaluate(LADDER, pinned, metrics("0", 0, 0), D, start(D).plusSeconds(3600));
        assertEquals(Kind.NONE, during.kind());
        assertFalse(during.overrideEnded());
        Decision after = TierEvaluator.evaluate(LADDER, pinned, metrics("0", 0, 0), D, expiry.plusSeconds(1));
        assertEquals(Kind.DEMOTE, after.kind());
        assertEquals("registered", after.to().code());
        assertEquals(expiry, after.effectiveAt(), "effective when the override ended");
        assertTrue(after.overrideEnded());
        assertTrue(after.note().contains("expired"));
        Decision upAfter = TierEvaluator.evaluate(LADDER, pinned, metrics("300000.00", 9, 3), D, expiry);
        assertEquals(Kind.PROMOTE, upAfter.kind());
        assertEquals("platinum", upAfter.to().code());
    }

    @Test
    void missingDataDecidesNothing() {
        Decision d = eval(new Position("silver", D.minusDays(90), null, null),
                new MetricCalculator.Result(Map.of(), List.of("FX rate EUR/USD on or before 2025-03-01")), D);
        assertEquals(Kind.PENDING, d.kind());
        assertEquals(D.minusDays(90), d.failingSince(), "the grace clock is left as it was");
        assertTrue(d.note().contains("EUR/USD"));
    }

    @Test
    void theFirstTierIsTheQualifiedOneAndChangesNeverTakeEffectBeforeTheLastChange() {
        Decision first = eval(new Position(null, null, null, null), metrics("0", 0, 0), D);
        assertEquals(Kind.INITIAL, first.kind());
        assertEquals("registered", first.to().code());
        Instant later = start(D).plusSeconds(7200);
        Decision promo = eval(new Position("registered", null, null, later), metrics("10000.00", 1, 0), D);
        assertEquals(later, promo.effectiveAt());
    }
}
