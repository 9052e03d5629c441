package io.partnerflow.partner.api;

import io.partnerflow.partner.api.PartnerDtos.CreatePartner;
import io.partnerflow.partner.api.PartnerDtos.Page;
import io.partnerflow.partner.api.PartnerDtos.PartnerView;
import io.partnerflow.partner.application.PartnerService;
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
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.net.URI;
import java.util.UUID;

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
        return partners.register(request)
                .map(p -> Response.created(URI.create("/partners/" + p.id())).entity(p).build());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE, Roles.PARTNER})
    public Uni<PartnerView> get(@PathParam("id") UUID id) {
        user.requireAccessToPartner(id.toString());
        return partners.get(id);
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE})
    public Uni<Page<PartnerView>> list(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                       @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return partners.list(page, size);
    }
}
