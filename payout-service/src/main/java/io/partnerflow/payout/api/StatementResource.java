package io.partnerflow.payout.api;

import io.partnerflow.payout.application.StatementService;
import io.partnerflow.platform.problem.Problem;
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

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * A partner's monthly statement (JSON or CSV), or its statements for any period (one section per currency): staff and the partner itself read it; finance issues a closed
 * period's statement (frozen, published as statement.issued).
 */
@Path("/partners/{partnerId}/statements")
@SecurityRequirement(name = "SecurityScheme")
public class StatementResource {
    private final StatementService statements;
    private final CurrentUser user;

    public StatementResource(StatementService statements, CurrentUser user) {
        this.statements = statements;
        this.user = user;
    }

    /** The statements of any period of whole days ({@code from}, {@code to} inclusive, at most 3 years), per currency. */
    @GET
    @RolesAllowed({Roles.ADMIN, Roles.FINANCE, Roles.CHANNEL_MANAGER, Roles.PARTNER})
    public Uni<StatementService.PeriodStatements> forPeriod(@PathParam("partnerId") String partnerId,
                                                           @QueryParam("from") String from, @QueryParam("to") String to) {
        user.requireAccessToPartner(partnerId);
        LocalDate f = Bounds.date("from", day("from", from), Bounds.EARLIEST, Bounds.LATEST);
        LocalDate t = Bounds.date("to", day("to", to), Bounds.EARLIEST, Bounds.LATEST);
        if (f.isAfter(t)) {
            throw ProblemException.badRequest("from " + f + " is after to " + t, new Problem.FieldError("from", "must not be after to"));
        }
        if (t.isAfter(f.plusYears(MAX_YEARS))) {
            throw ProblemException.badRequest("a statement period spans at most " + MAX_YEARS + " years",
                    new Problem.FieldError("to", "at most " + MAX_YEARS + " years after from (" + f.plusYears(MAX_YEARS) + ")"));
        }
        return statements.forPeriod(partnerId, f, t);
    }

    static final int MAX_YEARS = 3;

    private static LocalDate day(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest(field + " is required", new Problem.FieldError(field, "required: a day like 2025-06-30"));
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(field + " must be a day like 2025-06-30",
                    new Problem.FieldError(field, "not a day (YYYY-MM-DD): " + value));
        }
    }

    @GET
    @Path("/{period}")
    @RolesAllowed({Roles.ADMIN, Roles.FINANCE, Roles.CHANNEL_MANAGER, Roles.PARTNER})
    public Uni<StatementService.Statement> get(@PathParam("partnerId") String partnerId, @PathParam("period") String period,
                                               @QueryParam("currency") @jakarta.validation.constraints.Pattern(regexp = "^[A-Z]{3}$", message = "an ISO 4217 code like EUR") String currency) {
        user.requireAccessToPartner(partnerId);
        return statements.get(partnerId, StatementService.period(period), currency);
    }

    @GET
    @Path("/{period}/csv")
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
    @Path("/{period}/issue")
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
