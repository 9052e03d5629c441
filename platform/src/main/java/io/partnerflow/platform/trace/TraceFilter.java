package io.partnerflow.platform.trace;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Continues an incoming W3C trace (or starts one) for every REST request; echoes it back. */
public class TraceFilter {

    @ServerRequestFilter(preMatching = true)
    public void continueTrace(ContainerRequestContext request) {
        TraceContext.childOf(request.getHeaderString("traceparent"), request.getHeaderString("tracestate")).bind();
    }

    @ServerResponseFilter
    public void echoTrace(ContainerResponseContext response) {
        response.getHeaders().putSingle("traceresponse", TraceContext.current().traceparent());
    }
}
