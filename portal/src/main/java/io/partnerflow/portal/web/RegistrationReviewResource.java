package io.partnerflow.portal.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.partnerflow.portal.auth.User;
import io.partnerflow.portal.client.ServiceError;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Deal registrations, the channel manager's side: the submitted ones, approve or reject (deal-service decides). */
@Path("/program/registrations")
@Blocking
public class RegistrationReviewResource {
    private final Pages pages;
    private final Template reviewPage;

    public RegistrationReviewResource(Pages pages, @Location("program-registrations.html") Template reviewPage) {
        this.pages = pages;
        this.reviewPage = reviewPage;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public String review(@Context HttpHeaders headers) {
        return renderReview(pages.user(headers), null, null);
    }

    @POST
    @Path("{id}/{decision:approve|reject}")
    @Produces(MediaType.TEXT_HTML)
    public Response decide(@PathParam("id") String registrationId, @PathParam("decision") String decision,
                           @FormParam("note") String note, @Context HttpHeaders headers) {
        User u = pages.user(headers);
        String id = Pages.id(registrationId);
        Map<String, Object> body = "reject".equals(decision) ? Map.of("reason", RegistrationResource.t(note)) : RegistrationResource.t(note).isEmpty() ? Map.of() : Map.of("note", RegistrationResource.t(note));
        return Pages.submit(() -> {
                pages.services.post("deal", "/registrations/" + id + "/" + decision, u.token(), body, Map.of());
                return Response.ok(renderReview(u, null, "registration " + id + ": " + decision + "d"), MediaType.TEXT_HTML_TYPE).build();
        }, e -> renderReview(u, e.detail(), null));
    }

    private String renderReview(User u, String message, String notice) {
        JsonNode submitted = pages.services.get("deal", "/registrations?status=submitted", u.token());
        return reviewPage.data("user", u).data("registrations", submitted).data("message", message).data("notice", notice).render();
    }

}
