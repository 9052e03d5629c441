package io.partnerflow.portal.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.partnerflow.portal.auth.User;
import io.partnerflow.portal.client.ServiceError;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The finance view: payout runs (list, create, one run with totals, items and holds, approve). payout-service enforces
 * maker-checker: the creator's own approval comes back as 403 and its problem detail is shown on the run's page.
 */
@Path("/finance/runs")
@Blocking
public class FinanceResource {
    private final Pages pages;
    private final Template runs;
    private final Template run;

    public FinanceResource(Pages pages, @Location("finance/runs.html") Template runs, @Location("finance/run.html") Template run) {
        this.pages = pages;
        this.runs = runs;
        this.run = run;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public String list(@Context HttpHeaders headers) {
        User u = pages.user(headers);
        return list(u, null, 200);
    }

    @POST
    @Produces(MediaType.TEXT_HTML)
    public Response create(@FormParam("cutoff") String cutoff, @FormParam("idempotencyKey") String key, @Context HttpHeaders headers) {
        User u = pages.user(headers);
        LocalDate date;
        try {
            date = LocalDate.parse(cutoff == null ? "" : cutoff.trim());
        } catch (DateTimeParseException e) {
            return Response.status(400).type(MediaType.TEXT_HTML_TYPE).entity(list(u, "cutoff: a date like 2026-11-30", 400)).build();
        }
        String idempotencyKey = key == null || key.isBlank() || key.length() > 200 ? Pages.newKey() : key;
        return Pages.submit(() -> {
            JsonNode created = pages.services.post("payout", "/payout-runs", u.token(), Map.of("cutoff", date.toString()),
                    Map.of("Idempotency-Key", idempotencyKey));
            return Response.seeOther(URI.create("/finance/runs/" + created.path("runId").asText())).build();
        }, e -> list(u, e.detail(), e.status()));
    }

    @GET
    @Path("{runId}")
    @Produces(MediaType.TEXT_HTML)
    public String one(@PathParam("runId") String runId, @Context HttpHeaders headers) {
        User u = pages.user(headers);
        return render(u, Pages.id(runId), null, null);
    }

    @POST
    @Path("{runId}/approve")
    @Produces(MediaType.TEXT_HTML)
    public Response approve(@PathParam("runId") String runId, @Context HttpHeaders headers) {
        User u = pages.user(headers);
        String id = Pages.id(runId);
        return Pages.submit(() -> {
                pages.services.post("payout", "/payout-runs/" + id + "/approve", u.token(), Map.of(), Map.of());
                return Response.seeOther(URI.create("/finance/runs/" + id + "?approved")).build();
        }, e -> render(u, id, e.detail(), null));
    }

    /** The run's files as payout-service writes them (items CSV, SEPA pain.001, NACHA), passed through with the user's token. */
    @GET
    @Path("{runId}/files/{name: items\\.csv|pain001\\.xml|nacha\\.txt}")
    public Response file(@PathParam("runId") String runId, @PathParam("name") String name, @Context HttpHeaders headers) {
        User u = pages.user(headers);
        String id = Pages.id(runId);
        java.net.http.HttpResponse<byte[]> f = pages.services.file("payout", "/payout-runs/" + id + "/exports/" + name, u.token());
        String type = name.endsWith(".csv") ? "text/csv" : name.endsWith(".xml") ? "application/xml" : "text/plain";
        return Response.ok(f.body(), type).header("Content-Disposition", "attachment; filename=\"payout-run-" + id + "-" + name + "\"").build();
    }

    private String list(User u, String message, int status) {
        JsonNode all = pages.services.get("payout", "/payout-runs?limit=50", u.token());
        return runs.data("user", u).data("runs", all).data("message", message)
                .data("today", LocalDate.now(ZoneOffset.UTC).toString()).data("key", Pages.newKey()).render();
    }

    private String render(User u, String id, String message, String notice) {
        JsonNode r = pages.services.get("payout", "/payout-runs/" + id, u.token());
        return run.data("user", u).data("run", r).data("message", message).data("notice", notice)
                .data("mine", u.subject().equals(r.path("createdBy").asText())).render();
    }
}
