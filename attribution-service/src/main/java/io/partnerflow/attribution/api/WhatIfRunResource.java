package io.partnerflow.attribution.api;

import io.partnerflow.attribution.application.WhatIfRunService;
import io.partnerflow.platform.problem.ProblemException;
import io.partnerflow.platform.security.CurrentUser;
import io.partnerflow.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/** What-if as a job: 202 + Location, then poll for status, progress and the result (same numbers as POST /what-if). */
@Path("/what-if-runs")
public class WhatIfRunResource {
    private final WhatIfRunService runs;
    private final CurrentUser user;

    public WhatIfRunResource(WhatIfRunService runs, CurrentUser user) {
        this.runs = runs;
        this.user = user;
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE})
    public Response submit(@Valid @NotNull AttributionResource.WhatIfRequest r) throws SQLException {
        Ranges.period(r.from(), r.to());
        List<String> problems = r.proposed().toSpec().problems();
        if (!problems.isEmpty()) {
            throw ProblemException.unprocessable("the proposed model is not valid: " + String.join("; ", problems));
        }
        UUID id = runs.submit(r.from(), r.to(), r.proposed(), user.subject());
        return Response.accepted(runs.get(id)).location(URI.create("/what-if-runs/" + id)).build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE})
    public WhatIfRunService.WhatIfRun get(@PathParam("id") UUID id) throws SQLException {
        return runs.get(id);
    }
}
