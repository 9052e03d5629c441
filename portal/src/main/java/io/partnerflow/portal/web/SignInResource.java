package io.partnerflow.portal.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.partnerflow.portal.auth.DemoUsers;
import io.partnerflow.portal.auth.NotSignedIn;
import io.partnerflow.portal.auth.User;
import io.partnerflow.portal.client.ServiceError;
import io.partnerflow.portal.config.PortalConfig;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Local sign-in (the run command only: {@code partnerflow.portal.local-sign-in=true}; otherwise 404): pick a demo user,
 * the portal mints a short-lived token with the dev key and keeps it in an HttpOnly, SameSite=Strict cookie.
 */
@Path("/")
@Blocking
public class SignInResource {
    private final Pages pages;
    private final PortalConfig config;
    private final Template signIn;

    public SignInResource(Pages pages, PortalConfig config, @Location("sign-in.html") Template signIn) {
        this.pages = pages;
        this.config = config;
        this.signIn = signIn;
    }

    @TemplateData
    public record PartnerChoice(String id, String name, String subject) {
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response home(@Context HttpHeaders headers) {
        try {
            return Response.seeOther(URI.create(pages.user(headers).home())).build();
        } catch (NotSignedIn e) {
            if (config.localSignIn()) {
                return Response.seeOther(URI.create("/sign-in")).build();
            }
            throw e;
        }
    }

    @GET
    @Path("sign-in")
    @Produces(MediaType.TEXT_HTML)
    public String page() {
        requireLocal();
        return render(null);
    }

    @POST
    @Path("sign-in")
    @Produces(MediaType.TEXT_HTML)
    public Response signIn(@FormParam("user") String user, @FormParam("partnerId") String partnerId) {
        requireLocal();
        String token;
        Duration ttl = config.tokenTtl();
        if (user != null && user.startsWith("partner:")) {
            partnerId = user.substring("partner:".length());
            user = "partner";
        }
        if ("partner".equals(user) || (user == null || user.isBlank()) && partnerId != null && !partnerId.isBlank()) {
            String id = partnerId == null ? "" : partnerId.trim();
            try {
                UUID.fromString(id);
                pages.services.get("partner", "/partners/" + id, staffToken());
            } catch (IllegalArgumentException | ServiceError e) {
                return Response.status(400).type(MediaType.TEXT_HTML_TYPE)
                        .entity(render("partnerId: no partner with the id '" + id + "' (a partner id is a UUID from partner-service)")).build();
            }
            token = pages.sessions.keys().mint(DemoUsers.partnerSubject(id), Set.of("partner"), id, ttl);
        } else {
            DemoUsers.Staff staff = DemoUsers.staff(user);
            if (staff == null) {
                return Response.status(400).type(MediaType.TEXT_HTML_TYPE).entity(render("user: choose one of the demo users")).build();
            }
            token = pages.sessions.keys().mint(staff.subject(), staff.roles(), null, ttl);
        }
        User signedIn = pages.sessions.keys().verify(token);
        return Response.seeOther(URI.create(signedIn.home())).cookie(pages.sessions.cookie(token)).build();
    }

    @POST
    @Path("sign-out")
    public Response signOut() {
        return Response.seeOther(URI.create(config.localSignIn() ? "/sign-in" : "/")).cookie(pages.sessions.cleared()).build();
    }

    private String render(String message) {
        List<PartnerChoice> partners = new ArrayList<>();
        String listError = null;
        try {
            JsonNode page = pages.services.get("partner", "/partners?status=ACTIVE&size=50", staffToken());
            for (JsonNode p : page.path("items")) {
                String id = p.path("id").asText();
                partners.add(new PartnerChoice(id, p.path("name").asText(id), DemoUsers.partnerSubject(id)));
            }
        } catch (ServiceError e) {
            listError = "partner-service: " + e.detail();
        }
        return signIn.data("staff", DemoUsers.STAFF).data("partners", partners).data("listError", listError)
                .data("message", message).data("user", null).render();
    }

    /** Only to list partners for the sign-in page itself. */
    private String staffToken() {
        return pages.sessions.keys().mint("portal-sign-in", Set.of("channel-manager"), null, Duration.ofMinutes(1));
    }

    private void requireLocal() {
        if (!config.localSignIn()) {
            throw new NotFoundException();
        }
    }
}
