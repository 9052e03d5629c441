package io.partnerflow.analytics.api;

import io.partnerflow.analytics.api.ScorecardDtos.LeaderboardRowView;
import io.partnerflow.analytics.api.ScorecardDtos.LeaderboardView;
import io.partnerflow.analytics.application.ScorecardQueries;
import io.partnerflow.analytics.domain.Figure;
import io.partnerflow.analytics.domain.Leaderboard;
import io.partnerflow.analytics.domain.Period;
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

/**
 * Leaderboards: partners ranked by a figure of the period (highest first, ties by ascending partner id). Staff see
 * every name; a partner user sees the whole board with the other partners' names and ids masked, and its own row.
 * Partners whose figure is zero in the period are not on the board.
 */
@Path("/leaderboards")
@SecurityRequirement(name = "SecurityScheme")
public class LeaderboardResource {
    private final ScorecardQueries queries;
    private final CurrentUser user;

    public LeaderboardResource(ScorecardQueries queries, CurrentUser user) {
        this.queries = queries;
        this.user = user;
    }

    @GET
    @Path("/{metric}")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE, Roles.PARTNER})
    public Uni<LeaderboardView> board(@PathParam("metric") String metric, @QueryParam("period") String period,
                                      @QueryParam("limit") Integer limit) {
        Figure figure = Params.figure("metric", metric);
        Period p = Params.period(period);
        int max = Params.limit(limit, 100, 1000);
        String viewer = user.isStaff() ? null : user.partnerId().orElse("");
        return queries.all(p).map(all -> {
            // partners on the board: those with a non-zero figure in the period
            List<Leaderboard.Row> rows = Leaderboard.rank(all.stream().map(s -> new Leaderboard.Entry(s.scorecard().partnerId(),
                    s.profile().name(), figure.valueOf(s.scorecard()))).filter(e -> e.value().signum() != 0).toList(), viewer);
            LeaderboardRowView you = rows.stream().filter(Leaderboard.Row::you).findFirst().map(LeaderboardResource::view).orElse(null);
            return new LeaderboardView(figure.urlName(), p.key(), figure.isMoney() ? queries.baseCurrency() : "count",
                    rows.stream().limit(max).map(LeaderboardResource::view).toList(), you);
        });
    }

    private static LeaderboardRowView view(Leaderboard.Row r) {
        return new LeaderboardRowView(r.rank(), r.partnerId(), r.name(), r.value().toPlainString(), r.you());
    }
}
