package io.partnerflow.payout.api;

import io.partnerflow.payout.application.Actor;
import io.partnerflow.payout.application.JournalReversalService;
import io.partnerflow.payout.application.LedgerQueries;
import io.partnerflow.platform.problem.ProblemException;
import io.partnerflow.platform.security.CurrentUser;
import io.partnerflow.platform.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/** The ledger's journals for finance, as JSON and as CSV for the vendor's general ledger. */
@Path("/journals")
@SecurityRequirement(name = "SecurityScheme")
@RolesAllowed({Roles.ADMIN, Roles.FINANCE})
public class JournalResource {
    private final LedgerQueries ledger;
    private final JournalReversalService reversals;
    private final CurrentUser user;

    public JournalResource(LedgerQueries ledger, JournalReversalService reversals, CurrentUser user) {
        this.ledger = ledger;
        this.reversals = reversals;
        this.user = user;
    }

    public record ReversalProposal(@NotBlank @Size(max = 2000) String reason) {
    }

    /** Proposes the reversal of a posted journal (finance; a second finance user approves it: JournalReversalResource). */
    @POST
    @Path("/{journalId}/reversals")
    @RolesAllowed(Roles.FINANCE)
    public Uni<Response> proposeReversal(@PathParam("journalId") UUID journalId, @Valid @NotNull ReversalProposal body) {
        return reversals.propose(journalId, body.reason(), Actor.of(user)).map(r -> Response.status(201).entity(r).build());
    }

    @GET
    public Uni<List<LedgerQueries.JournalView>> list(@QueryParam("partnerId") @jakarta.validation.constraints.Size(max = 100) String partnerId,
                                                     @QueryParam("from") String from, @QueryParam("to") String to,
                                                     @QueryParam("limit") @DefaultValue("500") @Min(1) @Max(10_000) int limit) {
        Instant f = instant("from", from);
        Instant t = instant("to", to);
        Bounds.ordered("from", f, "to", t);
        return Panache.withSession(() -> ledger.journals(partnerId, f, t, limit));
    }

    /** One row per posting (debit/credit columns) of the journals booked in [from, to). */
    @GET
    @Path("/export.csv")
    @Produces("text/csv")
    public Uni<Response> csv(@QueryParam("from") String from, @QueryParam("to") String to) {
        Instant f = instant("from", from);
        Instant t = instant("to", to);
        Bounds.ordered("from", f, "to", t);
        return Panache.withSession(() -> ledger.journalsCsv(f, t))
                .map(csv -> Response.ok(csv, "text/csv").header("Content-Disposition", "attachment; filename=\"journals.csv\"").build());
    }

    static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Bounds.instant(name, Instant.parse(value.trim()));
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name + " must be an ISO-8601 instant like 2025-01-01T00:00:00Z",
                    new io.partnerflow.platform.problem.Problem.FieldError(name, "not an instant: " + value));
        }
    }
}
