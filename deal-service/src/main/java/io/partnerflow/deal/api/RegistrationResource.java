package io.partnerflow.deal.api;

import io.partnerflow.deal.api.RegistrationDtos.Cancellation;
import io.partnerflow.deal.api.RegistrationDtos.Decision;
import io.partnerflow.deal.api.RegistrationDtos.ExpiryRun;
import io.partnerflow.deal.api.RegistrationDtos.RegistrationView;
import io.partnerflow.deal.api.RegistrationDtos.Rejection;
import io.partnerflow.deal.api.RegistrationDtos.SubmitRegistration;
import io.partnerflow.deal.application.RegistrationService;
import io.partnerflow.platform.problem.ProblemException;
import io.partnerflow.platform.security.CurrentUser;
import io.partnerflow.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Deal registrations. A partner user submits, sees and cancels only its own (any other id answers 404); channel
 * managers (and admins) see all and approve or reject.
 */
@Path("/registrations")
@SecurityRequirement(name = "SecurityScheme")
public class RegistrationResource {
    private final RegistrationService registrations;
    private final CurrentUser user;
    private final Clock clock;
    private final Validator validator;

    public RegistrationResource(RegistrationService registrations, CurrentUser user, Clock clock, Validator validator) {
        this.registrations = registrations;
        this.user = user;
        this.clock = clock;
        this.validator = validator;
    }

    @POST
    @RolesAllowed({Roles.PARTNER, Roles.CHANNEL_MANAGER, Roles.ADMIN})
    public Uni<Response> submit(@Valid @NotNull SubmitRegistration request) {
        request.check();
        UUID partnerId;
        if (user.isStaff()) {
            if (request.partnerId() == null) {
                throw ProblemException.badRequest("partnerId is required when staff submit on a partner's behalf");
            }
            partnerId = request.partnerId();
        } else {
            partnerId = ownPartner();
            if (request.partnerId() != null && !request.partnerId().equals(partnerId)) {
                throw ProblemException.notFound("no partner " + request.partnerId());
            }
        }
        return registrations.submit(partnerId, request, user.subject())
                .map(r -> Response.created(URI.create("/registrations/" + r.id())).entity(r).build());
    }

    @GET
    @RolesAllowed({Roles.PARTNER, Roles.CHANNEL_MANAGER, Roles.ADMIN, Roles.FINANCE})
    public Uni<List<RegistrationView>> list(@QueryParam("status") @Pattern(regexp = "submitted|approved|rejected|converted|expired|cancelled",
            message = "must be one of submitted, approved, rejected, converted, expired, cancelled") String status) {
        return registrations.list(scope(), status);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.PARTNER, Roles.CHANNEL_MANAGER, Roles.ADMIN, Roles.FINANCE})
    public Uni<RegistrationView> get(@PathParam("id") UUID id) {
        return registrations.get(id, scope());
    }

    @POST
    @Path("/{id}/approve")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @RolesAllowed({Roles.CHANNEL_MANAGER, Roles.ADMIN})
    public Uni<RegistrationView> approve(@PathParam("id") UUID id, String body) {
        Decision decision = optionalBody(body, Decision.class);
        return registrations.approve(id, decision == null ? null : decision.note(), user.subject());
    }

    @POST
    @Path("/{id}/reject")
    @RolesAllowed({Roles.CHANNEL_MANAGER, Roles.ADMIN})
    public Uni<RegistrationView> reject(@PathParam("id") UUID id, @Valid @NotNull Rejection rejection) {
        return registrations.reject(id, rejection.reason(), user.subject());
    }

    @POST
    @Path("/{id}/cancel")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @RolesAllowed({Roles.PARTNER, Roles.CHANNEL_MANAGER, Roles.ADMIN})
    public Uni<RegistrationView> cancel(@PathParam("id") UUID id, String body) {
        Cancellation cancellation = optionalBody(body, Cancellation.class);
        return registrations.cancel(id, cancellation == null ? null : cancellation.reason(), user.subject(), scope());
    }

    /** Runs the expiry job now (it also runs on its schedule); admins only. */
    @POST
    @Path("/expiry-runs")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @RolesAllowed(Roles.ADMIN)
    public Uni<ExpiryRun> expireNow() {
        return registrations.expireDue(clock.instant());
    }

    /** Note and reason bodies are optional: no body (and no Content-Type) is fine. */
    private <T> T optionalBody(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            return null;
        }
        T parsed;
        try {
            parsed = io.partnerflow.contracts.EventJson.readString(body, type);
        } catch (Exception e) {
            throw ProblemException.badRequest("the request body is not valid JSON for this operation");
        }
        var violations = validator.validate(parsed);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return parsed;
    }

    /** Null for staff (all partners); the caller's own partner for a partner user. */
    private UUID scope() {
        return user.isStaff() ? null : ownPartner();
    }

    private UUID ownPartner() {
        try {
            return UUID.fromString(user.partnerId().orElseThrow());
        } catch (RuntimeException e) {
            throw ProblemException.forbidden("a partner token must carry its partner_id");
        }
    }
}
