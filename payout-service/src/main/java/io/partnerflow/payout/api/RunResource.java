package io.partnerflow.payout.api;

import io.partnerflow.core.money.Money;
import io.partnerflow.payout.application.Actor;
import io.partnerflow.payout.application.ExportService;
import io.partnerflow.payout.application.RunService;
import io.partnerflow.payout.application.RunService.ItemRow;
import io.partnerflow.payout.application.RunService.RunRow;
import io.partnerflow.payout.domain.bank.BankAccounts;
import io.partnerflow.platform.problem.Problem;
import io.partnerflow.platform.problem.ProblemException;
import io.partnerflow.platform.security.CurrentUser;
import io.partnerflow.platform.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BiFunction;

/** Payout runs for finance: create (Idempotency-Key), approve (a different user), cancel, export, settle. */
@Path("/")
@SecurityRequirement(name = "SecurityScheme")
public class RunResource {
    private final RunService runs;
    private final ExportService exports;
    private final CurrentUser user;

    private final java.time.Clock clock;

    public RunResource(RunService runs, ExportService exports, CurrentUser user, java.time.Clock clock) {
        this.runs = runs;
        this.exports = exports;
        this.user = user;
        this.clock = clock;
    }

    public record CreateRun(@NotNull LocalDate cutoff) {
    }

    public record Reason(@NotBlank @Size(max = 2000) String reason) {
    }

    public record SettleItem(@NotBlank @Size(max = 20) String outcome, @Size(max = 140) String bankReference,
                             LocalDate valueDate, @Size(max = 20) String failureCode, @Size(max = 2000) String reason) {
    }

    public record ItemView(UUID itemId, String partnerId, String partnerName, MoneyView amount, String method,
                           int earningCount, String account, String status, String bankReference, LocalDate valueDate,
                           String failureCode, String failureReason, Instant settledAt) {
        static ItemView of(ItemRow i) {
            String account = i.maskedAccount();
            return new ItemView(i.id(), i.partnerId(), i.partnerName(), MoneyView.of(i.amount()), i.method(), i.earningCount(),
                    account, i.status(), i.bankReference(), i.valueDate(), i.failureCode(), i.failureReason(), i.settledAt());
        }
    }

    public record HeldView(String partnerId, MoneyView amount, String reason, String detail, String earningId) {
    }

    public record RunView(UUID runId, LocalDate cutoff, String period, String status, String createdBy, Instant createdAt,
                          String approvedBy, Instant approvedAt, List<ItemView> items, List<MoneyView> totals,
                          List<HeldView> held) {
        static RunView of(RunRow r, List<ItemRow> items) {
            Map<String, Money> totals = new TreeMap<>();
            items.stream().filter(i -> !"cancelled".equals(i.status())).forEach(i -> totals.merge(i.amount().currencyCode(), i.amount(), Money::plus));
            return new RunView(r.id(), r.cutoff(), r.period(), r.status(), r.createdBy(), r.createdAt(), r.approvedBy(),
                    r.approvedAt(), items.stream().map(ItemView::of).toList(), totals.values().stream().map(MoneyView::of).toList(),
                    r.held().stream().map(h -> new HeldView(h.partnerId(), MoneyView.of(h.amount()), h.reason(), h.detail(),
                            h.earningId())).toList());
        }
    }

    @POST
    @Path("payout-runs")
    @RolesAllowed(Roles.FINANCE)
    public Uni<Response> create(@HeaderParam("Idempotency-Key") String key, @Valid @NotNull CreateRun body) {
        if (key == null || key.isBlank() || key.length() > 200) {
            throw ProblemException.badRequest("the Idempotency-Key header is required (1-200 characters): a retry with the same key returns the same run",
                    new Problem.FieldError("Idempotency-Key", "required"));
        }
        // a run pays what was approved up to its cutoff: not before the ledger could exist, not beyond a year ahead
        LocalDate today = LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
        Bounds.date("cutoff", body.cutoff(), Bounds.EARLIEST, today.plusYears(1));
        return runs.create(key.trim(), body.cutoff(), Actor.of(user))
                .chain(created -> view(created.run().id()).map(v -> (created.created()
                        ? Response.created(URI.create("/payout-runs/" + v.runId())) : Response.ok()).entity(v).build()));
    }

    @GET
    @Path("payout-runs")
    @RolesAllowed({Roles.FINANCE, Roles.ADMIN})
    public Uni<List<RunView>> list(@QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return Panache.withSession(() -> runs.list(limit))
                .map(rows -> rows.stream().map(r -> RunView.of(r, List.of())).toList());
    }

