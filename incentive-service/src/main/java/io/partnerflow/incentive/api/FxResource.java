package io.partnerflow.incentive.api;

import io.partnerflow.incentive.application.FxService;
import io.partnerflow.platform.problem.ProblemException;
import io.partnerflow.platform.security.CurrentUser;
import io.partnerflow.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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
                          @NotNull @Pattern(regexp = "^[A-Z]{3}$") String to, @NotNull BigDecimal rate,
                          @Size(max = 50) String source) {
    }

    /** A correction: the new rate, why, and the version it replaces (the current one). */
    public record Correction(@NotNull BigDecimal rate, @NotBlank @Size(max = 2000) String reason,
                             @NotNull @Min(1) Integer replacesVersion) {
    }

    /** A withdrawal: why, and the version it replaces (the current one). */
    public record Withdrawal(@NotBlank @Size(max = 2000) String reason, @NotNull @Min(1) Integer replacesVersion) {
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.FINANCE})
    public Uni<Response> add(@Valid @NotNull NewRate r) {
        Dates.within("date", r.date());
        return fx.publish(r.from(), r.to(), r.date(), r.rate(), r.source(), user.subject(), user.identity())
                .map(p -> Response.status(p.created() ? 201 : 200).entity(p.rate()).build());
    }

    /** Corrects a published rate: a new version naming the one it replaces; {@code fx.rate-corrected} is published. */
    @POST
    @Path("{from}/{to}/{date}/corrections")
    @RolesAllowed({Roles.ADMIN, Roles.FINANCE})
    public Uni<Response> correct(@PathParam("from") @Pattern(regexp = "^[A-Z]{3}$") String from,
                                 @PathParam("to") @Pattern(regexp = "^[A-Z]{3}$") String to,
                                 @PathParam("date") String rawDate, @Valid @NotNull Correction c) {
        LocalDate date = Dates.parse("date", rawDate);
        return fx.correct(from, to, date, c.replacesVersion(), c.rate(), c.reason().strip(), user.subject(), user.identity())
                .map(e -> Response.status(201).entity(e).build());
    }

    /** Withdraws a published rate (conversions for that date fall back to the latest earlier rate). */
    @POST
    @Path("{from}/{to}/{date}/withdrawal")
    @RolesAllowed({Roles.ADMIN, Roles.FINANCE})
    public Uni<Response> withdraw(@PathParam("from") @Pattern(regexp = "^[A-Z]{3}$") String from,
                                  @PathParam("to") @Pattern(regexp = "^[A-Z]{3}$") String to,
                                  @PathParam("date") String rawDate, @Valid @NotNull Withdrawal w) {
        LocalDate date = Dates.parse("date", rawDate);
        return fx.correct(from, to, date, w.replacesVersion(), null, w.reason().strip(), user.subject(), user.identity())
                .map(e -> Response.status(201).entity(e).build());
    }

    /** Every version of the pair's rate on that date: published, corrected, withdrawn — who, when, why. */
    @GET
    @Path("{from}/{to}/{date}/versions")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE})
    public Uni<List<FxService.VersionView>> versions(@PathParam("from") @Pattern(regexp = "^[A-Z]{3}$") String from,
                                                     @PathParam("to") @Pattern(regexp = "^[A-Z]{3}$") String to,
                                                     @PathParam("date") String rawDate) {
        return fx.versions(from, to, Dates.parse("date", rawDate));
    }

    /** The rate that applies on {@code date} (latest on or before it). */
    @GET
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE, Roles.PARTNER})
    public Uni<FxService.RateView> lookup(@QueryParam("from") @NotNull @Pattern(regexp = "^[A-Z]{3}$") String from,
                                          @QueryParam("to") @NotNull @Pattern(regexp = "^[A-Z]{3}$") String to,
                                          @QueryParam("date") String rawDate) {
        LocalDate date = Dates.parse("date", rawDate);
        return fx.lookup(from, to, date).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("no " + from + "/" + to + " rate on or before " + date));
    }

    @GET
    @Path("{from}/{to}")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE})
    public Uni<List<FxService.RateView>> history(@PathParam("from") @Pattern(regexp = "^[A-Z]{3}$") String from,
                                                 @PathParam("to") @Pattern(regexp = "^[A-Z]{3}$") String to) {
        return fx.history(from, to);
    }
}
