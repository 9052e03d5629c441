package io.partnerflow.portal.view;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateData;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The forecast as a horizontal interval chart drawn in SVG on the server (no script, readable without one): per
 * partner a bar to the forecast and a whisker from the interval's low to its high end, on one scale. Only positions
 * are computed here (in SVG units); the figures shown are the service's own amounts.
 */
@TemplateData
public record ForecastChart(int width, int height, List<Bar> bars) {
    private static final int LABEL = 220;
    private static final int ROW = 22;
    private static final int PLOT = 420;

    @TemplateData
    public record Bar(String label, String text, int textY, int rectY, int lineY, int x, int barWidth, int lowX, int highX, int valueX) {
    }

    /** {@code rows}: the service's per-partner scores ({@code forecast}, {@code forecastLow}, {@code forecastHigh}). */
    public static ForecastChart of(List<JsonNode> rows, java.util.function.Function<String, String> name) {
        BigDecimal max = BigDecimal.ZERO;
        for (JsonNode r : rows) {
            max = max.max(amount(r.path("forecastHigh"))).max(amount(r.path("forecast")));
        }
        List<Bar> bars = new ArrayList<>();
        int y = 4;
        for (JsonNode r : rows) {
            BigDecimal f = amount(r.path("forecast"));
            String text = Amount.of(f.toPlainString(), r.path("forecast").path("currency").asText("XXX")).text();
            int high = LABEL + scale(amount(r.path("forecastHigh")), max);
            bars.add(new Bar(name.apply(r.path("partnerId").asText()), text, y + 15, y + 4, y + 10, LABEL, scale(f, max),
                    LABEL + scale(amount(r.path("forecastLow")), max), high, high + 6));
            y += ROW;
        }
        return new ForecastChart(LABEL + PLOT + 140, y + 4, bars);
    }

    private static int scale(BigDecimal v, BigDecimal max) {
        if (max.signum() <= 0 || v.signum() <= 0) {
            return 0;
        }
        return v.multiply(BigDecimal.valueOf(PLOT)).divide(max, MathContext.DECIMAL64).intValue();
    }

    private static BigDecimal amount(JsonNode money) {
        return money.isMissingNode() || money.isNull() ? BigDecimal.ZERO : new BigDecimal(money.path("amount").asText("0"));
    }
}
