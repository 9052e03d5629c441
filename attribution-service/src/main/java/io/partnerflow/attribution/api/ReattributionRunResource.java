package io.partnerflow.attribution.api;

import io.partnerflow.attribution.application.ReattributionRunService;
import io.partnerflow.attribution.application.ReattributionRunService.Run;
import io.partnerflow.attribution.application.ReattributionRunService.Who;
import io.partnerflow.platform.security.CurrentUser;
import io.partnerflow.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.UUID;

/** Re-attribution runs: preview (nothing published) → apply by a second user (background, chunked) / cancel. */
@Path("/reattribution-runs")
public class ReattributionRunResource {
    private final ReattributionRunService runs;
    private final CurrentUser user;

    public ReattributionRunResource(ReattributionRunService runs, CurrentUser user) {
        this.runs = runs;
        this.user = user;
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER})
    public Uni<Response> preview(@Valid @NotNull AttributionResource.Reattribute r) {
        Ranges.period(r.from(), r.to());
        if (!r.from().isBefore(r.to())) {
            throw io.partnerflow.platform.problem.ProblemException.badRequest("from must be before to",
                    new io.partnerflow.platform.problem.Problem.FieldError("to", "must be after from (" + r.from() + ")"));
        }
        return runs.preview(r.modelName(), r.modelVersion(), r.from(), r.to(), r.reason(), who())
                .map(run -> Response.created(URI.create("/reattribution-runs/" + run.runId())).entity(run).build());
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE})
    public Uni<Run> get(@PathParam("id") UUID id) {
        return runs.get(id);
    }

    /** 202: the run is applying in the background (poll GET for processed/total); 403 for the previewer. */
    @POST
    @Path("{id}/apply")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER})
    public Uni<Response> apply(@PathParam("id") UUID id) {
        return runs.apply(id, who()).map(run -> Response.accepted(run).build());
    }

    @POST
    @Path("{id}/cancel")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER})
    public Uni<Run> cancel(@PathParam("id") UUID id) {
        return runs.cancel(id, who());
    }

    private Who who() {
        return new Who(user.subject(), user.identity());
    }
}
