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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finance answers disputes: the open ones and those waiting for a second approver, a form per dispute (accept with an
 * adjustment, or reject) and the second user's approval. payout-service decides (four eyes, bounds); its 4xx detail is
 * shown above the list.
 */
@Path("/finance/disputes")
@Blocking
public class FinanceDisputeResource {
    private final Pages pages;
    private final Template page;

    public FinanceDisputeResource(Pages pages, @Location("finance/disputes.html") Template page) {
        this.pages = pages;
        this.page = page;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public String list(@Context HttpHeaders headers) {
        return render(pages.user(headers), null, null);
    }

    @POST
    @Path("{disputeId}/resolve")
    @Produces(MediaType.TEXT_HTML)
    public Response resolve(@PathParam("disputeId") String disputeId, @FormParam("outcome") String outcome,
                            @FormParam("resolution") String resolution, @FormParam("amount") String amount,
                            @FormParam("currency") String currency, @Context HttpHeaders headers) {
        User u = pages.user(headers);
        String id = Pages.id(disputeId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("outcome", outcome == null ? "" : outcome.strip());
        body.put("resolution", resolution == null ? "" : resolution.strip());
        if ("accepted".equals(body.get("outcome"))) {
            body.put("adjustment", Map.of("amount", amount == null ? "" : amount.strip(), "currency", currency == null ? "" : currency.strip()));
        }
        return forward(u, "/disputes/" + id + "/resolve", body, "dispute " + id + " answered");
    }

    @POST
    @Path("{disputeId}/approve")
    @Produces(MediaType.TEXT_HTML)
    public Response approve(@PathParam("disputeId") String disputeId, @Context HttpHeaders headers) {
        User u = pages.user(headers);
        String id = Pages.id(disputeId);
        return forward(u, "/disputes/" + id + "/approve", Map.of(), "dispute " + id + " approved");
    }

    private Response forward(User u, String path, Map<String, Object> body, String notice) {
        return Pages.submit(() -> {
                pages.services.post("payout", path, u.token(), body, Map.of());
                return Response.ok(render(u, null, notice), MediaType.TEXT_HTML_TYPE).build();
        }, e -> render(u, e.detail(), null));
    }

    private String render(User u, String message, String notice) {
        List<JsonNode> waiting = new java.util.ArrayList<>();
        for (String status : List.of("open", "pending_approval")) {
            pages.services.get("payout", "/disputes?status=" + status, u.token()).forEach(waiting::add);
        }
        return page.data("user", u).data("disputes", waiting).data("message", message).data("notice", notice).render();
    }
}
