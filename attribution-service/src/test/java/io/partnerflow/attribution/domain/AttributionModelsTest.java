package io.partnerflow.attribution.domain;

import io.partnerflow.attribution.domain.AttributionModels.TouchWeights;
import io.partnerflow.attribution.domain.ModelSpec.Position;
import io.partnerflow.core.money.Weight;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.partnerflow.attribution.domain.TouchType.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Golden examples for every model, straight from the definitions in issue #5, and the edge-case rules. */
class AttributionModelsTest {
    static final Instant CLOSE = Instant.parse("2026-06-30T12:00:00Z");
    static final Instant CREATED = CLOSE.minus(Duration.ofDays(30));

    static Touch touch(String id, String partner, TouchType type, int daysBeforeClose) {
        return new Touch(id, partner, type, CLOSE.minus(Duration.ofDays(daysBeforeClose)));
    }

    static Map<String, Weight> weights(ModelSpec model, List<Touch> touches) {
        TouchWeights w = AttributionModels.weigh(model, CREATED, CLOSE, touches);
        return w.credited().stream().collect(Collectors.toMap(t -> t.touch().touchpointId(), AttributionModels.WeightedTouch::weight));
    }

    static Weight w(long n, long d) {
        return Weight.ratio(n, d);
    }

    final List<Touch> three = List.of(touch("t1", "A", EVENT, 20), touch("t2", "B", DEMO, 10), touch("t3", "C", RESALE, 1));

    @Test
    void firstLastAndLinear() {
        assertEquals(Map.of("t1", Weight.ONE, "t2", Weight.ZERO, "t3", Weight.ZERO), weights(ModelSpec.of(ModelKind.FIRST_TOUCH), three));
        assertEquals(Map.of("t1", Weight.ZERO, "t2", Weight.ZERO, "t3", Weight.ONE), weights(ModelSpec.of(ModelKind.LAST_TOUCH), three));
        assertEquals(Map.of("t1", w(1, 3), "t2", w(1, 3), "t3", w(1, 3)), weights(ModelSpec.of(ModelKind.LINEAR), three));
    }

    @Test
    void timeDecayATouchOneHalfLifeBeforeCloseWeighsHalfASameDayTouch() {
        List<Touch> touches = List.of(touch("old", "A", DEMO, 7), touch("today", "B", DEMO, 0));
        assertEquals(Map.of("old", w(1, 3), "today", w(2, 3)), weights(ModelSpec.of(ModelKind.TIME_DECAY), touches));
        assertEquals(new BigDecimal("0.25"), AttributionModels.decay(Duration.ofDays(14), Duration.ofDays(7)).stripTrailingZeros());
        // half a half-life: 2^-0.5 = 0.70710678118654752440084436210484903928...
        assertTrue(AttributionModels.decay(Duration.ofHours(84), Duration.ofDays(7)).toPlainString()
                .startsWith("0.7071067811865475244008"));
    }

    @Test
    void positionBasedGives40ToEndsAnd20ToTheMiddle() {
        List<Touch> four = List.of(touch("a", "A", EVENT, 40), touch("b", "B", DEMO, 30), touch("c", "C", DEMO, 20), touch("d", "D", RESALE, 1));
        assertEquals(Map.of("a", w(2, 5), "b", w(1, 10), "c", w(1, 10), "d", w(2, 5)), weights(ModelSpec.of(ModelKind.POSITION_BASED), four));
    }

    @Test
    void positionBasedWithTwoTouchesIsFiftyFiftyAndOneTouchGetsAll() {
        assertEquals(Map.of("a", w(1, 2), "b", w(1, 2)),
                weights(ModelSpec.of(ModelKind.POSITION_BASED), List.of(touch("a", "A", EVENT, 5), touch("b", "B", DEMO, 1))));
        for (ModelKind kind : ModelKind.values()) {
            ModelSpec m = kind == ModelKind.CUSTOM ? ModelSpec.custom(Map.of(DEMO, BigDecimal.ONE)) : ModelSpec.of(kind);
            assertEquals(Map.of("only", Weight.ONE), weights(m, List.of(touch("only", "A", DEMO, 3))), kind.name());
        }
    }

