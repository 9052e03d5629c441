package io.partnerflow.analytics.api;

import io.partnerflow.analytics.rebuild.RebuildService;
import io.partnerflow.platform.problem.ProblemException;
import io.partnerflow.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.net.URI;

/** Rebuild of the read models from the topics (admin only): 202 + Location of the status; 409 while one runs. */
@Path("/admin/rebuild")
@SecurityRequirement(name = "SecurityScheme")
@RolesAllowed(Roles.ADMIN)
public class RebuildResource {
    private final RebuildService rebuild;

    public RebuildResource(RebuildService rebuild) {
        this.rebuild = rebuild;
    }

    @POST
    public Response start() {
        return rebuild.start()
                .map(s -> Response.accepted(s).location(URI.create("/admin/rebuild/" + s.id())).build())
                .orElseThrow(() -> ProblemException.conflict("a rebuild is running on this instance"));
    }

    @GET
    @Path("{id}")
    public Response status(@PathParam("id") String id) {
        return rebuild.status(id).map(s -> Response.ok(s).build())
                .orElseThrow(() -> ProblemException.notFound("no rebuild " + id + " on this instance"));
    }
}
