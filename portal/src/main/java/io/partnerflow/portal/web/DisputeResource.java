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

import java.net.URI;
import java.util.Map;

/**
 * A partner raises a dispute on one of its earning lines and follows it. payout-service owns disputes (it checks the
 * line is the partner's, the reason's length, one open dispute per line); its 4xx detail is shown on the form.
 */
@Path("/partners/{partnerId}")
@Blocking
public class DisputeResource {
    private final Pages pages;
    private final Template list;

    public DisputeResource(Pages pages, @Location("partner/disputes.html") Template list) {
        this.pages = pages;
        this.list = list;
    }

    @GET
    @Path("disputes")
    @Produces(MediaType.TEXT_HTML)
    public String disputes(@PathParam("partnerId") String partnerId, @Context HttpHeaders headers) {
        User u = pages.user(headers);
        String id = Pages.id(partnerId);
        return render(u, id, null, 200);
    }

    @POST
    @Path("earnings/{earningId}/disputes")
    @Produces(MediaType.TEXT_HTML)
    public Response raise(@PathParam("partnerId") String partnerId, @PathParam("earningId") String earningId,
                          @FormParam("reason") String reason, @Context HttpHeaders headers) {
        User u = pages.user(headers);
        String id = Pages.id(partnerId);
        String eid = Pages.id(earningId);
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            return Response.status(400).type(MediaType.TEXT_HTML_TYPE)
                    .entity(render(u, id, "reason: say what is wrong with the line (required)", 400)).build();
        }
        return Pages.submit(() -> {
                JsonNode d = pages.services.post("payout", "/partners/" + id + "/disputes", u.token(),
                        Map.of("earningId", eid, "reason", why), Map.of());
                return Response.seeOther(URI.create("/partners/" + id + "/disputes#dispute-" + d.path("disputeId").asText())).build();
        }, e -> render(u, id, e.detail(), e.status()));
    }

    private String render(User u, String id, String message, int status) {
        JsonNode all = pages.services.get("payout", "/partners/" + id + "/disputes", u.token());
        return list.data("user", u).data("partnerId", id).data("disputes", all).data("message", message).render();
    }
}
