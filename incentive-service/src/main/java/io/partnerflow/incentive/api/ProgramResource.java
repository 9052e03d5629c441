package io.partnerflow.incentive.api;

import io.partnerflow.incentive.application.ProgramCatalog;
import io.partnerflow.incentive.domain.ProgramDefinition;
import io.partnerflow.platform.problem.ProblemException;
import io.partnerflow.platform.security.CurrentUser;
import io.partnerflow.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** Incentive programs: each POST publishes a new version (validated, audited); GET lists versions and audit. */
@Path("/programs")
public class ProgramResource {
    private final ProgramCatalog catalog;
    private final CurrentUser user;

    public ProgramResource(ProgramCatalog catalog, CurrentUser user) {
        this.catalog = catalog;
        this.user = user;
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER})
    public Uni<Response> publish(@NotNull ProgramDefinition definition) {
        return catalog.publish(definition, user.subject()).map(v -> Response.status(201).entity(v).build());
    }

    @GET
    @Path("{code}/versions")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE})
    public Uni<List<ProgramCatalog.VersionView>> versions(@PathParam("code") String code) {
        return catalog.versions(code).invoke(l -> {
            if (l.isEmpty()) {
                throw ProblemException.notFound("no program " + code);
            }
        });
    }

    @GET
    @Path("{code}/audit")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE})
    public Uni<List<ProgramCatalog.AuditEntry>> audit(@PathParam("code") String code) {
        return catalog.audit("program", code);
    }
}
