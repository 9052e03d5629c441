package io.partnerflow.deal.api;

import io.partnerflow.deal.api.DealDtos.AddTouchpoint;
import io.partnerflow.deal.api.DealDtos.DealView;
import io.partnerflow.deal.api.DealDtos.TouchpointView;
import io.partnerflow.deal.application.DealQueries;
import io.partnerflow.deal.application.ManualTouchpoints;
import io.partnerflow.platform.security.CurrentUser;
import io.partnerflow.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/** Deals (staff only) and their touchpoints. */
@Path("/deals")
@SecurityRequirement(name = "SecurityScheme")
public class DealResource {
    private final DealQueries queries;
    private final ManualTouchpoints touchpoints;
    private final CurrentUser user;

    public DealResource(DealQueries queries, ManualTouchpoints touchpoints, CurrentUser user) {
        this.queries = queries;
        this.touchpoints = touchpoints;
        this.user = user;
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE})
    public Uni<DealView> get(@PathParam("id") UUID id) {
        return queries.get(id);
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE})
    public Uni<DealView> byCrm(@QueryParam("crmSystem") @NotBlank String crmSystem,
                               @QueryParam("crmDealId") @NotBlank String crmDealId) {
        return queries.byCrm(crmSystem, crmDealId);
    }

    @POST
    @Path("/{id}/touchpoints")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER})
    public Uni<Response> addTouchpoint(@PathParam("id") UUID id, @Valid @NotNull AddTouchpoint request) {
        InputRules.instant("occurredAt", request.occurredAt());
        return touchpoints.add(id, request, user.subject())
                .map(t -> Response.created(URI.create("/deals/" + id + "/touchpoints/" + t.id())).entity(t).build());
    }

    @DELETE
    @Path("/{id}/touchpoints/{touchpointId}")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER})
    public Uni<Response> removeTouchpoint(@PathParam("id") UUID id, @PathParam("touchpointId") UUID touchpointId) {
        return touchpoints.remove(id, touchpointId).replaceWith(Response.noContent().build());
    }

    @GET
    @Path("/touchpoints/pending")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER})
    public Uni<List<TouchpointView>> pending() {
        return queries.pending();
    }
}
