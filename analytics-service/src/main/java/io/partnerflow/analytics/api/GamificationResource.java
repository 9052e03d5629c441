package io.partnerflow.analytics.api;

import io.partnerflow.analytics.application.ChallengeService;
import io.partnerflow.analytics.domain.Challenge;
import io.partnerflow.analytics.persistence.GamificationStore;
import io.partnerflow.platform.problem.Problem;
import io.partnerflow.platform.problem.ProblemException;
import io.partnerflow.platform.security.CurrentUser;
import io.partnerflow.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Badges and challenges. A partner user reads its own badges and its own progress only (another partner's id → 404,
 * as everywhere); challenges themselves (name, window, goal, award) are the program's and visible to partners;
 * channel managers and admins create them.
 */
@Path("/")
@SecurityRequirement(name = "SecurityScheme")
public class GamificationResource {
    private final ChallengeService challenges;
    private final CurrentUser user;

    public GamificationResource(ChallengeService challenges, CurrentUser user) {
        this.challenges = challenges;
        this.user = user;
    }

    public record BadgeView(String partnerId, String badge, String badgeName, int ruleSetVersion, String reason, Instant awardedAt) {
        static BadgeView of(GamificationStore.BadgeRow r) {
            return new BadgeView(r.partnerId(), r.code(), r.name(), r.ruleSetVersion(), r.reason(), r.awardedAt());
        }
    }

    public record GoalBody(String metric, String target) {
    }

    public record AwardBody(String amount, String currency) {
    }

    public record ChallengeRequest(String name, LocalDate from, LocalDate to, GoalBody goal, AwardBody award) {
    }

    public record GoalView(String metric, String target, String unit) {
    }

    public record ChallengeView(String challengeId, String name, LocalDate from, LocalDate to, GoalView goal, Map<String, String> award) {
        static ChallengeView of(Challenge c, String base) {
            return new ChallengeView(c.challengeId(), c.name(), c.from(), c.to(),
                    new GoalView(c.goal().urlName(), c.target().toPlainString(), c.unit(base)),
                    Map.of("amount", c.award().amountString(), "currency", c.award().currencyCode()));
        }
    }

    public record ProgressRow(String partnerId, String achieved, BigDecimal percent, boolean completed, Instant completedAt) {
    }

    public record ProgressView(ChallengeView challenge, List<ProgressRow> partners) {
    }

    // ---- badges

    @GET
    @Path("badges")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE})
    public Uni<List<BadgeView>> badges(@QueryParam("badge") String badge) {
        if (badge != null && (badge.isBlank() || badge.length() > 60)) {
            throw ProblemException.badRequest("bad badge code", new Problem.FieldError("badge", "1 to 60 characters"));
        }
        return challenges.badges(null, badge).map(l -> l.stream().map(BadgeView::of).toList());
    }

    @GET
    @Path("badges/{partnerId}")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE, Roles.PARTNER})
    public Uni<List<BadgeView>> badgesOf(@PathParam("partnerId") UUID partnerId) {
        user.requireAccessToPartner(partnerId.toString());
        return challenges.badges(partnerId, null).map(l -> l.stream().map(BadgeView::of).toList());
    }

    @POST
    @Path("badges/evaluations")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER})
    public Uni<Map<String, Object>> evaluateQuarter(@QueryParam("period") String period) {
        var p = Params.period(period);
        return challenges.evaluateQuarter(p).map(n -> Map.of("period", p.key(), "awarded", n));
    }

    // ---- challenges

    @POST
    @Path("challenges")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER})
    public Uni<Response> create(ChallengeRequest body) {
        if (body == null) {
            throw ProblemException.badRequest("a challenge is required", new Problem.FieldError("name", "required"));
        }
        Challenge.Draft draft = new Challenge.Draft(body.name(), body.from(), body.to(),
                body.goal() == null ? null : body.goal().metric(), body.goal() == null ? null : body.goal().target(),
                body.award() == null ? null : body.award().amount(), body.award() == null ? null : body.award().currency());
        return challenges.create(draft, user.subject()).map(c -> Response.status(Response.Status.CREATED)
                .header("Location", "/challenges/" + c.challengeId()).entity(ChallengeView.of(c, challenges.baseCurrency())).build());
    }

    @GET
    @Path("challenges")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE, Roles.PARTNER})
    public Uni<List<ChallengeView>> list() {
        return challenges.all().map(l -> l.stream().map(c -> ChallengeView.of(c, challenges.baseCurrency())).toList());
    }

    @GET
    @Path("challenges/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE, Roles.PARTNER})
    public Uni<ChallengeView> one(@PathParam("id") UUID id) {
        return found(id).map(c -> ChallengeView.of(c, challenges.baseCurrency()));
    }

    /** Staff: every partner with a figure in the window; a partner user: its own row only. */
    @GET
    @Path("challenges/{id}/progress")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE, Roles.PARTNER})
    public Uni<ProgressView> progress(@PathParam("id") UUID id, @QueryParam("partnerId") UUID partnerId) {
        UUID scope = partnerId;
        if (!user.isStaff()) {
            String own = user.partnerId().orElseThrow(() -> ProblemException.notFound("no such resource"));
            if (partnerId != null) {
                user.requireAccessToPartner(partnerId.toString());
            }
            try {
                scope = UUID.fromString(own);
            } catch (IllegalArgumentException e) {
                throw ProblemException.notFound("no such resource");
            }
        }
        UUID which = scope;
        return found(id).chain(c -> challenges.progress(c, which).map(rows -> new ProgressView(ChallengeView.of(c, challenges.baseCurrency()),
                rows.stream().map(r -> new ProgressRow(r.partnerId(), r.achieved().toPlainString(), r.percent(), r.completed(), r.completedAt()))
                        .toList())));
    }

    private Uni<Challenge> found(UUID id) {
        return challenges.one(id).map(o -> o.orElseThrow(() -> ProblemException.notFound("no challenge " + id)));
    }
}
