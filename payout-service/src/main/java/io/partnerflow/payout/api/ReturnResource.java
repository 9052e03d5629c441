package io.partnerflow.payout.api;

import io.partnerflow.payout.application.Actor;
import io.partnerflow.payout.application.ReturnService;
import io.partnerflow.platform.problem.Problem;
import io.partnerflow.platform.problem.ProblemException;
import io.partnerflow.platform.security.CurrentUser;
import io.partnerflow.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.util.UUID;

/**
 * The bank's return file for a run (finance): pain.002 (RJCT), camt.054 (returns) or a NACHA return file, sent as
 * the request body. 400 unreadable, 422 unmatched — nothing booked; 200 with what was failed.
 */
@Path("/payout-runs/{runId}/returns")
@SecurityRequirement(name = "SecurityScheme")
public class ReturnResource {
    /** A return file of a run is small (one entry per item); anything larger is refused before parsing. */
    static final int MAX_CHARS = 5_000_000;
    private final ReturnService returns;
    private final CurrentUser user;

    public ReturnResource(ReturnService returns, CurrentUser user) {
        this.returns = returns;
        this.user = user;
    }

    @POST
    @Consumes({"application/xml", "text/xml", "text/plain", "application/octet-stream"})
    @RolesAllowed(Roles.FINANCE)
    public Uni<ReturnService.Result> importFile(@PathParam("runId") UUID runId, String body) {
        if (body != null && body.length() > MAX_CHARS) {
            throw ProblemException.badRequest("the return file is too large",
                    new Problem.FieldError("file", "at most " + MAX_CHARS + " characters"));
        }
        return returns.importFile(runId, body, Actor.of(user));
    }
}
