package io.partnerflow.portal.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.partnerflow.portal.auth.User;
import io.partnerflow.portal.view.DashboardFigures;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestStreamElementType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The signed-in user's saved KPI dashboards (analytics-service {@code /dashboards}): the list and one dashboard's
 * figures, server-rendered; {@code /dashboards/{id}/live} relays analytics' event stream of that dashboard as re-rendered
 * figure fragments (portal.js swaps them in). Dashboards are created and edited through the analytics API.
 */
@Path("/dashboards")
@Blocking
public class DashboardPageResource {
    private final Pages pages;
    private final Template page;
    private final Template fragment;
    private final ObjectMapper json;

    public DashboardPageResource(Pages pages, @Location("dashboards.html") Template page,
                                 @Location("dashboard-figures.html") Template fragment, ObjectMapper json) {
        this.pages = pages;
        this.page = page;
        this.fragment = fragment;
        this.json = json;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public String list(@Context HttpHeaders headers) {
        return render(pages.user(headers), null);
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.TEXT_HTML)
    public String one(@PathParam("id") String id, @Context HttpHeaders headers) {
        return render(pages.user(headers), Pages.id(id));
    }

    /** Server-sent events: each figures event of analytics' stream, re-rendered as one line of HTML. Ends with it. */
    @GET
    @Path("{id}/live")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    public Multi<String> live(@PathParam("id") String id, @Context HttpHeaders headers) {
        User u = pages.user(headers);
        String dashboardId = Pages.id(id);
        return Multi.createFrom().<String>emitter(em -> {
                    Stream<String> lines = pages.services.lines("analytics", "/dashboards/" + dashboardId + "/stream", u.token());
                    em.onTermination(lines::close);
                    lines.filter(l -> l.startsWith("data:")).forEach(l -> em.emit(l.substring(5).trim()));
                    em.complete();
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .map(this::fragment)
                .onFailure().recoverWithCompletion();
    }

    private String fragment(String figuresJson) {
        try {
            return fragment.data("figures", DashboardFigures.of(json.readTree(figuresJson))).render()
                    .replace('\n', ' ').replace('\r', ' ');
        } catch (IOException e) {
            throw new IllegalStateException("analytics-service sent unreadable figures", e);
        }
    }

    private String render(User u, String id) {
        JsonNode list = pages.services.get("analytics", "/dashboards", u.token());
        List<JsonNode> dashboards = new ArrayList<>();
        list.forEach(dashboards::add);
        String shown = id != null ? id : dashboards.isEmpty() ? null : dashboards.get(0).path("id").asText();
        DashboardFigures figures = shown == null ? null
                : DashboardFigures.of(pages.services.get("analytics", "/dashboards/" + Pages.id(shown) + "/figures", u.token()));
        return page.data("user", u).data("dashboards", dashboards).data("figures", figures).render();
    }
}
