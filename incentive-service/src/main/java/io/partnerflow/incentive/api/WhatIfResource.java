package io.partnerflow.incentive.api;

import io.partnerflow.incentive.application.WhatIfService;
import io.partnerflow.incentive.domain.ProgramDefinition;
import io.partnerflow.platform.security.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import java.sql.SQLException;
import java.time.Instant;

/** What-if: a proposed program version over a date range — per partner, commission now vs proposed; publishes nothing. */
@Path("/what-if")
public class WhatIfResource {
    private final WhatIfService whatIf;

    public WhatIfResource(WhatIfService whatIf) {
        this.whatIf = whatIf;
    }

    public record Request(@NotNull Instant from, @NotNull Instant to, @NotNull ProgramDefinition proposed) {
    }

    @POST
    @Blocking
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE})
    public WhatIfService.Result run(@Valid @NotNull Request r) throws SQLException {
        Dates.within("from", r.from());
        Dates.within("to", r.to());
        Dates.ordered("from", r.from(), "to", r.to());
        return whatIf.run(r.from(), r.to(), r.proposed());
    }
}
