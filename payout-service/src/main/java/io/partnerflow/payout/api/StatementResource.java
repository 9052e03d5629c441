package io.partnerflow.payout.api;

import io.partnerflow.payout.application.StatementService;
import io.partnerflow.platform.problem.ProblemException;
import io.partnerflow.platform.security.CurrentUser;
import io.partnerflow.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * A partner's monthly statement (JSON or CSV): staff and the partner itself read it; finance issues a closed
 * period's statement (frozen, published as statement.issued).
 */
@Path("/partners/{partnerId}/statements/{period}")
@SecurityRequirement(name = "SecurityScheme")
public class StatementResource {
    private final StatementService statements;
    private final CurrentUser user;

    public StatementResource(StatementService statements, CurrentUser user) {
        this.statements = statements;
        this.user = user;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.FINANCE, Roles.CHANNEL_MANAGER, Roles.PARTNER})
    public Uni<StatementService.Statement> get(@PathParam("partnerId") String partnerId, @PathParam("period") String period,
                                               @QueryParam("currency") @jakarta.validation.constraints.Pattern(regexp = "^[A-Z]{3}$", message = "an ISO 4217 code like EUR") String currency) {
        user.requireAccessToPartner(partnerId);
        return statements.get(partnerId, StatementService.period(period), currency);
    }

    @GET
    @Path("/csv")
    @Produces("text/csv")
    @RolesAllowed({Roles.ADMIN, Roles.FINANCE, Roles.CHANNEL_MANAGER, Roles.PARTNER})
    public Uni<Response> csv(@PathParam("partnerId") String partnerId, @PathParam("period") String period,
                             @QueryParam("currency") @jakarta.validation.constraints.Pattern(regexp = "^[A-Z]{3}$", message = "an ISO 4217 code like EUR") String currency) {
        user.requireAccessToPartner(partnerId);
        return statements.get(partnerId, StatementService.period(period), currency)
                .map(s -> Response.ok(StatementService.csv(s), "text/csv")
                        .header("Content-Disposition", "attachment; filename=\"statement-" + period + ".csv\"").build());
    }

    @POST
    @Path("/issue")
    @RolesAllowed({Roles.FINANCE, Roles.PARTNER})
    public Uni<StatementService.Statement> issue(@PathParam("partnerId") String partnerId, @PathParam("period") String period,
                                                 @QueryParam("currency") @jakarta.validation.constraints.Pattern(regexp = "^[A-Z]{3}$", message = "an ISO 4217 code like EUR") String currency) {
        user.requireAccessToPartner(partnerId);
        if (!user.hasRole(Roles.FINANCE)) {
            throw ProblemException.forbidden("only finance issues statements");
        }
        return statements.issue(partnerId, StatementService.period(period), currency, user.subject());
    }
}
