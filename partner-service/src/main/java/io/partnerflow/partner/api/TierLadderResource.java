package io.partnerflow.partner.api;

import io.partnerflow.partner.api.TierDtos.LadderAuditView;
import io.partnerflow.partner.api.TierDtos.LadderRequest;
import io.partnerflow.partner.api.TierDtos.LadderView;
import io.partnerflow.partner.application.LadderService;
import io.partnerflow.platform.security.CurrentUser;
import io.partnerflow.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.util.List;

/**
 * The tier ladder: anyone authenticated reads it (benefits are data other services and portals read); admins and
 * channel managers replace it, which creates a new version (validated; audited with who, when, before, after).
 */
@Path("/tier-ladder")
@SecurityRequirement(name = "SecurityScheme")
public class TierLadderResource {
    private final LadderService ladders;
    private final CurrentUser user;

    public TierLadderResource(LadderService ladders, CurrentUser user) {
        this.ladders = ladders;
        this.user = user;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE, Roles.PARTNER})
    public Uni<LadderView> current(@QueryParam("partnerType") String partnerType) {
        return ladders.current(LadderService.partnerType(partnerType));
    }

    @GET
    @Path("/versions/{version}")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE, Roles.PARTNER})
    public Uni<LadderView> version(@PathParam("version") int version, @QueryParam("partnerType") String partnerType) {
        return ladders.version(LadderService.partnerType(partnerType), version);
    }

    @PUT
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER})
    public Uni<LadderView> replace(@Valid @NotNull LadderRequest request, @QueryParam("partnerType") String partnerType) {
        return ladders.put(request, LadderService.partnerType(partnerType), user.subject());
    }

    @GET
    @Path("/audit")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER})
    public Uni<List<LadderAuditView>> audit(@QueryParam("partnerType") String partnerType) {
        return ladders.audit(LadderService.partnerType(partnerType));
    }
}
