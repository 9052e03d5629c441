package io.partnerflow.deal.api;

import io.partnerflow.deal.application.WebhookIntake;
import io.partnerflow.deal.application.WebhookIntake.Receipt;
import io.partnerflow.deal.application.WebhookSources;
import io.partnerflow.platform.problem.Problem;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import io.partnerflow.deal.domain.crm.SalesforceOutboundMessage;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * CRM webhooks. No bearer token: each format authenticates by its signature (or, for Salesforce, org allow-list +
 * URL secret). 2xx only once the raw delivery is durably on crm.webhooks.
 */
@Path("/webhooks/crm")
@PermitAll
public class CrmWebhookResource {
    private static final Set<String> NEVER_KEPT = Set.of("authorization", "cookie", "proxy-authorization");

    private final WebhookIntake intake;

    public CrmWebhookResource(WebhookIntake intake) {
        this.intake = intake;
    }

    @POST
    @Path("/generic")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> generic(byte[] body, @Context HttpHeaders headers, @Context UriInfo uri) {
        return intake.generic(request("/webhooks/crm/generic", uri, headers, body)).map(CrmWebhookResource::answer);
    }

    /** Salesforce Outbound Messages; answered with the SOAP acknowledgement once stored. */
    @POST
    @Path("/salesforce/{source}/{secret}")
    @Consumes(MediaType.WILDCARD)
    @Produces({"text/xml", MediaType.APPLICATION_JSON})
    public Uni<Response> salesforce(@PathParam("source") String source, @PathParam("secret") String secret, byte[] body,
                                    @Context HttpHeaders headers, @Context UriInfo uri) {
        // the URL secret never goes into the stored delivery
        return intake.salesforce(source, secret, request("/webhooks/crm/salesforce/" + source, uri, headers, body))
                .map(r -> Response.ok(SalesforceOutboundMessage.ACK, "text/xml; charset=utf-8").build());
    }

    /** HubSpot webhooks (v3 signature). */
    @POST
    @Path("/hubspot")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> hubspot(byte[] body, @Context HttpHeaders headers, @Context UriInfo uri) {
        return intake.hubspot(request("/webhooks/crm/hubspot", uri, headers, body)).map(CrmWebhookResource::answer);
    }

    /** 429 problem+json with Retry-After (seconds): the source is over its rate limit; nothing was accepted. */
    @ServerExceptionMapper
    public Response rateLimited(WebhookSources.RateLimitedException e, UriInfo uri) {
        return Response.status(429).type(Problem.MEDIA_TYPE).header("Retry-After", Long.toString(e.retryAfterSeconds()))
                .entity(e.toProblem(uri == null ? null : uri.getPath())).build();
    }

    static Response answer(Receipt r) {
        return Response.status("accepted".equals(r.status()) ? 202 : 200).entity(r).build();
    }

    static WebhookIntake.Request request(String endpoint, UriInfo uri, HttpHeaders headers, byte[] body) {
        Map<String, String> h = new TreeMap<>();
        headers.getRequestHeaders().forEach((name, values) -> {
            String n = name.toLowerCase(Locale.ROOT);
            if (!NEVER_KEPT.contains(n)) {
                h.put(n, String.join(", ", values == null ? List.of() : values));
            }
        });
        MediaType ct = headers.getMediaType();
        return new WebhookIntake.Request(endpoint, "POST", uri.getRequestUri().toString(),
                ct == null ? null : ct.toString(), h, body == null ? new byte[0] : body);
    }
}
