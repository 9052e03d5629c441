package io.partnerflow.analytics.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SegmentEvaluatorTest {
    static final SegmentRuleSet DEFAULTS = new SegmentRuleSet(1, List.of(
            new SegmentRule("top-performers", "Top performers", "revenue", null, null, 10),
            new SegmentRule("rising-stars", "Rising stars", "revenue-growth-qoq", "gt", new BigDecimal("50"), null),
            new SegmentRule("dormant", "Dormant", "days-since-last-deal", "gte", new BigDecimal("90"), null)),
            "steady", "Steady");

    static SegmentEvaluator.Figures f(String id, String revenue, String previous, Long days) {
        return new SegmentEvaluator.Figures(id, new BigDecimal(revenue), new BigDecimal(previous), 1, days);
    }

    @Test
    void theFirstPassingRuleAssignsAndTheReasonNamesTheFigures() {
        List<SegmentEvaluator.Figures> partners = new ArrayList<>();
        for (int i = 0; i < 18; i++) {
            partners.add(f("p" + (char) ('a' + i), "100.00", "100.00", 5L));
        }
        partners.add(f("rising", "164.00", "100.00", 3L));          // +64 %
        partners.add(f("top", "5000.00", "3000.00", 1L));           // top 10 % of 20 = 2: top and rising? no: rising is 164
        partners.add(f("dormant", "0.00", "0.00", 120L));
        partners.add(f("never", "0.00", "0.00", null));
        Map<String, SegmentEvaluator.Assignment> a = SegmentEvaluator.evaluate(DEFAULTS, partners, "USD");

        assertEquals("top-performers", a.get("top").code());
        assertEquals("top 10 % by revenue (revenue 5000.00 USD, rank 1 of 20), also revenue growth +67 % QoQ (3000.00 → 5000.00 USD) (> 50 %)",
                a.get("top").reason());
        // 19 positive partners + top = 20 ranked → 2 taken: top (5000) and rising (164)
        assertEquals("top-performers", a.get("rising").code());
        assertTrue(a.get("rising").reason().contains("also revenue growth +64 % QoQ (100.00 → 164.00 USD)"), a.get("rising").reason());
        assertEquals("dormant", a.get("dormant").code());
        assertEquals("no won deal in 120 days (≥ 90 days)", a.get("dormant").reason());
        assertEquals("dormant", a.get("never").code());
        assertEquals("no won deal yet", a.get("never").reason());
        assertEquals("steady", a.get("pa").code());
        assertEquals("no rule of rule set v1 applies", a.get("pa").reason());
    }

    @Test
    void percentileTiesAreBrokenByPartnerIdAndZeroFiguresAreNeverTop() {
        SegmentRuleSet set = new SegmentRuleSet(3, List.of(new SegmentRule("top", "Top", "deals-won", null, null, 50)), "rest", "Rest");
        List<SegmentEvaluator.Figures> partners = List.of(
                new SegmentEvaluator.Figures("b", BigDecimal.ZERO, BigDecimal.ZERO, 4, 1L),
                new SegmentEvaluator.Figures("a", BigDecimal.ZERO, BigDecimal.ZERO, 4, 1L),
                new SegmentEvaluator.Figures("c", BigDecimal.ZERO, BigDecimal.ZERO, 4, 1L),
                new SegmentEvaluator.Figures("z", BigDecimal.ZERO, BigDecimal.ZERO, 0, null));
        Map<String, SegmentEvaluator.Assignment> a = SegmentEvaluator.evaluate(set, partners, "USD");
        // 3 positive → ceil(1.5) = 2: a and b (ties by id), not c, never z
        assertEquals(List.of("top", "top", "rest", "rest"), List.of(a.get("a").code(), a.get("b").code(), a.get("c").code(), a.get("z").code()));
    }

    @Test
    void invalidRulesAreRefusedFieldByField() {
        SegmentRuleSet bad = new SegmentRuleSet(0, List.of(
                new SegmentRule("Top!", "", "likes", "gt", new BigDecimal("1"), 10),
                new SegmentRule("dormant", "Dormant", "days-since-last-deal", "eq", null, null),
                new SegmentRule("dormant", "Again", "revenue", null, null, 0)), "dormant", "");
        List<String> p = bad.problems();
        assertTrue(p.contains("rules[0].code: lower-case letters, digits and '-', starting with a letter, at most 40"), p.toString());
        assertTrue(p.contains("rules[0].name: required, at most 100 characters"), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("rules[0].metric: one of")), p.toString());
        assertTrue(p.contains("rules[0].condition: either op + value (a threshold) or topPercent (a percentile), not both"), p.toString());
        assertTrue(p.contains("rules[1].op: one of gt, gte, lt, lte"), p.toString());
        assertTrue(p.contains("rules[1].value: required with op"), p.toString());
        assertTrue(p.contains("rules[2].topPercent: between 1 and 100"), p.toString());
        assertTrue(p.contains("rules[2].code: 'dormant' is used twice"), p.toString());
        assertTrue(p.contains("defaultCode: 'dormant' is also a rule's code"), p.toString());
        assertTrue(DEFAULTS.problems().isEmpty());
    }

    @Test
    void aNullRuleIsAProblemOfThatRuleNotAnError() {
        List<SegmentRule> rules = new java.util.ArrayList<>();
        rules.add(null);
        rules.add(new SegmentRule("top", "Top", "deals-won", null, null, 50));
        List<String> p = new SegmentRuleSet(0, rules, "rest", "Rest").problems();
        assertEquals(List.of("rules[0]: required"), p);
    }

    static final SegmentRuleSet WITH_SCORES = new SegmentRuleSet(2, List.of(
            new SegmentRule("top-performers", "Top performers", "revenue", null, null, 10),
            new SegmentRule("at-risk", "At risk", "at-risk-probability", "gte", new BigDecimal("0.6"), null),
            new SegmentRule("struggling", "Struggling", "revenue-growth-qoq", "lt", new BigDecimal("-30"), null)),
            "steady", "Steady");

    static SegmentEvaluator.Figures scored(String id, String revenue, String previous, String atRisk) {
        return new SegmentEvaluator.Figures(id, new BigDecimal(revenue), new BigDecimal(previous), 1, 10L,
                atRisk == null ? null : new BigDecimal(atRisk), atRisk == null ? null : 7);
    }

    @Test
    void atRiskReadsTheLatestModelsScoreAndNamesItsVersionStrugglingNamesTheFall() {
        List<SegmentEvaluator.Figures> partners = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            partners.add(scored("p" + i, "100000.00", "100000.00", "0.1000"));
        }
        partners.add(scored("risky", "60.00", "100.00", "0.7312"));     // also fell 40 %
        partners.add(scored("falling", "60.00", "100.00", "0.2000"));
        partners.add(scored("edge", "70.00", "100.00", "0.6000"));      // -30 % is not below -30; 0.6 is ≥ 0.6
        partners.add(scored("unscored", "10.00", "0.00", null));         // no score, no previous revenue: nothing applies
        Map<String, SegmentEvaluator.Assignment> a = SegmentEvaluator.evaluate(WITH_SCORES, partners, "USD");
        assertEquals("at-risk", a.get("risky").code());
        assertEquals("at-risk probability 0.7312 (prediction model v7) (≥ 0.6), also revenue growth -40 % QoQ (100.00 → 60.00 USD) (< -30 %)",
                a.get("risky").reason());
        assertEquals("struggling", a.get("falling").code());
        assertEquals("revenue growth -40 % QoQ (100.00 → 60.00 USD) (< -30 %)", a.get("falling").reason());
        assertEquals("at-risk", a.get("edge").code());
        assertEquals("at-risk probability 0.6000 (prediction model v7) (≥ 0.6)", a.get("edge").reason());
        assertEquals("steady", a.get("unscored").code());
        assertTrue(new SegmentRule("x", "X", "at-risk-probability", "gte", BigDecimal.ONE, null).problems("r: ").isEmpty());
    }
}
