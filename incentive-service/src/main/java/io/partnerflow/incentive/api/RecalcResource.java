package io.partnerflow.incentive.api;

import io.partnerflow.incentive.application.Actor;
import io.partnerflow.incentive.application.RecalcService;
import io.partnerflow.incentive.application.WhatIfRunJob;
import io.partnerflow.incentive.domain.ProgramDefinition;
import io.partnerflow.platform.security.CurrentUser;
import io.partnerflow.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.UUID;

/** Recalculation runs: preview (nothing posted) → apply by another user (four eyes) → {@code earning.adjusted} deltas. */
@Path("/recalculations")
public class RecalcResource {
    private final RecalcService recalc;
    private final WhatIfRunJob whatIfRuns;
    private final CurrentUser user;

    public RecalcResource(RecalcService recalc, WhatIfRunJob whatIfRuns, CurrentUser user) {
        this.recalc = recalc;
        this.whatIfRuns = whatIfRuns;
        this.user = user;
    }

    /**
     * Deals closed in [closedFrom, closedTo) recomputed under version {@code version} of program {@code programCode};
     * {@code partnerId} (optional) limits the run to one partner's credits (e.g. after a backdated tier override).
     */
    public record Request(@NotBlank @Size(max = 100) String programCode, @NotNull @Min(1) @Max(1_000_000) Integer version,
                          @NotNull Instant closedFrom, @NotNull Instant closedTo, @Size(min = 1, max = 100) String partnerId) {
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE})
    public Uni<Response> preview(@Valid @NotNull Request r) {
        Dates.within("closedFrom", r.closedFrom());
        Dates.within("closedTo", r.closedTo());
        Dates.ordered("closedFrom", r.closedFrom(), "closedTo", r.closedTo());
        return recalc.preview(r.programCode(), r.version(), r.closedFrom(), r.closedTo(), r.partnerId(), Actor.of(user))
                .map(run -> Response.status(201).entity(run).build());
    }

    /** A proposed (unpublished) program version: what a recalculation of it would post. */
    public record WhatIfRequest(@NotNull @Valid ProgramDefinition definition, @NotNull Instant closedFrom, @NotNull Instant closedTo,
                                @Size(min = 1, max = 100) String partnerId) {
    }

    /**
     * What-if by the recalculation's own planning: the deltas (per-deal rules of every kind, rebates and accelerators of
     * the closed periods in range) a recalculation of the proposed version would post; nothing stored or published.
     */
    @POST
    @Path("what-if")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE})
    public Uni<RecalcService.Run> whatIf(@Valid @NotNull WhatIfRequest r) {
        Dates.within("closedFrom", r.closedFrom());
        Dates.within("closedTo", r.closedTo());
        Dates.ordered("closedFrom", r.closedFrom(), "closedTo", r.closedTo());
        return recalc.whatIf(r.definition(), r.closedFrom(), r.closedTo(), r.partnerId(), user.subject());
    }

    /** The same what-if as a background job: 202 with the queued run; poll {@code GET /recalculations/what-if-runs/{id}}. */
    @POST
    @Path("what-if-runs")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE})
    public Uni<Response> submitWhatIf(@Valid @NotNull WhatIfRequest r) {
        Dates.within("closedFrom", r.closedFrom());
        Dates.within("closedTo", r.closedTo());
        Dates.ordered("closedFrom", r.closedFrom(), "closedTo", r.closedTo());
        return whatIfRuns.submit(r.definition(), r.closedFrom(), r.closedTo(), r.partnerId(), Actor.of(user))
                .map(v -> Response.status(202).entity(v).header("Location", "/recalculations/what-if-runs/" + v.runId()).build());
    }

    @GET
    @Path("what-if-runs/{runId}")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE})
    public Uni<WhatIfRunJob.View> whatIfRun(@PathParam("runId") UUID runId) {
        return whatIfRuns.get(runId);
    }

    @GET
    @Path("{runId}")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE})
    public Uni<RecalcService.Run> get(@PathParam("runId") UUID runId) {
        return recalc.get(runId);
    }

    @POST
    @Path("{runId}/apply")
    @RolesAllowed({Roles.ADMIN, Roles.FINANCE})
    public Uni<Response> apply(@PathParam("runId") UUID runId) {
        return recalc.apply(runId, Actor.of(user))
                .map(run -> Response.status("applying".equals(run.status()) ? 202 : 200).entity(run).build());
    }

    @POST
    @Path("{runId}/cancel")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE})
    public Uni<RecalcService.Run> cancel(@PathParam("runId") UUID runId) {
        return recalc.cancel(runId, Actor.of(user));
    }
}
