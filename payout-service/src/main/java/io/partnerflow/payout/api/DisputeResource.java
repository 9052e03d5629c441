package io.partnerflow.payout.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.partnerflow.contracts.EventJson;
import io.partnerflow.payout.application.Actor;
import io.partnerflow.payout.application.DisputeService;
import io.partnerflow.payout.application.DisputeService.DisputeRow;
import io.partnerflow.platform.problem.Problem;
import io.partnerflow.platform.problem.ProblemException;
import io.partnerflow.platform.security.CurrentUser;
import io.partnerflow.platform.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Disputes: a partner opens one on its own earning line (staff may open one for it); finance resolves them. Another
 * partner's dispute or line answers 404.
 */
@Path("/")
@SecurityRequirement(name = "SecurityScheme")
public class DisputeResource {
    private static final List<String> STATUSES = List.of("open", "pending_approval", "accepted", "rejected");
    private final DisputeService disputes;
    private final CurrentUser user;

    public DisputeResource(DisputeService disputes, CurrentUser user) {
        this.disputes = disputes;
        this.user = user;
    }

    public record OpenDispute(@NotNull UUID earningId, @NotBlank @Size(max = 4000) String reason) {
    }

    /**
     * {@code exceedsDisputedAmount}: the resolver states that the adjustment is meant to be larger than the disputed
     * line; without it such an adjustment is refused (422), with it a second finance user must approve it.
     */
    public record Resolve(@NotBlank @Size(max = 20) String outcome, @NotBlank @Size(max = 4000) String resolution,
                          @Valid MoneyView adjustment, Boolean exceedsDisputedAmount) {
    }

    public record Note(@Size(max = 2000) String note) {
    }

    /** While {@code pending_approval}: who proposed the adjustment and when, and why it needs a second approver. */
    public record DisputeView(UUID disputeId, String partnerId, UUID earningId, String reason, String status, String openedBy,
                              Instant openedAt, String resolution, MoneyView adjustment, UUID adjustmentEarningId,
                              UUID adjustmentJournalId, String resolvedBy, Instant resolvedAt, String proposedBy,
                              Instant proposedAt, List<String> approvalReasons, String approvedBy, Instant approvedAt) {
        static DisputeView of(DisputeRow d) {
            return new DisputeView(d.disputeId(), d.partnerId(), d.earningId(), d.reason(), d.status(), d.openedBy(),
                    d.openedAt(), d.resolution(), MoneyView.of(d.adjustment()), d.adjustmentEarningId(), d.adjustmentJournalId(),
                    d.resolvedBy(), d.resolvedAt(), d.proposedBy(), d.proposedAt(), d.approvalReasons(), d.approvedBy(),
                    d.approvedAt());
        }
    }

    public record AuditView(String action, String actor, Instant at, JsonNode before, JsonNode after) {
    }

    @POST
    @Path("partners/{partnerId}/disputes")
    @RolesAllowed({Roles.PARTNER, Roles.FINANCE, Roles.ADMIN})
    public Uni<Response> open(@PathParam("partnerId") String partnerId, @Valid @NotNull OpenDispute body) {
        user.requireAccessToPartner(partnerId);
        return disputes.open(partnerId, body.earningId(), body.reason().strip(), Actor.of(user))
                .map(d -> Response.created(URI.create("/disputes/" + d.disputeId())).entity(DisputeView.of(d)).build());
    }

    @GET
    @Path("partners/{partnerId}/disputes")
    @RolesAllowed({Roles.PARTNER, Roles.FINANCE, Roles.ADMIN, Roles.CHANNEL_MANAGER})
    public Uni<List<DisputeView>> ofPartner(@PathParam("partnerId") String partnerId) {
        user.requireAccessToPartner(partnerId);
        return Panache.withSession(() -> disputes.forPartner(partnerId)).map(l -> l.stream().map(DisputeView::of).toList());
    }

    @GET
    @Path("disputes/{disputeId}")
    @RolesAllowed({Roles.PARTNER, Roles.FINANCE, Roles.ADMIN, Roles.CHANNEL_MANAGER})
    public Uni<DisputeView> get(@PathParam("disputeId") UUID disputeId) {
        return visible(disputeId).map(DisputeView::of);
    }

