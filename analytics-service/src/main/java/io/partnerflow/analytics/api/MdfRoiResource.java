package io.partnerflow.analytics.api;

import io.partnerflow.analytics.api.ScorecardDtos.MdfRoiListView;
import io.partnerflow.analytics.api.ScorecardDtos.MdfRoiRow;
import io.partnerflow.analytics.api.ScorecardDtos.MdfRoiView;
import io.partnerflow.analytics.application.ScorecardQueries;
import io.partnerflow.analytics.application.ScorecardQueries.PartnerScorecard;
import io.partnerflow.analytics.domain.MdfRoi;
import io.partnerflow.analytics.domain.Period;
import io.partnerflow.platform.security.CurrentUser;
import io.partnerflow.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * MDF ROI for a period: does MDF pay off? Staff see every partner with an MDF figure and the program total; a partner
 * user sees only its own row (and a total of that row), whatever it asks.
 */
@Path("/mdf-roi")
@SecurityRequirement(name = "SecurityScheme")
public class MdfRoiResource {
    private final ScorecardQueries queries;
    private final CurrentUser user;

    public MdfRoiResource(ScorecardQueries queries, CurrentUser user) {
        this.queries = queries;
        this.user = user;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE, Roles.PARTNER})
    public Uni<MdfRoiListView> roi(@QueryParam("period") String period) {
        Period p = Params.period(period);
        String base = queries.baseCurrency();
        Uni<List<PartnerScorecard>> cards;
        if (user.isStaff()) {
            cards = queries.all(p);
        } else {
            Optional<UUID> own = user.partnerId().flatMap(MdfRoiResource::uuid);
            cards = own.isEmpty() ? Uni.createFrom().item(List.of())
                    : queries.one(own.get(), p).map(o -> o.map(List::of).orElse(List.of()));
        }
        return cards.map(all -> {
            List<PartnerScorecard> withMdf = all.stream().filter(c -> MdfRoi.of(c.scorecard()).any())
                    .sorted(Comparator.comparing((PartnerScorecard c) -> c.scorecard().partnerId())).toList();
            List<MdfRoiRow> rows = withMdf.stream().map(c -> new MdfRoiRow(c.scorecard().partnerId(), c.profile().name(),
                    MdfRoiView.of(MdfRoi.of(c.scorecard())), c.scorecard().complete())).toList();
            return new MdfRoiListView(p.key(), base, rows,
                    MdfRoiView.of(MdfRoi.total(withMdf.stream().map(PartnerScorecard::scorecard).toList(), base)));
        });
    }

    private static Optional<UUID> uuid(String s) {
        try {
            return Optional.of(UUID.fromString(s));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
