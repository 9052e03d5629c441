package io.partnerflow.payout.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.partnerflow.contracts.EventJson;
import io.partnerflow.payout.application.ProfileService;
import io.partnerflow.payout.application.ProfileService.ProfileInput;
import io.partnerflow.platform.problem.ProblemException;
import io.partnerflow.platform.security.CurrentUser;
import io.partnerflow.platform.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A partner's payout profile: finance (or admin) writes it; staff and the partner itself read it — always masked.
 * Another partner's id answers 404; a partner writing its own answers 403.
 */
@Path("/partners/{partnerId}/payout-profile")
@SecurityRequirement(name = "SecurityScheme")
public class ProfileResource {
    private final ProfileService profiles;
    private final CurrentUser user;

    public ProfileResource(ProfileService profiles, CurrentUser user) {
        this.profiles = profiles;
        this.user = user;
    }

    public record TaxForm(@Size(max = 20) String type, @Size(max = 100) String reference, LocalDate expiresOn) {
    }

    /** Lengths follow the columns and the payment files (SEPA account holder ≤ 70, IBAN ≤ 34 + spaces, BIC 8 or 11). */
    public record ProfileRequest(@Size(max = 30) String method, @Size(max = 200) String accountHolder,
                                 @Size(max = 42) String iban, @Size(max = 14) String bic, @Size(max = 12) String abaRouting,
                                 @Size(max = 20) String accountNumber, @Size(max = 10) String accountType, Boolean business,
                                 @Valid TaxForm taxForm, @Valid MoneyView minimumPayout) {
        ProfileInput input() {
            return new ProfileInput(method, accountHolder, iban, bic, abaRouting, accountNumber, accountType, business,
                    taxForm == null ? null : taxForm.type(), taxForm == null ? null : taxForm.reference(),
                    taxForm == null ? null : taxForm.expiresOn(),
                    minimumPayout == null ? null : minimumPayout.amount(), minimumPayout == null ? null : minimumPayout.currency());
        }
    }

    public record AuditView(String actor, Instant at, JsonNode before, JsonNode after) {
    }

    @PUT
    @RolesAllowed({Roles.FINANCE, Roles.ADMIN, Roles.PARTNER})
    public Uni<Map<String, Object>> put(@PathParam("partnerId") @Size(max = 100) String partnerId, @Valid @NotNull ProfileRequest body) {
        user.requireAccessToPartner(partnerId);
        if (!user.hasRole(Roles.FINANCE) && !user.hasRole(Roles.ADMIN)) {
            throw ProblemException.forbidden("only finance or an admin changes payout profiles");
        }
        if (body.taxForm() != null) {
            Bounds.date("taxForm.expiresOn", body.taxForm().expiresOn(), Bounds.EARLIEST, Bounds.LATEST);
        }
        return profiles.put(partnerId, body.input(), user.subject()).map(ProfileService.Profile::masked);
    }

    @GET
    @RolesAllowed({Roles.FINANCE, Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.PARTNER})
    public Uni<Map<String, Object>> get(@PathParam("partnerId") String partnerId) {
        user.requireAccessToPartner(partnerId);
        return Panache.withSession(() -> profiles.find(partnerId, false)).map(p -> {
            if (p == null) {
                throw ProblemException.notFound("no payout profile for partner " + partnerId);
            }
            return p.masked();
        });
    }

    @GET
    @Path("/audit")
    @RolesAllowed({Roles.FINANCE, Roles.ADMIN, Roles.PARTNER})
    public Uni<List<AuditView>> audit(@PathParam("partnerId") String partnerId) {
        user.requireAccessToPartner(partnerId);
        if (!user.hasRole(Roles.FINANCE) && !user.hasRole(Roles.ADMIN)) {
            throw ProblemException.forbidden("only finance or an admin reads the audit trail");
        }
        return Panache.withSession(() -> profiles.audit(partnerId)).map(list -> list.stream()
                .map(a -> new AuditView(a.actor(), a.at(), a.before() == null ? null : EventJson.readTree(a.before()),
                        EventJson.readTree(a.after()))).toList());
    }
}
