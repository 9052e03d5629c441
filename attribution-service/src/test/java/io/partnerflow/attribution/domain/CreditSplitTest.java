package io.partnerflow.attribution.domain;

import io.partnerflow.attribution.domain.CreditSplit.Line;
import io.partnerflow.attribution.domain.CreditSplit.PartnerCredit;
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

class CreditSplitTest {
    static Money eur(String a) {
        return Money.of(a, "EUR");
    }

    @Test
    void threeEqualPartnersSplitEveryLineExactlyWithTheExtraCentToTheLowestPartnerId() {
        var w = AttributionModels.weigh(ModelSpec.of(ModelKind.LINEAR), CREATED, CLOSE,
                List.of(touch("1", "p-c", DEMO, 3), touch("2", "p-a", DEMO, 2), touch("3", "p-b", DEMO, 1)));
        List<PartnerCredit> credits = CreditSplit.split(w, List.of(new Line(1, eur("100.00")), new Line(2, eur("0.01"))));
        assertEquals(List.of("p-a", "p-b", "p-c"), credits.stream().map(PartnerCredit::partnerId).toList());
        assertEquals(Map.of(1, eur("33.34"), 2, eur("0.01")), credits.get(0).lines());
        assertEquals(Map.of(1, eur("33.33"), 2, eur("0.00")), credits.get(1).lines());
        assertEquals(eur("33.35"), credits.get(0).amount());
        assertEquals(new BigDecimal("0.33333334"), credits.get(0).wireWeight());
        assertEquals(new BigDecimal("0.33333333"), credits.get(2).wireWeight());
    }

    @Test
    void partnersTheModelGivesNothingAreNotCredited() {
        var w = AttributionModels.weigh(ModelSpec.of(ModelKind.FIRST_TOUCH), CREATED, CLOSE,
                List.of(touch("1", "A", DEMO, 3), touch("2", "B", DEMO, 2)));
        List<PartnerCredit> credits = CreditSplit.split(w, List.of(new Line(1, eur("90.00"))));
        assertEquals(List.of("A"), credits.stream().map(PartnerCredit::partnerId).toList());
        assertEquals(new BigDecimal("1.00000000"), credits.get(0).wireWeight());
    }

    @Test
    void touchesOfOnePartnerAggregateIntoOneCredit() {
        var w = AttributionModels.weigh(ModelSpec.of(ModelKind.LINEAR), CREATED, CLOSE,
                List.of(touch("1", "A", DEMO, 3), touch("2", "B", DEMO, 2), touch("3", "A", DEMO, 1)));
        List<PartnerCredit> credits = CreditSplit.split(w, List.of(new Line(1, eur("90.00"))));
        assertEquals(2, credits.size());
        assertEquals(eur("60.00"), credits.get(0).amount());
        assertEquals(2, credits.get(0).touches().size());
    }

    @Test
    void aReversalIsProportionalToTheOriginalLineCreditsAndSumsExactly() {
        var w = AttributionModels.weigh(ModelSpec.of(ModelKind.LINEAR), CREATED, CLOSE,
                List.of(touch("1", "A", DEMO, 3), touch("2", "B", DEMO, 2), touch("3", "C", DEMO, 1)));
        List<PartnerCredit> credits = CreditSplit.split(w, List.of(new Line(1, eur("1000.00")), new Line(2, eur("500.00"))));
        Map<String, Map<Integer, Money>> rev = CreditSplit.reverse(credits, List.of(new Line(2, eur("-100.00"))));
        assertEquals(eur("-33.34"), rev.get("A").get(2));
        assertEquals(eur("-33.33"), rev.get("B").get(2));
        assertEquals(eur("-33.33"), rev.get("C").get(2));
    }
}