    @GET
    @Path("payout-runs/{runId}")
    @RolesAllowed({Roles.FINANCE, Roles.ADMIN})
    public Uni<RunView> get(@PathParam("runId") UUID runId) {
        return view(runId);
    }

    @POST
    @Path("payout-runs/{runId}/approve")
    @RolesAllowed(Roles.FINANCE)
    public Uni<RunView> approve(@PathParam("runId") UUID runId) {
        return runs.approve(runId, Actor.of(user)).chain(r -> view(runId));
    }

    @POST
    @Path("payout-runs/{runId}/cancel")
    @RolesAllowed(Roles.FINANCE)
    public Uni<RunView> cancel(@PathParam("runId") UUID runId, @Valid @NotNull Reason body) {
        return runs.cancel(runId, user.subject(), body.reason()).chain(r -> view(runId));
    }

    @POST
    @Path("payout-runs/{runId}/items/{itemId}/settlement")
    @RolesAllowed(Roles.FINANCE)
    public Uni<ItemView> settle(@PathParam("runId") UUID runId, @PathParam("itemId") UUID itemId, @Valid @NotNull SettleItem body) {
        String outcome = body.outcome().trim().toLowerCase();
        if (outcome.equals("paid") && (body.bankReference() == null || body.bankReference().isBlank())) {
            throw ProblemException.badRequest("a paid item needs the bank's reference", new Problem.FieldError("bankReference", "required when paid"));
        }
        if (outcome.equals("failed") && (body.reason() == null || body.reason().isBlank() || body.failureCode() == null || body.failureCode().isBlank())) {
            throw ProblemException.badRequest("a failed item needs the bank's code and the reason",
                    new Problem.FieldError("failureCode", "required when failed"), new Problem.FieldError("reason", "required when failed"));
        }
        Bounds.date("valueDate", body.valueDate(), Bounds.EARLIEST, Bounds.LATEST);
        if (!outcome.equals("paid") && !outcome.equals("failed")) {
            throw ProblemException.badRequest("outcome is paid or failed", new Problem.FieldError("outcome", "paid or failed"));
        }
        return runs.settle(runId, itemId, new RunService.Settlement(outcome, body.bankReference(), body.valueDate(),
                body.failureCode(), body.reason()), user.subject()).map(ItemView::of);
    }

    @GET
    @Path("payout-runs/{runId}/exports/items.csv")
    @Produces("text/csv")
    @RolesAllowed({Roles.FINANCE, Roles.ADMIN})
    public Uni<Response> itemsCsv(@PathParam("runId") UUID runId) {
        return file(runId, exports::itemsCsv, "text/csv", "payout-run-" + runId + "-items.csv");
    }

    @GET
    @Path("payout-runs/{runId}/exports/pain001.xml")
    @Produces("application/xml")
    @RolesAllowed(Roles.FINANCE)
    public Uni<Response> pain001(@PathParam("runId") UUID runId) {
        return file(runId, exports::pain001, "application/xml", "payout-run-" + runId + "-pain001.xml");
    }

    @GET
    @Path("payout-runs/{runId}/exports/nacha.txt")
    @Produces("text/plain")
    @RolesAllowed(Roles.FINANCE)
    public Uni<Response> nacha(@PathParam("runId") UUID runId) {
        return file(runId, exports::nacha, "text/plain", "payout-run-" + runId + "-nacha.ach");
    }

    /** The partner's payouts (items of runs, bank numbers masked). */
    @GET
    @Path("partners/{partnerId}/payouts")
    @RolesAllowed({Roles.ADMIN, Roles.FINANCE, Roles.CHANNEL_MANAGER, Roles.PARTNER})
    public Uni<List<ItemView>> payouts(@PathParam("partnerId") String partnerId) {
        user.requireAccessToPartner(partnerId);
        return Panache.withSession(() -> runs.itemsOfPartner(partnerId)).map(l -> l.stream().map(ItemView::of).toList());
    }

    private Uni<Response> file(UUID runId, BiFunction<RunRow, List<ItemRow>, String> writer, String type, String name) {
        return Panache.withSession(() -> runs.find(runId).chain(r -> {
            if (r == null) {
                throw ProblemException.notFound("no payout run " + runId);
            }
            return runs.items(runId).map(items -> writer.apply(r, items));
        })).map(body -> Response.ok(body, type).header("Content-Disposition", "attachment; filename=\"" + name + "\"").build());
    }

    private Uni<RunView> view(UUID runId) {
        return Panache.withSession(() -> runs.find(runId).chain(r -> {
            if (r == null) {
                throw ProblemException.notFound("no payout run " + runId);
            }
            return runs.items(runId).map(items -> RunView.of(r, items));
        }));
    }
}