    @Test
    void wShapedGives30ToFirstLeadAndClosingAnd10ToTheRest() {
        List<Touch> t = List.of(touch("f", "A", EVENT, 50), touch("reg", "B", DEAL_REGISTRATION, 40),
                touch("x", "C", DEMO, 30), touch("y", "A", DEMO, 20), touch("c", "D", RESALE, 1));
        assertEquals(Map.of("f", w(3, 10), "reg", w(3, 10), "x", w(1, 20), "y", w(1, 20), "c", w(3, 10)),
                weights(ModelSpec.of(ModelKind.W_SHAPED), t));
    }

    @Test
    void wShapedMilestonesOnTheSameTouchAddUp() {
        List<Touch> t = List.of(touch("reg", "A", DEAL_REGISTRATION, 40), touch("x", "C", DEMO, 30), touch("c", "D", RESALE, 1));
        assertEquals(Map.of("reg", w(6, 10), "x", w(1, 10), "c", w(3, 10)), weights(ModelSpec.of(ModelKind.W_SHAPED), t));
        var roles = AttributionModels.weigh(ModelSpec.of(ModelKind.W_SHAPED), CREATED, CLOSE, t).credited().get(0).roles();
        assertEquals(EnumSet.of(Position.FIRST, Position.LEAD), roles);
    }

    @Test
    void aMissingMilestoneIsRenormalisedProRata() {
        // no registration/lead/referral touch: FIRST .3, CLOSING .3, REST .1 → 3/7, 1/7, 3/7
        List<Touch> t = List.of(touch("f", "A", EVENT, 40), touch("x", "C", DEMO, 30), touch("c", "D", RESALE, 1));
        assertEquals(Map.of("f", w(3, 7), "x", w(1, 7), "c", w(3, 7)), weights(ModelSpec.of(ModelKind.W_SHAPED), t));
    }

    @Test
    void withNoRestTheRestShareGoesProRataToTheMilestones() {
        List<Touch> t = List.of(touch("f", "A", REFERRAL, 40), touch("c", "D", RESALE, 1));
        // FIRST+LEAD .6 on f, CLOSING .3 on c; REST .1 has nobody → 2/3, 1/3
        assertEquals(Map.of("f", w(2, 3), "c", w(1, 3)), weights(ModelSpec.of(ModelKind.W_SHAPED), t));
    }

    @Test
    void fullPathGives22_5ToFourMilestonesAnd10ToTheRest() {
        List<Touch> t = List.of(touch("f", "A", EVENT, 60), touch("lead", "B", LEAD_GENERATION, 45),
                touch("opp", "C", DEMO, 30), touch("x", "A", DEMO, 10), touch("c", "D", RESALE, 1));
        // createdAt = 30 days before close: "opp" is the first touch at or after it
        assertEquals(Map.of("f", w(9, 40), "lead", w(9, 40), "opp", w(9, 40), "x", w(1, 10), "c", w(9, 40)),
                weights(ModelSpec.of(ModelKind.FULL_PATH), t));
    }

    @Test
    void customWeighsTouchTypesAndIgnoresZeroWeightTypes() {
        ModelSpec m = ModelSpec.custom(Map.of(REFERRAL, new BigDecimal("0.6"), RESALE, new BigDecimal("0.4"), DEMO, BigDecimal.ZERO));
        TouchWeights w = AttributionModels.weigh(m, CREATED, CLOSE,
                List.of(touch("r", "A", REFERRAL, 20), touch("d", "B", DEMO, 10), touch("s", "C", RESALE, 1)));
        assertEquals(Map.of("r", w(3, 5), "s", w(2, 5)), w.credited().stream()
                .collect(Collectors.toMap(t -> t.touch().touchpointId(), AttributionModels.WeightedTouch::weight)));
        assertEquals("d", w.ignored().get(0).touch().touchpointId());
    }