    @GET
    @Path("disputes")
    @RolesAllowed({Roles.FINANCE, Roles.ADMIN})
    public Uni<List<DisputeView>> list(@QueryParam("status") String status) {
        String s = status == null || status.isBlank() ? null : status.trim().toLowerCase();
        if (s != null && !STATUSES.contains(s)) {
            throw ProblemException.badRequest("unknown dispute status " + status,
                    new Problem.FieldError("status", "one of " + String.join(", ", STATUSES)));
        }
        return Panache.withSession(() -> disputes.byStatus(s))
                .map(l -> l.stream().map(DisputeView::of).toList());
    }

    @POST
    @Path("disputes/{disputeId}/resolve")
    @RolesAllowed({Roles.FINANCE, Roles.PARTNER})
    public Uni<Response> resolve(@PathParam("disputeId") UUID disputeId, @Valid @NotNull Resolve body) {
        String outcome = body.outcome().trim().toLowerCase();
        if (!outcome.equals("accepted") && !outcome.equals("rejected")) {
            throw ProblemException.badRequest("outcome is accepted or rejected", new Problem.FieldError("outcome", "accepted or rejected"));
        }
        io.partnerflow.core.money.Money adjustment = null;
        if (outcome.equals("accepted")) {
            if (body.adjustment() == null) {
                throw ProblemException.badRequest("an accepted dispute needs its adjustment",
                        new Problem.FieldError("adjustment", "required when accepted"));
            }
            adjustment = body.adjustment().toMoney("adjustment");
            if (adjustment.isZero()) {
                throw ProblemException.badRequest("an accepted dispute's adjustment is not zero",
                        new Problem.FieldError("adjustment", "must not be zero"));
            }
        } else if (body.adjustment() != null) {
            throw ProblemException.badRequest("a rejected dispute has no adjustment", new Problem.FieldError("adjustment", "only when accepted"));
        }
        if (!outcome.equals("accepted") && Boolean.TRUE.equals(body.exceedsDisputedAmount())) {
            throw ProblemException.badRequest("exceedsDisputedAmount goes with an accepted adjustment",
                    new Problem.FieldError("exceedsDisputedAmount", "only when accepted"));
        }
        io.partnerflow.core.money.Money adj = adjustment;
        return visible(disputeId).chain(d -> {
            if (!user.hasRole(Roles.FINANCE)) {
                throw ProblemException.forbidden("only finance resolves disputes");
            }
            return disputes.resolve(disputeId, new DisputeService.Resolution(outcome, body.resolution().strip(), adj,
                    Boolean.TRUE.equals(body.exceedsDisputedAmount())), Actor.of(user));
        }).map(d -> Response.status("pending_approval".equals(d.status()) ? 202 : 200).entity(DisputeView.of(d)).build());
    }

    /** The second finance user books a pending adjustment (not the raiser, not the proposer). */
    @POST
    @Path("disputes/{disputeId}/approve")
    @RolesAllowed(Roles.FINANCE)
    public Uni<DisputeView> approve(@PathParam("disputeId") UUID disputeId) {
        return disputes.approve(disputeId, Actor.of(user)).map(DisputeView::of);
    }

    /** The second finance user sends a pending adjustment back: the dispute is open again, nothing booked. */
    @POST
    @Path("disputes/{disputeId}/send-back")
    @RolesAllowed(Roles.FINANCE)
    public Uni<DisputeView> sendBack(@PathParam("disputeId") UUID disputeId, @Valid Note body) {
        return disputes.sendBack(disputeId, body == null ? null : body.note(), Actor.of(user)).map(DisputeView::of);
    }

    /** Every decision on the dispute: who, when, before and after. */
    @GET
    @Path("disputes/{disputeId}/audit")
    @RolesAllowed({Roles.FINANCE, Roles.ADMIN})
    public Uni<List<AuditView>> audit(@PathParam("disputeId") UUID disputeId) {
        return Panache.withSession(() -> disputes.auditTrail(disputeId)).map(l -> l.stream()
                .map(a -> new AuditView(a.action(), a.actor(), a.at(), a.before() == null ? null : EventJson.readTree(a.before()),
                        EventJson.readTree(a.after()))).toList());
    }

    private Uni<DisputeRow> visible(UUID disputeId) {
        return Panache.withSession(() -> disputes.find(disputeId)).map(d -> {
            if (d == null) {
                throw ProblemException.notFound("no such dispute");
            }
            user.requireAccessToPartner(d.partnerId());
            return d;
        });
    }
}
