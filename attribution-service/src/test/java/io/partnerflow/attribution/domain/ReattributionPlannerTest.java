package io.partnerflow.attribution.domain;

import io.partnerflow.attribution.domain.CreditSplit.Line;
import io.partnerflow.attribution.domain.ReattributionPlanner.DealInput;
import io.partnerflow.attribution.domain.ReattributionPlanner.DealPlan;
import io.partnerflow.attribution.domain.ReattributionPlanner.PartnerDelta;
import io.partnerflow.core.money.Money;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static io.partnerflow.attribution.domain.AttributionModelsTest.CLOSE;
import static io.partnerflow.attribution.domain.AttributionModelsTest.CREATED;
import static io.partnerflow.attribution.domain.AttributionModelsTest.touch;
import static io.partnerflow.attribution.domain.TouchType.DEMO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReattributionPlannerTest {
    static final List<Touch> TOUCHES = List.of(touch("1", "A", DEMO, 3), touch("2", "B", DEMO, 2));

    static DealInput deal(String id, Map<String, BigDecimal> before, boolean sameModel) {
        return new DealInput(id, "att-" + id, "EUR", sameModel, CREATED, CLOSE, TOUCHES,
                List.of(new Line(1, Money.of("90.01", "EUR"))), before);
    }

    @Test
    void aDealWhoseCreditsChangeIsPlannedWithExactDeltasPerPartner() {
        DealPlan p = ReattributionPlanner.plan(ModelSpec.of(ModelKind.FIRST_TOUCH),
                deal("d1", Map.of("A", new BigDecimal("45.01"), "B", new BigDecimal("45.00")), false));
        assertTrue(p.changed());
        assertEquals(Map.of("A", new BigDecimal("90.01")), p.after());
        ReattributionPlanner.Preview preview = new ReattributionPlanner.Preview();
        preview.add(p);
        assertEquals(List.of(new PartnerDelta("A", "EUR", new BigDecimal("45.01"), new BigDecimal("90.01"), new BigDecimal("45.00")),
                new PartnerDelta("B", "EUR", new BigDecimal("45.00"), BigDecimal.ZERO, new BigDecimal("-45.00"))), preview.partners());
        assertEquals(Map.of("EUR", new BigDecimal("45.00")), preview.moved());
        assertEquals(1, preview.changed());
    }

    @Test
    void theSameCreditsUnderTheSameModelAreUnchangedAndTheDigestFollowsTheData() {
        DealPlan same = ReattributionPlanner.plan(ModelSpec.of(ModelKind.FIRST_TOUCH),
                deal("d1", Map.of("A", new BigDecimal("90.010000"), "B", BigDecimal.ZERO), true));
        assertFalse(same.changed(), "scale and zero credits do not count as a change");
        ReattributionPlanner.Preview one = new ReattributionPlanner.Preview();
        one.add(same);
        ReattributionPlanner.Preview again = new ReattributionPlanner.Preview();
        again.add(ReattributionPlanner.plan(ModelSpec.of(ModelKind.FIRST_TOUCH),
                deal("d1", Map.of("A", new BigDecimal("90.010000"), "B", BigDecimal.ZERO), true)));
        assertEquals(one.digest(), again.digest());
        assertEquals(1, one.unchanged());
        assertEquals(List.of(), one.partners());
        ReattributionPlanner.Preview moved = new ReattributionPlanner.Preview();
        moved.add(ReattributionPlanner.plan(ModelSpec.of(ModelKind.FIRST_TOUCH),
                deal("d1", Map.of("A", new BigDecimal("45.01"), "B", new BigDecimal("45.00")), true)));
        assertNotEquals(one.digest(), moved.digest());
    }
}
