package io.partnerflow.partner.domain;

import io.partnerflow.partner.domain.tier.Criterion;
import io.partnerflow.partner.domain.tier.Ladder;
import io.partnerflow.partner.domain.tier.MetricKind;
import io.partnerflow.partner.domain.tier.Tier;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static io.partnerflow.partner.domain.Ladders.certified;
import static io.partnerflow.partner.domain.Ladders.revenue;
import static io.partnerflow.partner.domain.Ladders.won;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LadderValidationTest {

    @Test
    void aMonotoneLadderIsValid() {
        assertEquals(List.of(), Ladder.validate(Ladders.tiers(), 30, "USD"));
    }

    @Test
    void refusesAHigherTierAskingLessThanTheOneBelow() {
        List<Tier> tiers = new ArrayList<>(Ladders.tiers());
        tiers.set(2, new Tier("gold", "Gold", 2, List.of(), List.of(revenue("5000.00"), won(3), certified(1))));
        List<String> errors = Ladder.validate(tiers, 30, "USD");
        assertTrue(errors.stream().anyMatch(e -> e.contains("not monotone") && e.contains("gold")), errors.toString());
    }

    @Test
    void refusesAHigherTierDroppingACriterionOfTheOneBelow() {
        List<Tier> tiers = new ArrayList<>(Ladders.tiers());
        tiers.set(3, new Tier("platinum", "Platinum", 3, List.of(), List.of(revenue("200000.00"), won(5))));
        assertTrue(Ladder.validate(tiers, 30, "USD").stream().anyMatch(e -> e.contains("lacks")));
        // …or measuring it over another window.
        tiers.set(3, new Tier("platinum", "Platinum", 3, List.of(), List.of(
                new Criterion(MetricKind.ATTRIBUTED_REVENUE, new BigDecimal("200000"), 6), won(5), certified(2))));
        assertTrue(Ladder.validate(tiers, 30, "USD").stream().anyMatch(e -> e.contains("lacks")));
    }

    @Test
    void refusesGapsDuplicatesEntryCriteriaAndBadThresholds() {
        List<String> errors = Ladder.validate(List.of(
                new Tier("registered", "Registered", 0, List.of(), List.of(won(1))),
                new Tier("Silver!", "Silver", 2, List.of(), List.of(won(1),
                        new Criterion(MetricKind.CERTIFIED_PEOPLE, new BigDecimal("1.5"), 3),
                        new Criterion(MetricKind.ATTRIBUTED_REVENUE, new BigDecimal("10.001"), 0)))), -1, "USD");
        String all = String.join("\n", errors);
        assertTrue(all.contains("entry tier"), all);
        assertTrue(all.contains("ranks"), all);
        assertTrue(all.contains("tier code"), all);
        assertTrue(all.contains("whole number"), all);
        assertTrue(all.contains("takes no window"), all);
        assertTrue(all.contains("needs a window"), all);
        assertTrue(all.contains("more decimals"), all);
        assertTrue(all.contains("demotionGraceDays"), all);
        assertEquals(List.of("a ladder needs at least one tier"), Ladder.validate(List.of(), 0, "USD"));
    }
}
