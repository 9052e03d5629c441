package io.partnerflow.portal.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.Locale;

/**
 * The server time of every page (service calls + rendering), logged and sent as {@code Server-Timing: app;dur=…} so a
 * browser (or the e2e test) can read it from the navigation timing.
 */
public class ServerTiming {
    private static final Logger LOG = Logger.getLogger("io.partnerflow.portal.timing");
    private static final String START = "pf.start";

    @ServerRequestFilter
    public void start(ContainerRequestContext req) {
        req.setProperty(START, System.nanoTime());
    }

    @ServerResponseFilter
    public void stop(ContainerRequestContext req, ContainerResponseContext res) {
        Object start = req.getProperty(START);
        if (start == null || req.getUriInfo().getPath().endsWith("/live")) {
            return;
        }
        double ms = (System.nanoTime() - (Long) start) / 1e6;
        res.getHeaders().add("Server-Timing", String.format(Locale.ROOT, "app;dur=%.1f", ms));
        if (!req.getUriInfo().getPath().startsWith("/q/")) {
            LOG.infof("page %s %s -> %d in %.1f ms", req.getMethod(), req.getUriInfo().getPath(), res.getStatus(), ms);
        }
    }
}
