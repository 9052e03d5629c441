package io.partnerflow.analytics.domain;

import io.partnerflow.analytics.domain.dashboard.DashboardRules;
import io.partnerflow.analytics.domain.dashboard.Widget;
import io.partnerflow.analytics.domain.dashboard.WidgetEvaluator;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Dashboard validation (every problem named), relative periods, and the widget evaluation's sums and splits. */
class DashboardRulesTest {

    static Widget w(String metric, String dimension, Widget.Filters f, String period) {
        return new Widget("t", metric, dimension, f, period, "table");
    }

    @Test
    void everyInvalidFieldIsNamedWithItsIndex() {
        List<Widget> widgets = new ArrayList<>();
        widgets.add(w("revenue", "none", null, "2026-Q3"));
        widgets.add(null);
        widgets.add(new Widget(null, "nope", "city", new Widget.Filters("Gold!", "mars", "vendor", "x"), "q3", "pie"));
        assertEquals(List.of("widgets[1]: required", "widgets[2].title: required",
                "widgets[2].metric: one of sourced-revenue, influenced-revenue, revenue, deals-won, earnings, paid",
                "widgets[2].dimension: one of none, partner, tier, region, partner-type, month",
                "widgets[2].chart: one of number, bar, line, table",
                "widgets[2].period: a month like 2026-07, a quarter like 2026-Q3, ttm:2026-09, current-quarter or last-quarter",
                "widgets[2].filters.tier: a tier code: lower-case letters, digits, '-' or '_'",
                "widgets[2].filters.region: one of amer, emea, apac, other",
                "widgets[2].filters.partnerType: one of agent, distributor, msp, referral, reseller, technology",
                "widgets[2].filters.partnerId: a partner id (UUID)"), DashboardRules.problems("ok", widgets, null));
        assertEquals(List.of("name: required", "widgets: at most 20 widgets (got 21)"),
                DashboardRules.problems("", Collections.nCopies(21, w("paid", null, null, "ttm:2026-09")), null));
        String own = "6f1c2b8e-0000-4000-8000-000000000001";
        String other = "6f1c2b8e-0000-4000-8000-000000000002";
        assertEquals(List.of("widgets[0].filters.partnerId: a partner user may only use its own partner id"),
                DashboardRules.problems("x", List.of(w("paid", "none", new Widget.Filters(null, null, null, other), "2026-07")), own));
        assertEquals(List.of(), DashboardRules.problems("x", List.of(w("paid", "none", new Widget.Filters(null, null, null, own), "2026-07")), own));
    }

    @Test
    void relativeQuartersResolveOnTheGivenDay() {
        assertEquals("2026-Q4", DashboardRules.resolve("current-quarter", LocalDate.parse("2026-12-04")).key());
        assertEquals("2026-Q3", DashboardRules.resolve("last-quarter", LocalDate.parse("2026-12-04")).key());
        assertEquals("2025-Q4", DashboardRules.resolve("last-quarter", LocalDate.parse("2026-01-01")).key());
        assertEquals("ttm:2026-09", DashboardRules.resolve("ttm:2026-09", LocalDate.parse("2026-01-01")).key());
    }

    @Test
    void pointsAddUpToTheTotalAndTheScopeKeepsOnlyTheViewersPartner() {
        Period q3 = Period.parse("2026-Q3");
        List<WidgetEvaluator.Row> rows = List.of(row("a", "gold", "amer", "2026-07", "10.01"), row("b", "gold", "emea", "2026-07", "0.02"),
                row("a", "gold", "amer", "2026-09", "5.00"), row("c", "silver", "amer", "2026-08", "99.99"));
        var byMonth = WidgetEvaluator.evaluate(w("paid", "month", new Widget.Filters("gold", null, null, null), "2026-Q3"), q3, rows, "USD", null);
        assertEquals("15.03", byMonth.value());
        assertEquals(List.of("2026-07", "2026-08", "2026-09"), byMonth.points().stream().map(WidgetEvaluator.Point::key).toList());
        assertEquals(List.of("10.03", "0.00", "5.00"), byMonth.points().stream().map(WidgetEvaluator.Point::value).toList());
        assertEquals(2, byMonth.partners());
        var byRegion = WidgetEvaluator.evaluate(w("paid", "region", null, "2026-Q3"), q3, rows, "USD", "a");
        assertEquals("15.01", byRegion.value());
        assertEquals(List.of(new WidgetEvaluator.Point("amer", "amer", "15.01")), byRegion.points());
        var none = WidgetEvaluator.evaluate(w("paid", "none", null, "2026-Q3"), q3, List.of(), "JPY", null);
        assertEquals("0", none.value());
        assertEquals("JPY", none.unit());
    }

    static WidgetEvaluator.Row row(String partner, String tier, String region, String month, String paid) {
        Scorecard card = Scorecard.build(partner, Period.parse(month), "USD",
                List.of(new RateGroup(partner, Metric.PAID, "USD", new BigDecimal(paid), null, LocalDate.parse(month + "-01"))), Map.of());
        return new WidgetEvaluator.Row(partner, partner, tier, region, "reseller", month, card);
    }
}
