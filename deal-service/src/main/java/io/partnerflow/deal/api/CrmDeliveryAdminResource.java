package io.partnerflow.deal.api;

import io.partnerflow.deal.application.CrmNormaliser;
import io.partnerflow.deal.application.CrmNormaliser.DeliveryView;
import io.partnerflow.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Raw CRM deliveries as received, their outcome, and replay (e.g. after fixing a mapping). Admins only. */
@Path("/admin/crm-deliveries")
@SecurityRequirement(name = "SecurityScheme")
@RolesAllowed(Roles.ADMIN)
public class CrmDeliveryAdminResource {
    private final CrmNormaliser normaliser;

    public CrmDeliveryAdminResource(CrmNormaliser normaliser) {
        this.normaliser = normaliser;
    }

    @GET
    @Path("/{deliveryId}")
    public Uni<DeliveryView> get(@PathParam("deliveryId") String deliveryId) {
        return normaliser.get(deliveryId);
    }

    @POST
    @Path("/{deliveryId}/replay")
    public Uni<DeliveryView> replay(@PathParam("deliveryId") String deliveryId) {
        return normaliser.replay(deliveryId);
    }
}
