package io.partnerflow.analytics.api;

import io.partnerflow.analytics.api.ScorecardDtos.LeaderboardRowView;
import io.partnerflow.analytics.api.ScorecardDtos.LeaderboardView;
import io.partnerflow.analytics.application.ScorecardQueries;
import io.partnerflow.analytics.application.ScorecardQueries.PartnerScorecard;
import io.partnerflow.analytics.config.AnalyticsConfig;
import io.partnerflow.analytics.domain.Figure;
import io.partnerflow.analytics.domain.Leaderboard;
import io.partnerflow.analytics.domain.Period;
import io.partnerflow.core.geo.Regions;
import io.partnerflow.platform.security.CurrentUser;
import io.partnerflow.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.util.List;
import java.util.function.Predicate;

/**
 * Leaderboards: partners ranked by a figure of the period (highest first, ties by ascending partner id). Staff see
 * every name; a partner user sees the whole board with the other partners' names and ids masked, and its own row.
 * Partners whose figure is zero in the period are not on the board. Optional filters {@code tier}, {@code region}
 * ({@link Regions}) and {@code type} keep only the partners whose current profile matches all of them; the program
 * setting {@code analytics.leaderboards.show-names-to-partners} unmasks the names for partner users.
 */
@Path("/leaderboards")
@SecurityRequirement(name = "SecurityScheme")
public class LeaderboardResource {
    private final ScorecardQueries queries;
    private final CurrentUser user;
    private final boolean showNamesToPartners;

    public LeaderboardResource(ScorecardQueries queries, CurrentUser user, AnalyticsConfig config) {
        this.queries = queries;
        this.user = user;
        this.showNamesToPartners = config.leaderboards().showNamesToPartners();
    }

    @GET
    @Path("/{metric}")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE, Roles.PARTNER})
    public Uni<LeaderboardView> board(@PathParam("metric") String metric, @QueryParam("period") String period,
                                      @QueryParam("limit") Integer limit, @QueryParam("tier") String tier,
                                      @QueryParam("region") String region, @QueryParam("type") String type) {
        Figure figure = Params.figure("metric", metric);
        Period p = Params.period(period);
        int max = Params.limit(limit, 100, 1000);
        Predicate<PartnerScorecard> filter = Params.partnerFilter(tier, region, type);
        String viewer = user.isStaff() ? null : user.partnerId().orElse("");
        return queries.all(p).map(all -> {
            // partners on the board: those passing the filters with a non-zero figure in the period
            List<Leaderboard.Row> rows = Leaderboard.rank(all.stream().filter(filter).map(s -> new Leaderboard.Entry(s.scorecard().partnerId(),
                    s.profile().name(), figure.valueOf(s.scorecard()))).filter(e -> e.value().signum() != 0).toList(), viewer,
                    showNamesToPartners);
            LeaderboardRowView you = rows.stream().filter(Leaderboard.Row::you).findFirst().map(LeaderboardResource::view).orElse(null);
            return new LeaderboardView(figure.urlName(), p.key(), figure.isMoney() ? queries.baseCurrency() : "count",
                    rows.stream().limit(max).map(LeaderboardResource::view).toList(), you);
        });
    }

    private static LeaderboardRowView view(Leaderboard.Row r) {
        return new LeaderboardRowView(r.rank(), r.partnerId(), r.name(), r.value().toPlainString(), r.you());
    }
}
