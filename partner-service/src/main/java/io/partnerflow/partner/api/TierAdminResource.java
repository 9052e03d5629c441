package io.partnerflow.partner.api;

import io.partnerflow.partner.api.TierDtos.DecisionRequest;
import io.partnerflow.partner.api.TierDtos.EvaluateRequest;
import io.partnerflow.partner.api.TierDtos.ProposalView;
import io.partnerflow.partner.api.TierDtos.RunView;
import io.partnerflow.partner.application.TierProposals;
import io.partnerflow.partner.application.TierService;
import io.partnerflow.platform.security.CurrentUser;
import io.partnerflow.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.util.List;
import java.util.UUID;

/**
 * Across partners: evaluate all (as of a date; once across replicas — 409 while another run holds the lock) and
 * decide promotion proposals. A partner user gets 404 for another partner's proposal and 403 for its own.
 */
@Path("/")
@SecurityRequirement(name = "SecurityScheme")
public class TierAdminResource {
    private final TierService tiers;
    private final TierProposals proposals;
    private final CurrentUser user;

    public TierAdminResource(TierService tiers, TierProposals proposals, CurrentUser user) {
        this.tiers = tiers;
        this.proposals = proposals;
        this.user = user;
    }

    @POST
    @Path("tier-evaluations")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER})
    public Uni<RunView> evaluateAll(@Valid EvaluateRequest request) {
        Params.within("asOf", request == null ? null : request.asOf());
        return tiers.evaluateAll(request == null ? null : request.asOf(), user.subject(), true);
    }

    @GET
    @Path("tier-proposals")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE})
    public Uni<List<ProposalView>> proposals(@QueryParam("status") String status) {
        return proposals.proposals(null, PartnerTierResource.status(status));
    }

    @POST
    @Path("tier-proposals/{proposalId}/approve")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.PARTNER})
    public Uni<ProposalView> approve(@PathParam("proposalId") UUID proposalId, @Valid DecisionRequest request) {
        return scoped(proposalId).chain(() -> proposals.approve(proposalId, user.subject(),
                request == null ? null : request.note()));
    }

    @POST
    @Path("tier-proposals/{proposalId}/reject")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.PARTNER})
    public Uni<ProposalView> reject(@PathParam("proposalId") UUID proposalId, @Valid DecisionRequest request) {
        return scoped(proposalId).chain(() -> proposals.reject(proposalId, user.subject(),
                request == null ? null : request.note()));
    }

    private Uni<Void> scoped(UUID proposalId) {
        if (user.isStaff()) {
            return Uni.createFrom().voidItem();
        }
        return proposals.proposalPartner(proposalId).invoke(partnerId -> PartnerResource.requireStaffWriter(user, partnerId))
                .replaceWithVoid();
    }
}
