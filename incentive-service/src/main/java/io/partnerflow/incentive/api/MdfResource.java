package io.partnerflow.incentive.api;

import io.partnerflow.core.money.Money;
import io.partnerflow.incentive.application.Actor;
import io.partnerflow.incentive.application.MdfService;
import io.partnerflow.platform.problem.ProblemException;
import io.partnerflow.platform.security.CurrentUser;
import io.partnerflow.platform.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import java.util.List;
import java.util.UUID;

/**
 * MDF: channel managers allocate and approve; a partner requests and claims on its own funds (404 for others').
 */
@Path("/mdf")
public class MdfResource {
    private static final String ID = "^[A-Za-z0-9][A-Za-z0-9._:-]{0,79}$";
    private final MdfService mdf;
    private final CurrentUser user;

    public MdfResource(MdfService mdf, CurrentUser user) {
        this.mdf = mdf;
        this.user = user;
    }

    public record Allocate(@NotBlank @Size(max = 100) String partnerId, @NotBlank @Size(max = 10) String period) {
    }

    public record NewRequest(@NotNull @Pattern(regexp = ID) String requestId, @NotNull Money amount) {
    }

    public record NewClaim(@NotNull @Pattern(regexp = ID) String claimId, @NotNull @Pattern(regexp = ID) String requestId,
                           @NotNull Money amount, @NotBlank @Size(max = 500) String proofRef,
                           @Size(max = 50) List<@NotBlank @Size(max = 200) String> dealIds) {
    }

    public record Approval(Money amount) {
    }

    @POST
    @Path("allocations")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER})
    public Uni<List<MdfService.FundView>> allocate(@Valid @NotNull Allocate a) {
        return mdf.allocate(a.partnerId(), a.period(), user.subject());
    }

    @GET
    @Path("funds")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE, Roles.PARTNER})
    public Uni<List<MdfService.FundView>> funds(@QueryParam("partnerId") @NotBlank @Size(max = 100) String partnerId, @QueryParam("period") @Size(max = 10) String period) {
        user.requireAccessToPartner(partnerId);
        return Panache.withSession(() -> mdf.views(partnerId, period));
    }

    @GET
    @Path("funds/{fundId}")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE, Roles.PARTNER})
    public Uni<MdfService.FundView> fund(@PathParam("fundId") String fundId) {
        UUID id = id(fundId);
        return mdf.owner(id).invoke(user::requireAccessToPartner).chain(o -> Panache.withSession(() -> mdf.view(id)));
    }

    @POST
    @Path("funds/{fundId}/requests")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.PARTNER})
    public Uni<MdfService.FundView> request(@PathParam("fundId") String fundId, @Valid @NotNull NewRequest r) {
        return mdf.request(id(fundId), r.requestId(), positive("amount", r.amount()), access(), Actor.of(user));
    }

    @POST
    @Path("funds/{fundId}/requests/{requestId}/approve")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER})
    public Uni<MdfService.FundView> approveRequest(@PathParam("fundId") String fundId, @PathParam("requestId") String requestId, Approval a) {
        return mdf.approveRequest(id(fundId), requestId, a == null ? null : positive("amount", a.amount()), Actor.of(user));
    }

    @POST
    @Path("funds/{fundId}/requests/{requestId}/reject")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER})
    public Uni<MdfService.FundView> rejectRequest(@PathParam("fundId") String fundId, @PathParam("requestId") String requestId) {
        return mdf.rejectRequest(id(fundId), requestId, Actor.of(user));
    }

    @POST
    @Path("funds/{fundId}/claims")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.PARTNER})
    public Uni<MdfService.FundView> claim(@PathParam("fundId") String fundId, @Valid @NotNull NewClaim c) {
        return mdf.claim(id(fundId), c.claimId(), c.requestId(), positive("amount", c.amount()), c.proofRef(), c.dealIds(), access(), Actor.of(user));
    }

    @POST
    @Path("funds/{fundId}/claims/{claimId}/approve")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE})
    public Uni<MdfService.FundView> approveClaim(@PathParam("fundId") String fundId, @PathParam("claimId") String claimId, Approval a) {
        return mdf.approveClaim(id(fundId), claimId, a == null ? null : positive("amount", a.amount()), Actor.of(user));
    }

    @POST
    @Path("funds/{fundId}/claims/{claimId}/reject")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE})
    public Uni<MdfService.FundView> rejectClaim(@PathParam("fundId") String fundId, @PathParam("claimId") String claimId) {
        return mdf.rejectClaim(id(fundId), claimId, Actor.of(user));
    }

    /** Money typed in: positive and at most 999,999,999,999 (the MDF rules bound it further). */
    static Money positive(String field, Money m) {
        if (m != null && (!m.isPositive() || m.amount().compareTo(new java.math.BigDecimal("999999999999")) > 0)) {
            throw ProblemException.badRequest(field + " must be positive and at most 999999999999",
                    new io.partnerflow.platform.problem.Problem.FieldError(field + ".amount", "positive, at most 999999999999"));
        }
        return m;
    }

    private java.util.function.Function<String, Void> access() {
        return owner -> {
            user.requireAccessToPartner(owner);
            return null;
        };
    }

    private static UUID id(String s) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("no MDF fund " + s);
        }
    }
}
