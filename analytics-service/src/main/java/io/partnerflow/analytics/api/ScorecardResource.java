package io.partnerflow.analytics.api;

import io.partnerflow.analytics.api.ScorecardDtos.ProgramView;
import io.partnerflow.analytics.api.ScorecardDtos.ScorecardListView;
import io.partnerflow.analytics.api.ScorecardDtos.ScorecardView;
import io.partnerflow.analytics.application.ScorecardQueries;
import io.partnerflow.analytics.application.ScorecardQueries.PartnerScorecard;
import io.partnerflow.analytics.domain.Figure;
import io.partnerflow.analytics.domain.MdfRoi;
import io.partnerflow.analytics.domain.Period;
import io.partnerflow.analytics.domain.ProgramRollup;
import io.partnerflow.core.geo.Regions;
import io.partnerflow.platform.problem.ProblemException;
import io.partnerflow.platform.security.CurrentUser;
import io.partnerflow.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Partner scorecards per period. A partner user reads only its own ({@code partner_id} claim; another partner's id
 * answers 404, as everywhere); the list with the program roll-up is for staff.
 */
@Path("/scorecards")
@SecurityRequirement(name = "SecurityScheme")
public class ScorecardResource {
    private final ScorecardQueries queries;
    private final CurrentUser user;

    public ScorecardResource(ScorecardQueries queries, CurrentUser user) {
        this.queries = queries;
        this.user = user;
    }

    @GET
    @Path("/{partnerId}")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE, Roles.PARTNER})
    public Uni<ScorecardView> one(@PathParam("partnerId") UUID partnerId, @QueryParam("period") String period) {
        user.requireAccessToPartner(partnerId.toString());
        Period p = Params.period(period);
        return queries.one(partnerId, p).map(found -> found.map(ScorecardView::of)
                .orElseThrow(() -> ProblemException.notFound("no analytics for partner " + partnerId)));
    }

    /** Every partner's scorecard for the period, sorted by a figure (highest first, ties by partner id), and the roll-up. */
    @GET
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE})
    public Uni<ScorecardListView> list(@QueryParam("period") String period, @QueryParam("sort") String sort,
                                       @QueryParam("limit") Integer limit) {
        Period p = Params.period(period);
        Figure by = sort == null ? Figure.SOURCED_REVENUE : Params.figure("sort", sort);
        int max = Params.limit(limit, 50, 1000);
        return queries.all(p).map(all -> {
            List<PartnerScorecard> sorted = all.stream().sorted(Comparator
                    .comparing((PartnerScorecard s) -> by.valueOf(s.scorecard())).reversed()
                    .thenComparing(s -> s.scorecard().partnerId())).toList();
            String base = queries.baseCurrency();
            ProgramView program = new ProgramView(ProgramRollup.total(all, PartnerScorecard::scorecard, base),
                    ProgramRollup.by(all, PartnerScorecard::scorecard, s -> s.profile().tierCode(), base),
                    ProgramRollup.by(all, PartnerScorecard::scorecard, s -> s.profile().country(), base),
                    ProgramRollup.by(all, PartnerScorecard::scorecard, s -> s.profile().type(), base),
                    ProgramRollup.by(all, PartnerScorecard::scorecard, s -> Regions.of(s.profile().country()), base),
                    ScorecardDtos.MdfRoiView.of(MdfRoi.total(all.stream().map(PartnerScorecard::scorecard).toList(), base)));
            return new ScorecardListView(p.key(), base, by.urlName(), all.size(),
                    sorted.stream().limit(max).map(ScorecardView::of).toList(), program);
        });
    }
}
