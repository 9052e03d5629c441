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

/**
 * Deal registrations, the partner's side: it registers a deal and sees its registrations with their conflicts explained. deal-service decides (conflict detection, protection window, input
 * rules); its 4xx detail is shown on the page, the form keeps what was typed. The channel manager's side:
 * {@link RegistrationReviewResource}.
 */
@Path("/partners/{partnerId}/registrations")
@Blocking
public class RegistrationResource {
    private final Pages pages;
    private final Template partnerPage;

    public RegistrationResource(Pages pages, @Location("partner/registrations.html") Template partnerPage) {
        this.pages = pages;
        this.partnerPage = partnerPage;
    }

    /** What the registration form was filled with (shown again after a refusal). */
    public record Form(String customer, String domain, String country, String categories, String amount, String currency,
                       String closeDate, String dealName) {
        static Form empty() {
            return new Form("", "", "", "", "", "EUR", "", "");
        }
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public String mine(@PathParam("partnerId") String partnerId, @Context HttpHeaders headers) {
        return renderMine(pages.user(headers), Pages.id(partnerId), Form.empty(), null, null);
    }

    @POST
    @Produces(MediaType.TEXT_HTML)
    public Response register(@PathParam("partnerId") String partnerId, @FormParam("customer") String customer,
                             @FormParam("domain") String domain, @FormParam("country") String country,
                             @FormParam("categories") String categories, @FormParam("amount") String amount,
                             @FormParam("currency") String currency, @FormParam("closeDate") String closeDate,
                             @FormParam("dealName") String dealName, @Context HttpHeaders headers) {
        User u = pages.user(headers);
        String id = Pages.id(partnerId);
        Form form = new Form(t(customer), t(domain), t(country), t(categories), t(amount), t(currency), t(closeDate), t(dealName));
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Object> cust = new LinkedHashMap<>();
        cust.put("name", form.customer());
        if (!form.domain().isEmpty()) {
            cust.put("domain", form.domain());
        }
        cust.put("country", form.country());
        body.put("customer", cust);
        body.put("productCategories", Arrays.stream(form.categories().split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
        if (!form.amount().isEmpty()) {
            body.put("expectedAmount", Map.of("amount", form.amount(), "currency", form.currency()));
        }
        if (!form.closeDate().isEmpty()) {
            body.put("expectedCloseDate", form.closeDate());
        }
        if (!form.dealName().isEmpty()) {
            body.put("dealName", form.dealName());
        }
        return Pages.submit(() -> {
                JsonNode r = pages.services.post("deal", "/registrations", u.token(), body, Map.of());
                return Response.status(201).type(MediaType.TEXT_HTML_TYPE)
                        .entity(renderMine(u, id, Form.empty(), null, "registered: " + r.path("status").asText())).build();
        }, e -> renderMine(u, id, form, e.detail(), null));
    }

    private String renderMine(User u, String partnerId, Form form, String message, String notice) {
        JsonNode all = pages.services.get("deal", "/registrations", u.token());
        return partnerPage.data("user", u).data("partnerId", partnerId).data("registrations", all).data("form", form)
                .data("message", message).data("notice", notice).render();
    }

    static String t(String s) {
        return s == null ? "" : s.strip();
    }
}
