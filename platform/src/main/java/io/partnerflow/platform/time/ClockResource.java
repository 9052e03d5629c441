package io.partnerflow.platform.time;

import io.partnerflow.platform.PlatformConfig;
import io.partnerflow.platform.problem.ProblemException;
import io.partnerflow.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import java.time.Instant;

/** Reads (anyone authenticated) and, only when {@code partnerflow.clock.adjustable=true}, moves the clock. */
@Path("/admin/clock")
public class ClockResource {
    private final AdjustableClock clock;
    private final PlatformConfig config;

    public ClockResource(AdjustableClock clock, PlatformConfig config) {
        this.clock = clock;
        this.config = config;
    }

    public record ClockState(@NotNull Instant instant) {
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE, Roles.PARTNER})
    public ClockState get() {
        return new ClockState(clock.instant());
    }

    @PUT
    @RolesAllowed(Roles.ADMIN)
    public ClockState set(@Valid @NotNull ClockState state) {
        if (!config.clock().adjustable()) {
            throw ProblemException.forbidden("the clock is not adjustable in this deployment");
        }
        clock.setInstant(state.instant());
        return new ClockState(clock.instant());
    }
}
