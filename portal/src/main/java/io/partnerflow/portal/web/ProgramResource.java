package io.partnerflow.portal.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.partnerflow.portal.auth.User;
import io.partnerflow.portal.client.ServiceError;
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
import java.util.List;
import java.util.regex.Pattern;

/** The channel-manager view: a leaderboard and the segments, from analytics-service. */
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
        JsonNode board = pages.services.get("analytics", "/leaderboards/" + m + "?period=" + p + "&limit=20", u.token());
        JsonNode segments = null;
        String segmentsMissing = null;
        try {
            segments = pages.services.get("analytics", "/segments", u.token());
        } catch (ServiceError e) {
            segmentsMissing = e.detail();
        }
        return program.data("user", u).data("metric", m).data("metrics", METRICS).data("period", p).data("board", board)
                .data("segments", segments).data("segmentsMissing", segmentsMissing).render();
    }
}
