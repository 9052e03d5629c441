package io.partnerflow.analytics.api;

import io.partnerflow.analytics.application.DashboardService;
import io.partnerflow.platform.problem.ProblemException;
import io.partnerflow.platform.security.CurrentUser;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.NameBinding;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.UUID;

/**
 * A server-sent-events response is committed (200 + headers) before its stream is subscribed, so the stream cannot
 * answer 404 itself: this filter checks that the caller owns the dashboard first (another user's or an unknown id →
 * 404 problem, as everywhere else).
 */
public class DashboardStreamGuard {

    /** Marks the endpoints whose {@code {id}} must be a dashboard of the caller before the method runs. */
    @NameBinding
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    public @interface OwnedDashboard {
    }

    private final DashboardService dashboards;
    private final CurrentUser user;

    public DashboardStreamGuard(DashboardService dashboards, CurrentUser user) {
        this.dashboards = dashboards;
        this.user = user;
    }

    @OwnedDashboard
    @ServerRequestFilter
    public Uni<Void> ownerOnly(UriInfo uri) {
        String raw = uri.getPathParameters().getFirst("id");
        UUID id;
        try {
            id = UUID.fromString(raw);
        } catch (IllegalArgumentException | NullPointerException e) {
            return Uni.createFrom().failure(ProblemException.notFound("dashboard " + raw + " not found"));
        }
        return dashboards.get(DashboardResource.callerOf(user), id).replaceWithVoid();
    }
}
