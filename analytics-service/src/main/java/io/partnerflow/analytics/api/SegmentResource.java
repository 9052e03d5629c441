package io.partnerflow.analytics.api;

import io.partnerflow.analytics.application.SegmentService;
import io.partnerflow.analytics.domain.Period;
import io.partnerflow.analytics.domain.SegmentRule;
import io.partnerflow.analytics.domain.SegmentRuleSet;
import io.partnerflow.analytics.persistence.SegmentStore;
import io.partnerflow.platform.problem.Problem;
import io.partnerflow.platform.problem.ProblemException;
import io.partnerflow.platform.security.CurrentUser;
import io.partnerflow.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Segments: the versioned rules (read by staff, changed by admins and channel managers), evaluation on demand
 * (the scheduled one runs every {@code analytics.segments.evaluation.every}), the assignments with their reasons.
 * A partner user reads its own assignment only (another partner's id → 404).
 */
@Path("/")
@SecurityRequirement(name = "SecurityScheme")
public class SegmentResource {
    private final SegmentService segments;
    private final CurrentUser user;

    public SegmentResource(SegmentService segments, CurrentUser user) {
        this.segments = segments;
        this.user = user;
    }

    public record RuleSetRequest(List<SegmentRule> rules, String defaultCode, String defaultName) {
    }

    public record AssignmentView(String partnerId, String segment, String segmentName, String reason, int ruleSetVersion,
                                 String period, java.time.Instant assignedAt) {
        static AssignmentView of(SegmentStore.Row r) {
            return new AssignmentView(r.partnerId(), r.code(), r.name(), r.reason(), r.ruleSetVersion(), r.period(), r.assignedAt());
        }
    }

    @GET
    @Path("segment-rules")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE})
    public Uni<SegmentRuleSet> rules() {
        return segments.rules();
    }

    @PUT
    @Path("segment-rules")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER})
    public Uni<SegmentRuleSet> putRules(RuleSetRequest body) {
        if (body == null) {
            throw ProblemException.badRequest("a rule set is required", new Problem.FieldError("rules", "required"));
        }
        return segments.putRules(new SegmentRuleSet(0, body.rules(), body.defaultCode(), body.defaultName()), user.subject());
    }

    @POST
    @Path("segments/evaluations")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER})
    public Uni<SegmentService.Outcome> evaluate(@QueryParam("period") String period) {
        Period p = period == null ? segments.currentQuarter() : Params.period(period);
        if (!p.isQuarter()) {
            throw ProblemException.badRequest("segments are evaluated per quarter",
                    new Problem.FieldError("period", "a quarter like 2026-Q3"));
        }
        return segments.evaluate(p).invoke(o -> {
            if (o.skipped()) {
                throw ProblemException.conflict("another segment evaluation is running; try again in a moment");
            }
        });
    }

    @GET
    @Path("segments")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE})
    public Uni<List<AssignmentView>> list(@QueryParam("segment") String segment) {
        return segments.assignments(null).map(all -> all.values().stream()
                .filter(r -> segment == null || r.code().equals(segment))
                .sorted(Comparator.comparing(SegmentStore.Row::partnerId)).map(AssignmentView::of).toList());
    }

    @GET
    @Path("segments/{partnerId}")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE, Roles.PARTNER})
    public Uni<AssignmentView> one(@PathParam("partnerId") UUID partnerId) {
        user.requireAccessToPartner(partnerId.toString());
        return segments.assignments(partnerId).map(m -> {
            SegmentStore.Row r = m.get(partnerId.toString());
            if (r == null) {
                throw ProblemException.notFound("partner " + partnerId + " has no segment yet");
            }
            return AssignmentView.of(r);
        });
    }
}
