package io.partnerflow.portal.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.partnerflow.portal.auth.User;
import io.partnerflow.portal.client.ServiceError;
import io.partnerflow.portal.view.ForecastChart;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import java.time.LocalDate;
import java.time.ZoneOffset;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The channel-manager view, from analytics-service: a leaderboard, the segments with reasons, the partners most at risk
 * next quarter (score, model version, what drives it) and the revenue forecast with its interval (program and per
 * partner, as a chart) and MDF ROI (per partner and the program: does MDF pay off?). Names from partner-service. Each part but the leaderboard fails on its own.
 */
@Path("/program")
@Blocking
public class ProgramResource {
    static final List<String> METRICS = List.of("sourced-revenue", "influenced-revenue", "revenue", "deals-won", "earnings", "paid");
    private static final Pattern PERIOD = Pattern.compile("\\d{4}-(Q[1-4]|\\d{2})");

    private final Pages pages;
    private final Template program;

    public ProgramResource(Pages pages, @Location("program.html") Template program) {
        this.pages = pages;
        this.program = program;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public String page(@QueryParam("metric") String metric, @QueryParam("period") String period, @Context HttpHeaders headers) {
        User u = pages.user(headers);
        String m = metric == null || metric.isBlank() ? "sourced-revenue" : metric;
        if (!METRICS.contains(m)) {
            throw new ServiceError("portal", 400, "Bad Request", "metric: one of " + METRICS);
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String p = period == null || period.isBlank() ? today.getYear() + "-Q" + ((today.getMonthValue() - 1) / 3 + 1) : period.trim();
        if (!PERIOD.matcher(p).matches()) {
            throw new ServiceError("portal", 400, "Bad Request", "period: a quarter like 2026-Q4 or a month like 2026-11");
        }
        String metricPath = "/leaderboards/" + m + "?period=" + p + "&limit=20";
        var boardCall = Parallel.async(() -> pages.services.get("analytics", metricPath, u.token()));
        var segmentsCall = Parallel.async(() -> soft(() -> pages.services.get("analytics", "/segments", u.token())));
        var atRiskCall = Parallel.async(() -> soft(() -> pages.services.get("analytics", "/predictions/at-risk?limit=10", u.token())));
        var forecastCall = Parallel.async(() -> soft(() -> pages.services.get("analytics", "/predictions/forecast?limit=15", u.token())));
        var mdfCall = Parallel.async(() -> soft(() -> pages.services.get("analytics", "/mdf-roi?period=" + p, u.token())));
        var namesCall = Parallel.async(() -> soft(() -> pages.services.get("partner", "/partners?size=500", u.token())));
        JsonNode board = Parallel.join(boardCall);
        Answer segments = Parallel.join(segmentsCall);
        Answer atRisk = Parallel.join(atRiskCall);
        Answer forecast = Parallel.join(forecastCall);
        Answer names = Parallel.join(namesCall);
        Answer mdf = Parallel.join(mdfCall);
        Map<String, String> name = new HashMap<>();
        if (names.json() != null) {
            names.json().path("items").forEach(n -> name.put(n.path("id").asText(), n.path("name").asText()));
        }
        List<JsonNode> forecastRows = new ArrayList<>();
        if (forecast.json() != null) {
            forecast.json().path("partners").forEach(forecastRows::add);
        }
        return program.data("user", u).data("metric", m).data("metrics", METRICS).data("period", p).data("board", board)
                .data("segments", segments.json()).data("segmentsMissing", segments.missing())
                .data("atRisk", atRisk.json()).data("atRiskMissing", atRisk.missing())
                .data("forecast", forecast.json()).data("forecastMissing", forecast.missing())
                .data("mdf", mdf.json()).data("mdfMissing", mdf.missing())
                .data("chart", ForecastChart.of(forecastRows, id -> name.getOrDefault(id, id)))
                .data("names", name).render();
    }

    /** A part of the page that may be missing (its message instead). */
    record Answer(JsonNode json, String missing) {
    }

    private static Answer soft(java.util.function.Supplier<JsonNode> call) {
        try {
            return new Answer(call.get(), null);
        } catch (ServiceError e) {
            if (e.status() == 401) {
                throw e;
            }
            return new Answer(null, e.status() >= 500 ? e.service() + "-service is not answering" : e.detail());
        }
    }
}
