package io.partnerflow.analytics.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pure badge rules and challenge validation/progress. */
class GamificationRulesTest {

    @Test
    void badgesAreAwardedByTheirThresholdsOnlyToPartnersWhoDoNotHoldThemYet() {
        assertEquals(List.of(), BadgeRules.evaluate(new BadgeRules.Standing("p", 0, 2), Set.of()));
        List<BadgeRules.Award> both = BadgeRules.evaluate(new BadgeRules.Standing("p", 1, 3), Set.of());
        assertEquals(List.of("first-won-deal", "certified-3"), both.stream().map(BadgeRules.Award::code).toList());
        assertEquals("first won deal (1 deal won)", both.get(0).reason());
        assertEquals("3 certifications completed (≥ 3)", both.get(1).reason());
        assertEquals(List.of("certified-3"), BadgeRules.evaluate(new BadgeRules.Standing("p", 4, 5), Set.of("first-won-deal"))
                .stream().map(BadgeRules.Award::code).toList());
    }

    @Test
    void topTenPercentOfAQuarterRoundsUpAndBreaksTiesByPartnerId() {
        Map<String, BigDecimal> revenue = new LinkedHashMap<>();
        for (int i = 0; i < 11; i++) {
            revenue.put("p" + (char) ('a' + i), new BigDecimal("100.00"));
        }
        revenue.put("zero", BigDecimal.ZERO);
        List<BadgeRules.Award> top = BadgeRules.topOfQuarter(Period.parse("2026-Q1"), revenue, "USD");
        // 11 ranked partners → ceil(1.1) = 2 badges; all tied → the two lowest partner ids
        assertEquals(List.of("pa", "pb"), top.stream().map(BadgeRules.Award::partnerId).toList());
        assertEquals("top-10-percent-2026-Q1", top.get(0).code());
        assertEquals("rank 2 of 11 by revenue in 2026-Q1 (100.00 USD)", top.get(1).reason());
    }

    @Test
    void aChallengeDraftNamesEveryInvalidField() {
        List<String> problems = Challenge.problems(new Challenge.Draft(" ", LocalDate.of(2026, 10, 1), LocalDate.of(2026, 9, 30),
                "likes", "2.5", "-1", "XXX"), "USD");
        assertEquals(List.of("name: required", "to: on or after from", "goal.metric: one of [deals-won, new-logo-deals, sourced-revenue]",
                "award.currency: an ISO 4217 currency code like USD", "award.amount: a positive decimal amount like 500.00"), problems);
        assertEquals(List.of("goal.target: a whole number for deals-won", "award.amount: at most 0 decimals for JPY"),
                Challenge.problems(new Challenge.Draft("Q4", LocalDate.of(2026, 10, 1), LocalDate.of(2026, 12, 31), "deals-won", "2.5",
                        "100.5", "JPY"), "USD"));
        assertEquals(List.of("to: a challenge spans at most 366 days"), Challenge.problems(new Challenge.Draft("long",
                LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 2), "sourced-revenue", "1000.00", "10", "EUR"), "USD"));
        assertEquals(List.of(), Challenge.problems(new Challenge.Draft("3 new logos in Q4", LocalDate.of(2026, 10, 1),
                LocalDate.of(2026, 12, 31), "new-logo-deals", "3", "500.00", "EUR"), "USD"));
    }

    @Test
    void progressIsCappedAtOneHundredPercentAndReachedAtTheTarget() {
        Challenge c = Challenge.of("c", new Challenge.Draft("Q4", LocalDate.of(2026, 10, 1), LocalDate.of(2026, 12, 31),
                "deals-won", "3", "500", "EUR"));
        assertEquals("500.00", c.award().amountString());
        assertEquals(LocalDate.of(2027, 1, 1), c.window().toExclusive());
        Challenge.Progress two = c.progress("p", new BigDecimal("2"));
        assertEquals(new BigDecimal("66.6"), two.percent());
        assertFalse(two.reached());
        Challenge.Progress four = c.progress("p", new BigDecimal("4"));
        assertEquals(new BigDecimal("100.0"), four.percent());
        assertTrue(four.reached());
    }
}
