package io.partnerflow.portal.view;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * A saved dashboard's figures (analytics-service {@code GET /dashboards/{id}/figures} or one event of its stream) as
 * the page shows them: money at the currency's scale with its code, counts as they are, and for bar/line charts the
 * share of the largest point (a CSS bar width, 0–100) — exact decimals, never a double.
 */
public record DashboardFigures(String id, String name, List<Widget> widgets) {

    public record Widget(String title, String chart, String metric, String dimension, String period, String value,
                         List<Point> points, int incomplete) {
        public boolean bars() {
            return "bar".equals(chart) || "line".equals(chart);
        }
    }

    public record Point(String label, String value, int percent) {
    }

    public static DashboardFigures of(JsonNode figures) {
        List<Widget> widgets = new ArrayList<>();
        for (JsonNode w : figures.path("widgets")) {
            String unit = w.path("unit").asText("count");
            List<JsonNode> raw = new ArrayList<>();
            w.path("points").forEach(raw::add);
            BigDecimal max = raw.stream().map(p -> new BigDecimal(p.path("value").asText("0")).abs())
                    .reduce(BigDecimal.ZERO, BigDecimal::max);
            List<Point> points = new ArrayList<>();
            for (JsonNode p : raw) {
                BigDecimal v = new BigDecimal(p.path("value").asText("0"));
                int percent = max.signum() == 0 ? 0
                        : v.abs().multiply(BigDecimal.valueOf(100)).divide(max, 0, RoundingMode.HALF_UP).intValue();
                points.add(new Point(p.path("label").asText(p.path("key").asText()), text(p.path("value").asText("0"), unit), percent));
            }
            widgets.add(new Widget(w.path("title").asText(), w.path("chart").asText("number"), w.path("metric").asText(),
                    w.path("dimension").asText("none"), w.path("period").asText(), text(w.path("value").asText("0"), unit),
                    points, w.path("incomplete").asInt(0)));
        }
        return new DashboardFigures(figures.path("id").asText(), figures.path("name").asText(), widgets);
    }

    private static String text(String value, String unit) {
        return "count".equals(unit) ? value : Amount.of(value, unit).text();
    }
}
