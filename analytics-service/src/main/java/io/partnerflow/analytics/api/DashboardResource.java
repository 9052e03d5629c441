package io.partnerflow.analytics.api;

import io.partnerflow.analytics.application.DashboardLive;
import io.partnerflow.analytics.application.DashboardService;
import io.partnerflow.analytics.application.DashboardService.Caller;
import io.partnerflow.analytics.domain.dashboard.Widget;
import io.partnerflow.analytics.persistence.DashboardStore.Saved;
import io.partnerflow.platform.problem.Problem;
import io.partnerflow.platform.problem.ProblemException;
import io.partnerflow.platform.security.CurrentUser;
import io.partnerflow.platform.security.Roles;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jboss.resteasy.reactive.RestStreamElementType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Saved KPI dashboards of the signed-in user (JWT subject): only the owner sees, edits or evaluates one (anyone
 * else: 404). A partner user's widgets are evaluated over its own partner only. {@code /figures} evaluates every
 * widget now; {@code /stream} sends the figures as server-sent events at once and again when they changed.
 */
@Path("/dashboards")
@SecurityRequirement(name = "SecurityScheme")
@RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE, Roles.PARTNER})
public class DashboardResource {
    private final DashboardService dashboards;
    private final DashboardLive live;
    private final CurrentUser user;

    public DashboardResource(DashboardService dashboards, DashboardLive live, CurrentUser user) {
        this.dashboards = dashboards;
        this.live = live;
        this.user = user;
    }

    public record DashboardRequest(String name, List<Widget> widgets) {
    }

    public record DashboardView(UUID id, String name, List<Widget> widgets, Instant createdAt, Instant updatedAt) {
        static DashboardView of(Saved d) {
            return new DashboardView(d.id(), d.name(), d.widgets(), d.createdAt(), d.updatedAt());
        }
    }

    @POST
    public Uni<Response> create(DashboardRequest body) {
        DashboardRequest b = required(body);
        return dashboards.create(caller(), b.name(), b.widgets()).map(d -> Response.status(Response.Status.CREATED)
                .header("Location", "/dashboards/" + d.id()).entity(DashboardView.of(d)).build());
    }

    @GET
    public Uni<List<DashboardView>> list() {
        return dashboards.list(caller()).map(l -> l.stream().map(DashboardView::of).toList());
    }

    @GET
    @Path("/{id}")
    public Uni<DashboardView> get(@PathParam("id") String id) {
        return dashboards.get(caller(), id(id)).map(DashboardView::of);
    }

    @PUT
    @Path("/{id}")
    public Uni<DashboardView> update(@PathParam("id") String id, DashboardRequest body) {
        DashboardRequest b = required(body);
        return dashboards.update(caller(), id(id), b.name(), b.widgets()).map(DashboardView::of);
    }

    @DELETE
    @Path("/{id}")
    public Uni<Response> delete(@PathParam("id") String id) {
        return dashboards.delete(caller(), id(id)).replaceWith(Response.noContent().build());
    }

    @GET
    @Path("/{id}/figures")
    public Uni<DashboardService.Figures> figures(@PathParam("id") String id) {
        return dashboards.figures(caller(), id(id));
    }

    @GET
    @Path("/{id}/stream")
    @DashboardStreamGuard.OwnedDashboard   // 404 before the event stream's 200 is written
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<DashboardService.Figures> stream(@PathParam("id") String id) {
        return live.stream(caller(), id(id));
    }

    private Caller caller() {
        return callerOf(user);
    }

    static Caller callerOf(CurrentUser user) {
        String partnerId = user.isStaff() ? null : user.partnerId()
                .orElseThrow(() -> ProblemException.forbidden("a partner user's token names no partner"));
        return new Caller(user.subject(), partnerId);
    }

    private static DashboardRequest required(DashboardRequest body) {
        if (body == null) {
            throw ProblemException.badRequest("a dashboard is required", new Problem.FieldError("name", "required"));
        }
        return body;
    }

    private static UUID id(String raw) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("dashboard " + raw + " not found");
        }
    }
}
