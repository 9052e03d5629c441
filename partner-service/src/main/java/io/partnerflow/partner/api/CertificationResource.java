package io.partnerflow.partner.api;

import io.partnerflow.partner.api.PartnerDtos.CertificationView;
import io.partnerflow.partner.api.PartnerDtos.RecordCertification;
import io.partnerflow.partner.application.CertificationService;
import io.partnerflow.platform.security.CurrentUser;
import io.partnerflow.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/** Certification completions of a partner's people: 201 when recorded, 200 for an idempotent repeat. */
@Path("/partners/{id}/certifications")
@SecurityRequirement(name = "SecurityScheme")
public class CertificationResource {
    private final CertificationService certifications;
    private final CurrentUser user;

    public CertificationResource(CertificationService certifications, CurrentUser user) {
        this.certifications = certifications;
        this.user = user;
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.PARTNER})
    public Uni<Response> record(@PathParam("id") UUID id, @Valid @NotNull RecordCertification request) {
        PartnerResource.requireStaffWriter(user, id);
        Params.within("completedAt", request.completedAt());
        Params.within("expiresAt", request.expiresAt());
        return certifications.record(id, request, user.subject()).map(r -> (r.created()
                ? Response.created(URI.create("/partners/" + id + "/certifications/" + r.view().id()))
                : Response.ok()).entity(r.view()).build());
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE, Roles.PARTNER})
    public Uni<List<CertificationView>> list(@PathParam("id") UUID id, @QueryParam("activeAt") String activeAt) {
        user.requireAccessToPartner(id.toString());
        return certifications.list(id, Params.instant("activeAt", activeAt));
    }
}
