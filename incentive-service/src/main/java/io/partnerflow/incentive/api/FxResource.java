package io.partnerflow.incentive.api;

import io.partnerflow.incentive.application.FxService;
import io.partnerflow.platform.problem.ProblemException;
import io.partnerflow.platform.security.CurrentUser;
import io.partnerflow.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** The FX rate table: "1 from = rate to" on a date; conversions use the latest rate on or before the date. */
@Path("/fx-rates")
public class FxResource {
    private final FxService fx;
    private final CurrentUser user;

    public FxResource(FxService fx, CurrentUser user) {
        this.fx = fx;
        this.user = user;
    }

    public record NewRate(@NotNull LocalDate date, @NotNull @Pattern(regexp = "^[A-Z]{3}$") String from,
                          @NotNull @Pattern(regexp = "^[A-Z]{3}$") String to, @NotNull BigDecimal rate, String source) {
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.FINANCE})
    public Uni<Response> add(@Valid @NotNull NewRate r) {
        return fx.publish(r.from(), r.to(), r.date(), r.rate(), r.source(), user.subject())
                .map(v -> Response.status(201).entity(v).build());
    }

    /** The rate that applies on {@code date} (latest on or before it). */
    @GET
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE, Roles.PARTNER})
    public Uni<FxService.RateView> lookup(@QueryParam("from") @NotNull @Pattern(regexp = "^[A-Z]{3}$") String from,
                                          @QueryParam("to") @NotNull @Pattern(regexp = "^[A-Z]{3}$") String to,
                                          @QueryParam("date") @NotNull LocalDate date) {
        return fx.lookup(from, to, date).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("no " + from + "/" + to + " rate on or before " + date));
    }

    @GET
    @Path("{from}/{to}")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE})
    public Uni<List<FxService.RateView>> history(@PathParam("from") String from, @PathParam("to") String to) {
        return fx.history(from, to);
    }
}
