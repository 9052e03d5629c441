package io.partnerflow.infra.demo;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * After the history: lets analytics-service catch up, triggers its staff endpoints (segment evaluation, quarter
 * badges, model training) and prints segments, the revenue leaderboard's top 5, the 5 most at-risk partners with their
 * drivers, the program forecast and the backtest. Everything printed is read back from analytics-service.
 */
final class DemoAnalytics {
    private final DemoClient api;
    private final String token;
    private final Map<String, String> names;
    private final PrintStream out;
    final Map<String, Object> results = new LinkedHashMap<>();

    DemoAnalytics(DemoClient api, String staffToken, Map<String, String> partnerNames, PrintStream out) {
        this.api = api;
        this.token = staffToken;
        this.names = partnerNames;
        this.out = out;
    }

    /** Waits (≤ 90 s) until the quarter's revenue leaderboard stops changing, then evaluates and trains. */
    void trigger(String quarter) {
        String last = null;
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (System.nanoTime() < deadline) {
            DemoClient.Reply r = api.get("analytics", "/leaderboards/revenue?period=" + quarter + "&limit=1000", token);
            String now = r.ok() ? r.body().path("entries").toString() : null;
            if (now != null && now.equals(last) && now.length() > 2) {
                break;
            }
            last = now;
            DemoClient.sleep(3000);
        }
        JsonNode seg = api.post("analytics", "/segments/evaluations?period=" + quarter, token, Map.of()).expectOk("segment evaluation").body();
        out.printf("    segments %s: %d evaluated, %d changed%n", quarter, seg.path("evaluated").asInt(), seg.path("changed").asInt());
        JsonNode badges = api.post("analytics", "/badges/evaluations?period=" + quarter, token, Map.of()).expectOk("badge evaluation").body();
        out.printf("    quarter badges %s: %d awarded%n", quarter, badges.path("awarded").asInt());
        JsonNode model = api.post("analytics", "/predictions/models?through=" + quarter, token, Map.of()).expectOk("model training").body();
        out.printf("    model v%d trained through %s on %d rows, %d partners scored for %s%n", model.path("modelVersion").asInt(),
                model.path("through").asText(), model.path("trainingRows").asInt(), model.path("scored").asInt(), model.path("target").asText());
    }

    void print(String quarter) {
        out.println("================================ Analytics (analytics-service) ===========================");
        segments();
        leaderboard(quarter);
        atRisk();
        forecast();
        backtest(api, token, quarter, out);
        out.println("(the life cycle in brackets is the generator's parameter, shown to compare; analytics never sees it)");
        out.println("===========================================================================================");
    }

    private void segments() {
        JsonNode all = api.get("analytics", "/segments", token).expectOk("segments").body();
        Map<String, Integer> counts = new TreeMap<>();
        Map<String, String> example = new TreeMap<>();
        for (JsonNode a : all) {
            String seg = a.path("segmentName").asText(a.path("segment").asText());
            counts.merge(seg, 1, Integer::sum);
            if (example.size() < 2 && !example.containsKey(seg)) {
                example.put(seg, name(a.path("partnerId").asText()) + ": " + a.path("reason").asText());
            }
        }
        results.put("segments", counts);
        out.println("Segments: " + counts);
        example.forEach((seg, why) -> out.printf("  e.g. %s — %s%n", seg, why));
    }

    private void leaderboard(String quarter) {
        JsonNode b = api.get("analytics", "/leaderboards/revenue?period=" + quarter + "&limit=5", token).expectOk("leaderboard").body();
        out.printf("Revenue leaderboard %s (top 5, %s):%n", quarter, b.path("unit").asText(b.path("currency").asText()));
        for (JsonNode r : b.path("entries")) {
            out.printf("  %2d. %-52s %,16.2f%n", r.path("rank").asInt(), name(r.path("partnerId").asText()), new java.math.BigDecimal(r.path("value").asText("0")));
        }
    }

    private void atRisk() {
        JsonNode l = api.get("analytics", "/predictions/at-risk?limit=5", token).expectOk("at-risk").body();
        out.printf("Most at risk in %s (model v%s):%n", l.path("quarter").asText(), l.path("modelVersion").asText());
        for (JsonNode s : l.path("partners")) {
            StringBuilder drivers = new StringBuilder();
            for (JsonNode d : s.path("drivers")) {
                drivers.append(drivers.isEmpty() ? "" : ", ").append(d.path("feature").asText()).append('=')
                        .append(d.path("value").asText()).append(" (").append(d.path("contribution").asText()).append(')');
            }
            out.printf("  %-52s p=%s  drivers: %s%n", name(s.path("partnerId").asText()), s.path("atRisk").asText(), drivers);
        }
    }

    private void forecast() {
        JsonNode f = api.get("analytics", "/predictions/forecast?limit=1", token).expectOk("forecast").body();
        JsonNode p = f.path("program");
        out.printf("Program forecast %s: %s %s (%s %% interval %s … %s, %s partners)%n", f.path("quarter").asText(),
                p.path("forecast").path("amount").asText(), p.path("forecast").path("currency").asText(),
                Math.round(p.path("intervalLevel").asDouble() * 100), p.path("low").path("amount").asText(),
                p.path("high").path("amount").asText(), p.path("partners").asText());
    }

    /** Prints analytics-service's backtest through {@code quarter} (used by the demo and by the launcher's {@code backtest}). */
    static JsonNode backtest(DemoClient api, String token, String quarter, PrintStream out) {
        JsonNode b = api.get("analytics", "/predictions/backtest" + (quarter == null ? "" : "?through=" + quarter), token)
                .expectOk("backtest").body();
        out.printf("Backtest: trained through %s (%d rows), tested on %s (%d partners, %d at risk)%n", b.path("trainedThrough").asText(),
                b.path("trainingRows").asInt(), b.path("tested").asText(), b.path("testRows").asInt(), b.path("atRiskInTest").asInt());
        out.printf("  at-risk AUC  %s   naive (%s): %s%n", b.path("auc").asText(), b.path("baselineAtRisk").asText(), b.path("baselineAuc").asText());
        out.printf("  forecast MAPE %s %%   naive (%s): %s %%  (%d partners with revenue)%n", b.path("mape").asText(),
                b.path("baselineForecast").asText(), b.path("baselineMape").asText(), b.path("forecastRows").asInt());
        return b;
    }

    private String name(String partnerId) {
        return names.getOrDefault(partnerId, partnerId);
    }
}
