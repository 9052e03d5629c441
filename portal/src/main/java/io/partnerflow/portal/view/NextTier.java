package io.partnerflow.portal.view;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateData;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What a partner is missing to reach the next tier: the ladder's next rank above the current one, each of its criteria
 * beside the partner's measured value (partner-service's {@code /tier-metrics}, same metric and window), and the gap.
 * Pure: reads the two service answers, computes nothing but differences (exact decimals).
 */
@TemplateData
public record NextTier(String code, String name, List<Gap> gaps) {

    @TemplateData
    public record Gap(String metric, Integer windowMonths, String have, String need, String missing, String unit, boolean met) {
    }

    /** Empty when the partner is on the top tier, has no tier yet or the ladder has no higher rank. */
    public static Optional<NextTier> of(JsonNode ladder, int currentRank, JsonNode metrics) {
        JsonNode next = null;
        for (JsonNode t : ladder.path("tiers")) {
            int rank = t.path("rank").asInt();
            if (rank > currentRank && (next == null || rank < next.path("rank").asInt())) {
                next = t;
            }
        }
        if (next == null) {
            return Optional.empty();
        }
        List<Gap> gaps = new ArrayList<>();
        for (JsonNode c : next.path("criteria")) {
            String metric = c.path("metric").asText();
            Integer window = c.path("windowMonths").isNumber() ? c.path("windowMonths").asInt() : null;
            BigDecimal need = new BigDecimal(c.path("threshold").asText("0"));
            JsonNode measured = measured(metrics, metric, window);
            BigDecimal have = new BigDecimal(measured.path("value").asText("0"));
            String unit = measured.path("unit").asText("");
            BigDecimal missing = need.subtract(have).max(BigDecimal.ZERO);
            gaps.add(new Gap(label(metric), window, have.toPlainString(), need.toPlainString(), missing.toPlainString(),
                    unit, missing.signum() == 0));
        }
        gaps.sort(Comparator.comparing(Gap::met).thenComparing(Gap::metric));
        return Optional.of(new NextTier(next.path("code").asText(), next.path("name").asText(), gaps));
    }

    private static JsonNode measured(JsonNode metrics, String metric, Integer window) {
        for (JsonNode v : metrics.path("values")) {
            boolean sameWindow = window == null ? !v.path("windowMonths").isNumber() : v.path("windowMonths").asInt(-1) == window;
            if (metric.equals(v.path("metric").asText()) && sameWindow) {
                return v;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static String label(String metric) {
        String s = metric.toLowerCase().replace('_', ' ');
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
