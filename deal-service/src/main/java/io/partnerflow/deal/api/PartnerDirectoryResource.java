package io.partnerflow.deal.api;

import io.partnerflow.deal.application.PartnerDirectory;
import io.partnerflow.platform.security.CurrentUser;
import io.partnerflow.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What deal-service knows about a partner (its own projection, eventually consistent with partner-service). */
@Path("/partner-directory")
public class PartnerDirectoryResource {
    private final PartnerDirectory directory;
    private final CurrentUser user;

    public PartnerDirectoryResource(PartnerDirectory directory, CurrentUser user) {
        this.directory = directory;
        this.user = user;
    }

    public record PartnerDirectoryView(UUID partnerId, String name, String type, String status, String country,
                                       String payoutCurrency, List<String> webDomains, int revision,
                                       Instant lastEventTime) {
    }

    @GET
    @Path("/{partnerId}")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE, Roles.PARTNER})
    public Uni<PartnerDirectoryView> get(@PathParam("partnerId") UUID partnerId) {
        user.requireAccessToPartner(partnerId.toString());
        return directory.get(partnerId);
    }
}
