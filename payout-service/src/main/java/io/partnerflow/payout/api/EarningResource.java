package io.partnerflow.payout.api;

import io.partnerflow.payout.application.Actor;
import io.partnerflow.payout.application.EarningService;
import io.partnerflow.payout.application.EarningService.EarningRow;
import io.partnerflow.payout.application.EarningService.HistoryEntry;
import io.partnerflow.payout.application.LedgerQueries;
import io.partnerflow.payout.application.PartnerDirectory;
import io.partnerflow.platform.problem.ProblemException;
import io.partnerflow.platform.security.CurrentUser;
import io.partnerflow.platform.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Balances and earning lines. Staff read everything; a partner user reads only its own partner (404 for anything
 * else). Lifecycle decisions (approve, decline, hold, release) are finance's: another partner's line answers 404,
 * the own line 403.
 */
@Path("/")
@SecurityRequirement(name = "SecurityScheme")
public class EarningResource {
    static final String[] READERS = {Roles.ADMIN, Roles.FINANCE, Roles.CHANNEL_MANAGER, Roles.PARTNER};

    private final EarningService earnings;
    private final LedgerQueries ledger;
    private final PartnerDirectory partners;
    private final CurrentUser user;

    public EarningResource(EarningService earnings, LedgerQueries ledger, PartnerDirectory partners, CurrentUser user) {
        this.earnings = earnings;
        this.ledger = ledger;
        this.partners = partners;
        this.user = user;
    }

    public record EarningView(UUID earningId, String partnerId, String lineType, String kind, MoneyView amount,
                              String status, String holdReason, UUID openDisputeId, UUID relatedEarningId, String dealId,
                              String dealName, String attributionId, Instant dealClosedAt, String bookingPeriod,
                              String explanation, Instant occurredAt, Instant bookedAt, Instant approveAfter,
                              Instant approvedAt, String approvedBy, String declinedReason, List<HistoryEntry> history) {
        static EarningView of(EarningRow e, List<HistoryEntry> history) {
            return new EarningView(e.earningId(), e.partnerId(), e.lineType(), e.kind(), MoneyView.of(e.amount()),
                    e.displayStatus(), e.holdReason(), e.openDisputeId(), e.relatedEarningId(), e.dealId(), e.dealName(),
                    e.attributionId(), e.sourceClosedAt(), e.bookingPeriod(), e.summary(), e.occurredAt(), e.bookedAt(),
                    e.approveAfter(), e.approvedAt(), e.approvedBy(),
                    e.status() == io.partnerflow.payout.domain.earning.EarningStatus.DECLINED ? e.decidedReason() : null,
                    history);
        }
    }

    public record BalanceView(String currency, MoneyView pending, MoneyView payable, MoneyView inPayment, MoneyView paid,
                              MoneyView owed, MoneyView available) {
    }

    public record Reason(@NotBlank @Size(max = 2000) String reason) {
    }

    @GET
    @Path("partners/{partnerId}/balance")
    @RolesAllowed({Roles.ADMIN, Roles.FINANCE, Roles.CHANNEL_MANAGER, Roles.PARTNER})
    public Uni<Map<String, Object>> balance(@PathParam("partnerId") String partnerId) {
        user.requireAccessToPartner(partnerId);
        return Panache.withSession(() -> ledger.balances(partnerId)).map(list -> Map.of("partnerId", partnerId, "balances", list.stream()
                .map(b -> new BalanceView(b.owed().currencyCode(), MoneyView.of(b.pending()), MoneyView.of(b.payable()),
                        MoneyView.of(b.inPayment()), MoneyView.of(b.paid()), MoneyView.of(b.owed()), MoneyView.of(b.available())))
                .toList()));
    }

    @GET
    @Path("partners/{partnerId}/earnings")
    @RolesAllowed({Roles.ADMIN, Roles.FINANCE, Roles.CHANNEL_MANAGER, Roles.PARTNER})
    public Uni<List<EarningView>> list(@PathParam("partnerId") String partnerId, @QueryParam("status") String status) {
        user.requireAccessToPartner(partnerId);
        return Panache.withSession(() -> earnings.forPartner(partnerId, status == null || status.isBlank() ? null : status.trim().toLowerCase()))
                .map(rows -> rows.stream().map(e -> EarningView.of(e, null)).toList());
    }

