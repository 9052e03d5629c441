package io.partnerflow.platform.trace;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Continues an incoming W3C trace (or starts one) for every REST request with a SERVER span, binds the
 * span's context as the {@link TraceContext} (logs, outbox rows), echoes it back as {@code traceresponse}
 * and ends the span with the response status.
 */
public class TraceFilter {
    static final String SPAN = TraceFilter.class.getName() + ".span";

    @Inject
    Tracing tracing;

    @ServerRequestFilter(preMatching = true)
    public void continueTrace(ContainerRequestContext request) {
        String tracestate = request.getHeaderString("tracestate");
        if (tracing == null) {
            TraceContext.childOf(request.getHeaderString("traceparent"), tracestate).bind();
            return;
        }
        Span span = tracing.startServerSpan(request.getMethod(),
                request.getUriInfo() == null ? null : request.getUriInfo().getPath(),
                request.getHeaderString("traceparent"), tracestate);
        request.setProperty(SPAN, span);
        Tracing.contextOf(span, tracestate).bind();
    }

    @ServerResponseFilter
    public void echoTrace(ContainerResponseContext response) {
        response.getHeaders().putSingle("traceresponse", TraceContext.current().traceparent());
    }

    @ServerResponseFilter
    public void endSpan(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(SPAN) instanceof Span span) {
            request.removeProperty(SPAN);
            span.setAttribute("http.response.status_code", response.getStatus());
            if (response.getStatus() >= 500) {
                span.setStatus(StatusCode.ERROR);
            }
            span.end();
        }
    }
}
