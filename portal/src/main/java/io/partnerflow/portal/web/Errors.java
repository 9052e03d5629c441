package io.partnerflow.portal.web;

import io.partnerflow.portal.auth.NotSignedIn;
import io.partnerflow.portal.client.ServiceError;
import io.partnerflow.portal.config.PortalConfig;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URI;

/**
 * Errors as pages people can read: a service's 4xx shows its problem detail with the status; a 5xx or an unreachable
 * service shows which service failed; never a stack trace. No session → to the sign-in page (or 401 without one).
 */
public class Errors {
    private static final Logger LOG = Logger.getLogger(Errors.class);

    private final Template error;
    private final PortalConfig config;

    public Errors(@Location("error.html") Template error, PortalConfig config) {
        this.error = error;
        this.config = config;
    }

    @ServerExceptionMapper
    public Response notSignedIn(NotSignedIn e) {
        if (config.localSignIn()) {
            return Response.seeOther(URI.create("/sign-in")).build();
        }
        return page(401, "Not signed in", "Sign in through your organisation's sign-in (" + e.getMessage() + ").", null);
    }

    @ServerExceptionMapper
    public Response serviceError(ServiceError e) {
        int status = e.status() >= 500 ? 502 : e.status();
        if (e.status() >= 500) {
            LOG.warnf("%s-service answered %d: %s", e.service(), e.status(), e.detail());
        }
        String heading = switch (e.status()) {
            case 401 -> "Your sign-in has expired";
            case 403 -> "You are not allowed to do this";
            case 404 -> "Not found — or not yours to see";
            case 409 -> "Not possible right now";
            default -> e.status() >= 500 ? "A service is not answering" : "The request was refused";
        };
        // a 5xx's detail may carry a service's internals: name the service and the status, not what it said
        String detail = e.status() >= 500 && !"portal".equals(e.service())
                ? e.service() + "-service failed (HTTP " + e.status() + "); try again in a moment" + (e.status() == 504 || e.status() == 502 ? ": " + e.detail() : "")
                : e.detail();
        return page(status, heading, detail, e.service());
    }

    /** Anything unexpected: logged with an id, shown as a page naming the id — never a stack trace. */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Exception e) {
        if (e instanceof jakarta.ws.rs.WebApplicationException w) {
            Response r = w.getResponse();
            return page(r.getStatus(), r.getStatus() == 404 ? "Not found" : "The request was refused", r.getStatusInfo().getReasonPhrase(), null);
        }
        String id = java.util.UUID.randomUUID().toString().substring(0, 8);
        LOG.errorf(e, "unexpected error %s", id);
        return page(500, "Something went wrong", "The portal failed to show this page (error " + id + ", in its log).", "portal");
    }

    private Response page(int status, String heading, String detail, String service) {
        String html = error.data("status", status).data("heading", heading).data("detail", detail)
                .data("service", service).data("user", null).render();
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html).build();
    }
}
