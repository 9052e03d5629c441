package io.partnerflow.portal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.partnerflow.portal.view.DashboardFigures;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A dashboard's figures as shown: money at currency scale with its code, counts as they are, bar widths exact. */
class DashboardFiguresTest {

    @Test
    void moneyIsShownAtCurrencyScaleAndBarsAreSharesOfTheLargestPoint() throws Exception {
        DashboardFigures f = DashboardFigures.of(new ObjectMapper().readTree(FakeServices.figures("1750.40")));
        assertEquals("Q3 revenue", f.name());
        assertEquals(List.of("1,750.40 USD", "1,250.35 USD", "3"), f.widgets().stream().map(DashboardFigures.Widget::value).toList());
        DashboardFigures.Widget byPartner = f.widgets().get(1);
        assertEquals(List.of(new DashboardFigures.Point("Northwind", "1,000.10 USD", 100), new DashboardFigures.Point("Contoso", "250.25 USD", 25)),
                byPartner.points());
        assertEquals(1, byPartner.incomplete());
        assertEquals(true, byPartner.bars());
        assertEquals(false, f.widgets().get(2).bars());
        DashboardFigures jpy = DashboardFigures.of(new ObjectMapper().readTree(
                "{\"widgets\":[{\"unit\":\"JPY\",\"value\":\"150000\",\"chart\":\"line\",\"points\":[{\"key\":\"2026-07\",\"value\":\"0\"}]}]}"));
        assertEquals("150,000 JPY", jpy.widgets().get(0).value());
        assertEquals(new DashboardFigures.Point("2026-07", "0 JPY", 0), jpy.widgets().get(0).points().get(0));
    }
}
