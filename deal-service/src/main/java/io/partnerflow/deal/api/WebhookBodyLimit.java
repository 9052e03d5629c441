package io.partnerflow.deal.api;

import io.partnerflow.contracts.EventJson;
import io.partnerflow.deal.config.DealConfig;
import io.partnerflow.platform.problem.Problem;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Refuses an oversized CRM webhook from its {@code Content-Length} before the body is read or anything is written:
 * 413 problem+json. The body is read and thrown away first (up to {@code deal.webhooks.drain-limit}) so that a
 * sender still writing it gets the answer, not a connection reset; a sender that asked {@code Expect: 100-continue}
 * gets the 413 at once and sends nothing. Runs before Quarkus's own body limit
 * ({@code quarkus.http.limits.max-body-size}), which answers a bare 413 and closes the connection. Bodies sent
 * without a length (chunked) are counted by the endpoint ({@code WebhookIntake#checkSize}).
 */
@ApplicationScoped
public class WebhookBodyLimit {
    private static final Logger LOG = Logger.getLogger(WebhookBodyLimit.class);

    private final long maxBody;
    private final long drainLimit;

    public WebhookBodyLimit(DealConfig config) {
        this.maxBody = config.webhooks().maxBodySize().asLongValue();
        this.drainLimit = config.webhooks().drainLimit().asLongValue();
    }

    void install(@Observes Router router) {
        router.route("/webhooks/crm/*").order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::check);
    }

    void check(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        long length = contentLength(req.getHeader(HttpHeaders.CONTENT_LENGTH));
        if (length <= maxBody) {
            ctx.next();
            return;
        }
        String detail = "the body has " + length + " bytes; at most " + maxBody + " are accepted";
        LOG.warnf("CRM webhook on %s refused: %s", req.path(), detail);
        boolean expectsContinue = "100-continue".equalsIgnoreCase(req.getHeader(HttpHeaders.EXPECT));
        if (expectsContinue || length > drainLimit || req.isEnded()) {
            respond(ctx, detail, true);
            return;
        }
        req.handler(buffer -> {
        });
        req.exceptionHandler(e -> ctx.request().connection().close());
        req.endHandler(v -> respond(ctx, detail, false));
        req.resume();
    }

    private static void respond(RoutingContext ctx, String detail, boolean close) {
        if (ctx.response().ended()) {
            return;
        }
        Problem p = new Problem("urn:partnerflow:problem:payload-too-large", "Content Too Large", 413,
                detail + " — nothing was accepted; split the delivery", ctx.request().path(),
                List.of(new Problem.FieldError("body", detail)));
        ctx.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (close) {
            // the body (if any) will not be read: this connection cannot carry another request
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        }
        ctx.response().end(EventJson.writeString(p)).onComplete(written -> {
            if (close) {
                ctx.request().connection().close();
            }
        });
    }

    /** The announced length, or -1 when there is none (or it is not a number: the HTTP layer refuses that). */
    static long contentLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
