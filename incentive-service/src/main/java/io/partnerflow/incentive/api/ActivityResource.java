package io.partnerflow.incentive.api;

import io.partnerflow.incentive.application.ActivityService;
import io.partnerflow.platform.problem.Problem;
import io.partnerflow.platform.problem.ProblemException;
import io.partnerflow.platform.security.CurrentUser;
import io.partnerflow.platform.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Partner activities (implementation go-live, adoption milestone, satisfaction score, campaign executed). */
@Path("/partners/{partnerId}/activities")
public class ActivityResource {
    private final ActivityService activities;
    private final CurrentUser user;

    public ActivityResource(ActivityService activities, CurrentUser user) {
        this.activities = activities;
        this.user = user;
    }

    public record Report(@Pattern(regexp = "^[A-Za-z0-9][A-Za-z0-9._:-]{0,79}$") String activityId,
                         @NotNull @Pattern(regexp = "^(implementation_go_live|adoption_milestone|satisfaction_score|campaign_executed)$") String type,
                         @NotNull Instant occurredAt, BigDecimal score, @Size(max = 2000) String description) {
    }

    /** Channel managers/admins report an activity (idempotent by activityId); its rewards accrue at once. */
    @POST
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER})
    public Uni<Response> report(@PathParam("partnerId") @Size(max = 100) String partnerId, @Valid @NotNull Report r) {
        if ("satisfaction_score".equals(r.type()) && r.score() == null) {
            throw ProblemException.badRequest("a satisfaction score needs its score", new Problem.FieldError("score", "required for satisfaction_score"));
        }
        if (r.score() != null && (r.score().signum() < 0 || r.score().scale() > 4 || r.score().precision() - r.score().scale() > 6)) {
            throw ProblemException.badRequest("score out of range", new Problem.FieldError("score", "0 to 999999.9999"));
        }
        Dates.within("occurredAt", r.occurredAt());
        return activities.report(partnerId, r.activityId(), r.type(), r.occurredAt(), r.score(), r.description(), user.subject())
                .map(v -> Response.status(201).entity(v).build());
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE, Roles.PARTNER})
    public Uni<List<ActivityService.ActivityView>> list(@PathParam("partnerId") String partnerId) {
        user.requireAccessToPartner(partnerId);
        return Panache.withSession(() -> activities.list(partnerId, null));
    }
}
