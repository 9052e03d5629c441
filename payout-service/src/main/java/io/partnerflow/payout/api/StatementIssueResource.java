package io.partnerflow.payout.api;

import io.partnerflow.payout.application.StatementService;
import io.partnerflow.platform.security.CurrentUser;
import io.partnerflow.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Finance issues every partner's statement of a closed month at once (also done by the monthly job). */
@Path("/statements/{period}/issue")
@SecurityRequirement(name = "SecurityScheme")
public class StatementIssueResource {
    private final StatementService statements;
    private final CurrentUser user;

    public StatementIssueResource(StatementService statements, CurrentUser user) {
        this.statements = statements;
        this.user = user;
    }

    @POST
    @RolesAllowed(Roles.FINANCE)
    public Uni<StatementService.IssuedSummary> issueAll(@PathParam("period") String period) {
        return statements.issueAll(StatementService.period(period), user.subject());
    }
}