    @Test
    void touchesAfterCloseOutsideTheLookbackOrIneligibleAreIgnoredWithAReason() {
        ModelSpec m = new ModelSpec(ModelKind.LINEAR, null, null, EnumSet.complementOf(EnumSet.of(EVENT)), null, null);
        TouchWeights w = AttributionModels.weigh(m, CREATED, CLOSE, List.of(
                touch("late", "A", DEMO, -1), touch("ancient", "B", DEMO, 366), touch("event", "C", EVENT, 3),
                touch("ok", "D", DEMO, 365)));
        assertEquals(List.of("ok"), w.credited().stream().map(t -> t.touch().touchpointId()).toList());
        assertEquals(3, w.ignored().size());
        assertTrue(w.ignored().stream().anyMatch(i -> i.reason().contains("after the deal closed")));
        assertTrue(w.ignored().stream().anyMatch(i -> i.reason().contains("365-day lookback")));
        assertTrue(w.ignored().stream().anyMatch(i -> i.reason().contains("not eligible")));
    }

    @Test
    void aTouchpointIdCountsOnceEvenIfDeliveredTwice() {
        Touch t = touch("same", "A", DEMO, 3);
        TouchWeights w = AttributionModels.weigh(ModelSpec.of(ModelKind.LINEAR), CREATED, CLOSE, List.of(t, t, touch("b", "B", DEMO, 1)));
        assertEquals(Map.of("same", w(1, 2), "b", w(1, 2)), w.credited().stream()
                .collect(Collectors.toMap(x -> x.touch().touchpointId(), AttributionModels.WeightedTouch::weight)));
        assertTrue(w.ignored().get(0).reason().startsWith("duplicate"));
    }

    @Test
    void aDealWithNoEligibleTouchIsUnattributed() {
        assertTrue(AttributionModels.weigh(ModelSpec.of(ModelKind.LINEAR), CREATED, CLOSE, List.of()).unattributed());
        assertTrue(AttributionModels.weigh(ModelSpec.of(ModelKind.LINEAR), CREATED, CLOSE,
                List.of(touch("late", "A", DEMO, -2))).unattributed());
    }

    @Test
    void invalidModelsAreRefused() {
        assertTrue(new ModelSpec(ModelKind.POSITION_BASED, null, null, null,
                Map.of(Position.FIRST, new BigDecimal("0.5"), Position.LAST, new BigDecimal("0.4"), Position.MIDDLE, new BigDecimal("0.2")), null)
                .problems().get(0).contains("sum to exactly 1"));
        assertTrue(ModelSpec.custom(Map.of(DEMO, new BigDecimal("-0.5"), RESALE, new BigDecimal("1.5"))).problems()
                .stream().anyMatch(p -> p.contains("negative")));
        assertThrows(IllegalArgumentException.class, () -> AttributionModels.weigh(
                ModelSpec.custom(Map.of(DEMO, new BigDecimal("0.5"))), CREATED, CLOSE, three));
    }

    @Test
    void sourcedIsTheApprovedRegistrationsPartnerElseTheEarliestReferralOrLead() {
        List<Touch> t = List.of(touch("a", "A", EVENT, 30), touch("r", "B", REFERRAL, 20), touch("l", "C", LEAD_GENERATION, 10));
        assertEquals("D", SourcedRule.sourcedPartner("D", t, List.of("A", "B", "C", "D")).orElseThrow());
        assertEquals("B", SourcedRule.sourcedPartner("X", t, List.of("A", "B", "C")).orElseThrow());
        assertEquals("B", SourcedRule.sourcedPartner(null, t, List.of("A", "B", "C")).orElseThrow());
        assertTrue(SourcedRule.sourcedPartner(null, List.of(touch("a", "A", EVENT, 3)), List.of("A")).isEmpty());
    }
}
