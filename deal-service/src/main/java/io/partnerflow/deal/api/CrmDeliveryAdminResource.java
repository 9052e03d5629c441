package io.partnerflow.deal.api;

import io.partnerflow.deal.application.CrmNormaliser;
import io.partnerflow.deal.application.CrmNormaliser.DeliveryView;
import io.partnerflow.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.util.List;

/** Raw CRM deliveries as received, their outcome, and replay (e.g. after fixing a mapping). Admins only. */
@Path("/admin/crm-deliveries")
@SecurityRequirement(name = "SecurityScheme")
@RolesAllowed(Roles.ADMIN)
public class CrmDeliveryAdminResource {
    private final CrmNormaliser normaliser;

    public CrmDeliveryAdminResource(CrmNormaliser normaliser) {
        this.normaliser = normaliser;
    }

    /** Deliveries of a status (e.g. {@code failed}: what needs a mapping fix and a replay), newest first. */
    @GET
    public Uni<List<DeliveryView>> list(@QueryParam("status") @Pattern(regexp = "applied|failed",
                                                message = "must be applied or failed") String status,
                                        @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return normaliser.list(status, limit);
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
