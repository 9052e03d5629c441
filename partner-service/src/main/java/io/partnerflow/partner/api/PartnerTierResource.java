package io.partnerflow.partner.api;

import io.partnerflow.partner.api.TierDtos.CurrentTierView;
import io.partnerflow.partner.api.TierDtos.EvaluateRequest;
import io.partnerflow.partner.api.TierDtos.EvaluationView;
import io.partnerflow.partner.api.TierDtos.HistoryEntryView;
import io.partnerflow.partner.api.TierDtos.MetricsView;
import io.partnerflow.partner.api.TierDtos.OverrideRequest;
import io.partnerflow.partner.api.TierDtos.ProposalView;
import io.partnerflow.partner.application.TierProposals;
import io.partnerflow.partner.application.TierReads;
import io.partnerflow.partner.application.TierService;
import io.partnerflow.platform.problem.ProblemException;
import io.partnerflow.platform.security.CurrentUser;
import io.partnerflow.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.util.List;
import java.util.UUID;

/**
 * One partner's tier: current standing, effective-dated history and "which tier at T", metrics, on-demand
 * evaluation, manual override, proposals. A partner user reads its own (another partner's id answers 404).
 */
@Path("/partners/{id}")
@SecurityRequirement(name = "SecurityScheme")
public class PartnerTierResource {
    private final TierService tiers;
    private final TierReads reads;
    private final TierProposals proposals;
    private final CurrentUser user;

    public PartnerTierResource(TierService tiers, TierReads reads, TierProposals proposals, CurrentUser user) {
        this.tiers = tiers;
        this.reads = reads;
        this.proposals = proposals;
        this.user = user;
    }

    @GET
    @Path("/tier")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE, Roles.PARTNER})
    public Uni<CurrentTierView> current(@PathParam("id") UUID id) {
        user.requireAccessToPartner(id.toString());
        return reads.current(id);
    }

    @GET
    @Path("/tier-history")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE, Roles.PARTNER})
    public Uni<List<HistoryEntryView>> history(@PathParam("id") UUID id) {
        user.requireAccessToPartner(id.toString());
        return reads.history(id);
    }

    /** "Which tier was the partner on at {@code at}" (an instant, or a date = its start in UTC; default now). */
    @GET
    @Path("/tier-history/at")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE, Roles.PARTNER})
    public Uni<HistoryEntryView> at(@PathParam("id") UUID id, @QueryParam("at") String at) {
        user.requireAccessToPartner(id.toString());
        return reads.tierAt(id, Params.instant("at", at));
    }

    @GET
    @Path("/tier-metrics")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE, Roles.PARTNER})
    public Uni<MetricsView> metrics(@PathParam("id") UUID id, @QueryParam("asOf") String asOf) {
        user.requireAccessToPartner(id.toString());
        return reads.metrics(id, Params.date("asOf", asOf));
    }

    @POST
    @Path("/tier-evaluations")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.PARTNER})
    public Uni<EvaluationView> evaluate(@PathParam("id") UUID id, @Valid EvaluateRequest request) {
        PartnerResource.requireStaffWriter(user, id);
        Params.within("asOf", request == null ? null : request.asOf());
        return tiers.evaluate(id, request == null ? null : request.asOf(), user.subject());
    }

    @PUT
    @Path("/tier-override")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.PARTNER})
    public Uni<CurrentTierView> override(@PathParam("id") UUID id, @Valid @NotNull OverrideRequest request) {
        PartnerResource.requireStaffWriter(user, id);
        Params.within("expiresAt", request.expiresAt());
        return tiers.setOverride(id, request, user.subject());
    }

    @DELETE
    @Path("/tier-override")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.PARTNER})
    public Uni<EvaluationView> endOverride(@PathParam("id") UUID id) {
        PartnerResource.requireStaffWriter(user, id);
        return tiers.endOverride(id, user.subject());
    }

    @GET
    @Path("/tier-proposals")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE, Roles.PARTNER})
    public Uni<List<ProposalView>> proposals(@PathParam("id") UUID id, @QueryParam("status") String status) {
        user.requireAccessToPartner(id.toString());
        return proposals.proposals(id, status(status));
    }

    static String status(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String s = raw.trim().toLowerCase();
        if (!List.of("pending", "approved", "rejected", "superseded", "withdrawn").contains(s)) {
            throw ProblemException.badRequest("unknown proposal status '" + raw + "'");
        }
        return s;
    }
}
