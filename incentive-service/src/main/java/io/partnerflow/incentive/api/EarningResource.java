package io.partnerflow.incentive.api;

import io.partnerflow.platform.persistence.Db;
import io.partnerflow.platform.problem.ProblemException;
import io.partnerflow.platform.security.CurrentUser;
import io.partnerflow.platform.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Earnings exactly as published (earning.accrued / reversed / adjusted data), their explanations, and the work
 * still pending. Finance and admins read everything; a partner token reads only its own (404 for anything else).
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class EarningResource {
    private final CurrentUser user;

    public EarningResource(CurrentUser user) {
        this.user = user;
    }

    /** A partner's earnings (optionally one booking period), oldest first. */
    @GET
    @Path("partners/{partnerId}/earnings")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE, Roles.PARTNER})
    public Uni<Response> forPartner(@PathParam("partnerId") String partnerId, @QueryParam("period") String period) {
        user.requireAccessToPartner(partnerId);
        return Panache.withSession(() -> Db.strings("""
                        select payload from earning where partner_id = ?1 and event_type <> 'carried'
                        and (cast(?2 as text) is null or booking_period = cast(?2 as text)) order by created_at, earning_id""",
                        partnerId, period))
                .map(EarningResource::array);
    }

    /** All earnings (staff): by partner, deal and/or booking period; at most {@code limit} (default 500). */
    @GET
    @Path("earnings")
    @RolesAllowed({Roles.ADMIN, Roles.FINANCE, Roles.CHANNEL_MANAGER, Roles.PARTNER})
    public Uni<Response> all(@QueryParam("partnerId") @Size(max = 100) String partnerId,
                             @QueryParam("dealId") @Size(max = 100) String dealId,
                             @QueryParam("period") @Size(max = 10) String period,
                             @QueryParam("limit") @Min(1) @Max(5000) Integer limit) {
        String scoped = partnerId;
        if (!user.isStaff()) {
            // a partner lists only its own; naming another partner is "not found"
            scoped = user.partnerId().orElseThrow(() -> ProblemException.notFound("no such resource"));
            if (partnerId != null && !partnerId.equals(scoped)) {
                throw ProblemException.notFound("no such resource");
            }
        }
        String p = scoped;
        int max = limit == null ? 500 : limit;
        return Panache.withSession(() -> Db.strings("""
                        select payload from earning where event_type <> 'carried'
                        and (cast(?1 as text) is null or partner_id = cast(?1 as text))
                        and (cast(?2 as text) is null or deal_id = cast(?2 as text))
                        and (cast(?3 as text) is null or booking_period = cast(?3 as text))
                        order by created_at, earning_id limit ?4""", p, dealId, period, max))
                .map(EarningResource::array);
    }

    @GET
    @Path("earnings/{earningId}")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE, Roles.PARTNER})
    public Uni<Response> one(@PathParam("earningId") String earningId) {
        return load(earningId).map(payload -> Response.ok(payload, MediaType.APPLICATION_JSON).build());
    }

    /** Just the explanation of an earning (summary sentence, formula, inputs, steps, result). */
    @GET
    @Path("earnings/{earningId}/explanation")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE, Roles.PARTNER})
    public Uni<Response> explanation(@PathParam("earningId") String earningId) {
        return load(earningId).map(payload -> {
            var tree = io.partnerflow.contracts.EventJson.readTree(payload);
            return Response.ok(tree.get("explanation").toString(), MediaType.APPLICATION_JSON).build();
        });
    }

    private Uni<String> load(String earningId) {
        UUID id;
        try {
            id = UUID.fromString(earningId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("no such earning");
        }
        return Panache.withSession(() -> Db.rows("select partner_id, payload from earning where earning_id = ?1 and event_type <> 'carried'", id))
                .map(rows -> {
                    if (rows.isEmpty()) {
                        throw ProblemException.notFound("no such earning");
                    }
                    user.requireAccessToPartner(Db.str(rows.get(0)[0]));
                    return Db.str(rows.get(0)[1]);
                });
    }

    public record PendingView(long seq, String dealId, String partnerId, String eventKind, String eventKey, String reason,
                              String detail, Instant since) {
    }

    /** Work waiting for a partner or an FX rate (staff: all or one partner; a partner: its own). */
    @GET
    @Path("pending")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE, Roles.PARTNER})
    public Uni<List<PendingView>> pending(@QueryParam("partnerId") String partnerId) {
        String scoped = partnerId;
        if (!user.isStaff()) {
            scoped = user.partnerId().orElseThrow(() -> ProblemException.notFound("no such resource"));
            if (partnerId != null && !partnerId.equals(scoped)) {
                throw ProblemException.notFound("no such resource");
            }
        }
        String p = scoped;
        return Panache.withSession(() -> Db.rows("""
                        select seq, deal_id, partner_id, event_kind, event_key, reason, detail, created_at from pending_work
                        where cast(?1 as text) is null or partner_id = cast(?1 as text) order by seq limit 1000""", p))
                .map(rows -> rows.stream().map(r -> new PendingView(((Number) r[0]).longValue(), Db.str(r[1]), Db.str(r[2]),
                        Db.str(r[3]), Db.str(r[4]), Db.str(r[5]), Db.str(r[6]), Db.instant(r[7]))).toList());
    }

    @GET
    @Path("partners/{partnerId}/pending")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE, Roles.PARTNER})
    public Uni<List<PendingView>> pendingOf(@PathParam("partnerId") String partnerId) {
        user.requireAccessToPartner(partnerId);
        return pending(partnerId);
    }

    static Response array(List<String> payloads) {
        return Response.ok("[" + String.join(",", payloads) + "]", MediaType.APPLICATION_JSON).build();
    }
}
