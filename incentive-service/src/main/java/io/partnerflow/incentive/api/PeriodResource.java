package io.partnerflow.incentive.api;

import io.partnerflow.incentive.application.PeriodService;
import io.partnerflow.platform.security.CurrentUser;
import io.partnerflow.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import java.util.List;

/** Period close (explicit, idempotent) and estimates before it. */
@Path("/")
public class PeriodResource {
    private final PeriodService periods;
    private final CurrentUser user;

    public PeriodResource(PeriodService periods, CurrentUser user) {
        this.periods = periods;
        this.user = user;
    }

    /** Settles rebates, accelerators and caps of the period and expires its MDF funds; a second call changes nothing. */
    @POST
    @Path("periods/{period}/close")
    @RolesAllowed({Roles.ADMIN, Roles.FINANCE})
    public Uni<PeriodService.CloseResult> close(@PathParam("period") String period) {
        return periods.close(period, user.subject());
    }

    /** What the close would settle now (all partners, or one), as estimates: nothing is written or published. */
    @GET
    @Path("periods/{period}/estimates")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE})
    public Uni<List<PeriodService.Settlement>> estimates(@PathParam("period") String period, @QueryParam("partnerId") String partnerId) {
        return periods.estimate(period, partnerId);
    }

    @GET
    @Path("partners/{partnerId}/estimates")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE, Roles.PARTNER})
    public Uni<List<PeriodService.Settlement>> partnerEstimates(@PathParam("partnerId") String partnerId, @QueryParam("period") String period) {
        user.requireAccessToPartner(partnerId);
        if (period == null) {
            throw io.partnerflow.platform.problem.ProblemException.badRequest("period is required (2026, 2026-Q1 or 2026-03)");
        }
        return periods.estimate(period, partnerId);
    }
}