    @GET
    @Path("earnings/{earningId}")
    @RolesAllowed({Roles.ADMIN, Roles.FINANCE, Roles.CHANNEL_MANAGER, Roles.PARTNER})
    public Uni<EarningView> get(@PathParam("earningId") UUID earningId) {
        return visible(earningId).chain(e -> Panache.withSession(() -> earnings.history(earningId)).map(h -> EarningView.of(e, h)));
    }

    @POST
    @Path("earnings/{earningId}/approve")
    @RolesAllowed({Roles.FINANCE, Roles.PARTNER})
    public Uni<EarningView> approve(@PathParam("earningId") UUID earningId, @Valid @NotNull Reason body) {
        return financeOnLine(earningId).chain(() -> earnings.approve(earningId, user.subject(), body.reason()))
                .map(e -> EarningView.of(e, null));
    }

    @POST
    @Path("earnings/{earningId}/decline")
    @RolesAllowed({Roles.FINANCE, Roles.PARTNER})
    public Uni<Response> decline(@PathParam("earningId") UUID earningId, @Valid @NotNull Reason body) {
        return financeOnLine(earningId).chain(() -> earnings.decline(earningId, body.reason(), Actor.of(user)))
                .map(d -> d.pending() == null ? Response.ok(EarningView.of(d.row(), null)).build()
                        : Response.accepted(d.pending()).build());
    }

    /** Declines waiting for a second finance user (negative lines and lines above the four-eyes threshold). */
    @GET
    @Path("earnings/decline-requests")
    @RolesAllowed({Roles.FINANCE, Roles.ADMIN})
    public Uni<List<EarningService.DeclineRequest>> declineRequests() {
        return Panache.withSession(earnings::pendingDeclines);
    }

    @POST
    @Path("earnings/{earningId}/hold")
    @RolesAllowed({Roles.FINANCE, Roles.PARTNER})
    public Uni<EarningView> hold(@PathParam("earningId") UUID earningId, @Valid @NotNull Reason body) {
        return financeOnLine(earningId).chain(() -> earnings.hold(earningId, body.reason(), user.subject()))
                .map(e -> EarningView.of(e, null));
    }

    @POST
    @Path("earnings/{earningId}/release")
    @RolesAllowed({Roles.FINANCE, Roles.PARTNER})
    public Uni<EarningView> release(@PathParam("earningId") UUID earningId, @Valid @NotNull Reason body) {
        return financeOnLine(earningId).chain(() -> earnings.release(earningId, body.reason(), user.subject()))
                .map(e -> EarningView.of(e, null));
    }

    /** Approves now every earning whose hold window has ended (what the scheduled job does). */
    @POST
    @Path("earnings/approvals")
    @RolesAllowed(Roles.FINANCE)
    public Uni<Map<String, Integer>> approveDue() {
        return earnings.approveDue().map(n -> Map.of("approved", n));
    }

    /** Earning events waiting for their partner to become known. */
    @GET
    @Path("earnings/waiting")
    @RolesAllowed({Roles.ADMIN, Roles.FINANCE})
    public Uni<List<PartnerDirectory.Waiting>> waiting() {
        return Panache.withSession(partners::waiting);
    }

    /** The line, if the caller may see it; 404 otherwise (also for a line that does not exist). */
    Uni<EarningRow> visible(UUID earningId) {
        return Panache.withSession(() -> earnings.find(earningId)).map(e -> {
            if (e == null) {
                throw ProblemException.notFound("no such earning");
            }
            user.requireAccessToPartner(e.partnerId());
            return e;
        });
    }

    private Uni<Void> financeOnLine(UUID earningId) {
        return visible(earningId).map(e -> {
            if (!user.hasRole(Roles.FINANCE)) {
                throw ProblemException.forbidden("only finance decides on earnings");
            }
            return null;
        });
    }
}
