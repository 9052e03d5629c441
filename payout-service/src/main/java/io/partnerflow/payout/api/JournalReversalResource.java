package io.partnerflow.payout.api;

import io.partnerflow.payout.application.Actor;
import io.partnerflow.payout.application.JournalReversalService;
import io.partnerflow.platform.security.CurrentUser;
import io.partnerflow.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.util.List;
import java.util.UUID;

/**
 * Finance corrections: a proposed reversal of a posted journal ({@code POST /journals/{id}/reversals} in
 * {@link JournalResource}) is approved by a second finance user here ({@code POST /journal-reversals/{id}/approve}).
 */
@Path("/journal-reversals")
@SecurityRequirement(name = "SecurityScheme")
public class JournalReversalResource {
    private final JournalReversalService reversals;
    private final CurrentUser user;

    public JournalReversalResource(JournalReversalService reversals, CurrentUser user) {
        this.reversals = reversals;
        this.user = user;
    }

    @POST
    @Path("{reversalId}/approve")
    @RolesAllowed(Roles.FINANCE)
    public Uni<JournalReversalService.Reversal> approve(@PathParam("reversalId") UUID reversalId) {
        return reversals.approve(reversalId, Actor.of(user));
    }

    @GET
    @Path("{reversalId}")
    @RolesAllowed({Roles.FINANCE, Roles.ADMIN})
    public Uni<JournalReversalService.Reversal> get(@PathParam("reversalId") UUID reversalId) {
        return reversals.get(reversalId);
    }

    @GET
    @RolesAllowed({Roles.FINANCE, Roles.ADMIN})
    public Uni<List<JournalReversalService.Reversal>> list(
            @QueryParam("status") @Pattern(regexp = "^(proposed|approved)$", message = "proposed or approved") String status) {
        return reversals.list(status);
    }
}
