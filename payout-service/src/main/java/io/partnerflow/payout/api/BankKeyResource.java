package io.partnerflow.payout.api;

import io.partnerflow.payout.application.BankKeyService;
import io.partnerflow.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.util.LinkedHashMap;
import java.util.Map;

/** Key rotation of sealed bank details (admin): which key wraps how many values; re-wrap to the current key. */
@Path("/bank-keys")
@SecurityRequirement(name = "SecurityScheme")
public class BankKeyResource {
    private final BankKeyService keys;

    public BankKeyResource(BankKeyService keys) {
        this.keys = keys;
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    public Uni<Map<String, Long>> usage() {
        return keys.usage().map(rows -> {
            Map<String, Long> m = new LinkedHashMap<>();
            rows.forEach(r -> m.put(r.str(0), r.lng(1)));
            return m;
        });
    }

    @POST
    @Path("/rewrap")
    @RolesAllowed(Roles.ADMIN)
    public Uni<BankKeyService.Rewrapped> rewrap(@QueryParam("limit") @DefaultValue("1000") @Min(1) @Max(10000) int limit) {
        return keys.rewrap(limit);
    }
}
