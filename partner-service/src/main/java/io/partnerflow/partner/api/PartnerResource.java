package io.partnerflow.partner.api;

import io.partnerflow.partner.api.PartnerDtos.ChangeStatus;
import io.partnerflow.partner.api.PartnerDtos.CreatePartner;
import io.partnerflow.partner.api.PartnerDtos.Page;
import io.partnerflow.partner.api.PartnerDtos.PartnerView;
import io.partnerflow.partner.api.PartnerDtos.UpdatePartner;
import io.partnerflow.partner.application.PartnerService;
import io.partnerflow.partner.domain.PartnerStatus;
import io.partnerflow.partner.domain.PartnerType;
import io.partnerflow.platform.problem.ProblemException;
import io.partnerflow.platform.security.CurrentUser;
import io.partnerflow.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.net.URI;
import java.util.Locale;
import java.util.UUID;

/**
 * Partners. Staff (admin, channel manager) write; a partner user reads only their own partner. Writes on a
 * partner id admit the partner role only so that another partner's id answers 404 (existence is never revealed)
 * and the partner's own id answers 403.
 */
@Path("/partners")
@SecurityRequirement(name = "SecurityScheme")
public class PartnerResource {
    private final PartnerService partners;
    private final CurrentUser user;

    public PartnerResource(PartnerService partners, CurrentUser user) {
        this.partners = partners;
        this.user = user;
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER})
    public Uni<Response> create(@Valid @NotNull CreatePartner request) {
        return partners.register(request, user.subject())
                .map(p -> Response.created(URI.create("/partners/" + p.id())).entity(p).build());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE, Roles.PARTNER})
    public Uni<PartnerView> get(@PathParam("id") UUID id) {
        user.requireAccessToPartner(id.toString());
        return partners.get(id);
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.PARTNER})
    public Uni<PartnerView> update(@PathParam("id") UUID id, @Valid @NotNull UpdatePartner request) {
        requireStaffWriter(user, id);
        return partners.update(id, request, user.subject());
    }

    @POST
    @Path("/{id}/status")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.PARTNER})
    public Uni<PartnerView> changeStatus(@PathParam("id") UUID id, @Valid @NotNull ChangeStatus request) {
        requireStaffWriter(user, id);
        return partners.changeStatus(id, request, user.subject());
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE})
    public Uni<Page<PartnerView>> list(@QueryParam("type") @jakarta.validation.constraints.Size(max = 50) String type,
                                       @QueryParam("status") @jakarta.validation.constraints.Size(max = 50) String status,
                                       @QueryParam("tier") @jakarta.validation.constraints.Size(max = 50) String tier,
                                       @QueryParam("country") @jakarta.validation.constraints.Size(max = 2) String country,
                                       @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                       @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return partners.list(parse(PartnerType.class, "type", type), parse(PartnerStatus.class, "status", status),
                tier == null || tier.isBlank() ? null : tier.trim().toLowerCase(Locale.ROOT),
                country == null || country.isBlank() ? null : country.trim().toUpperCase(Locale.ROOT), page, size);
    }

    /** 404 for another partner's id (as for reads), then 403 unless admin or channel manager. */
    static void requireStaffWriter(CurrentUser user, UUID partnerId) {
        user.requireAccessToPartner(partnerId.toString());
        if (!user.hasRole(Roles.ADMIN) && !user.hasRole(Roles.CHANNEL_MANAGER)) {
            throw ProblemException.forbidden("only an admin or a channel manager may change a partner");
        }
    }

    static <E extends Enum<E>> E parse(Class<E> type, String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("unknown " + field + " '" + raw + "'",
                    new io.partnerflow.platform.problem.Problem.FieldError(field,
                            "one of " + java.util.Arrays.toString(type.getEnumConstants())));
        }
    }
}
