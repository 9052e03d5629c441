package io.partnerflow.platform.trace;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.jboss.logging.MDC;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * W3C trace context ({@code traceparent} / {@code tracestate}) carried through a request or a consumed
 * event, so an outbox row continues the trace that caused it, across Debezium and Kafka.
 * Bound to the current Vert.x (duplicated) context; when none is bound, a new root trace starts.
 */
public record TraceContext(String traceparent, String tracestate) {
    private static final Pattern TRACEPARENT = Pattern.compile("^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$");
    private static final String KEY = TraceContext.class.getName();
    private static final SecureRandom RANDOM = new SecureRandom();

    public static TraceContext newRoot() {
        return new TraceContext("00-" + hex(16) + "-" + hex(8) + "-01", null);
    }

    /** A child span of the given parent, or a new root when the parent is absent or malformed. */
    public static TraceContext childOf(String traceparent, String tracestate) {
        if (traceparent == null) {
            return newRoot();
        }
        var m = TRACEPARENT.matcher(traceparent.trim());
        if (!m.matches() || m.group(1).matches("0+") || m.group(2).matches("0+")) {
            return newRoot();
        }
        return new TraceContext("00-" + m.group(1) + "-" + hex(8) + "-" + m.group(3), tracestate);
    }

    public String traceId() {
        return traceparent.substring(3, 35);
    }

    /** The context bound to the current Vert.x context, binding a new root if there is none yet. */
    public static TraceContext current() {
        Context ctx = Vertx.currentContext();
        if (ctx == null) {
            return newRoot();
        }
        TraceContext tc = ctx.getLocal(KEY);
        if (tc == null) {
            tc = newRoot();
            ctx.putLocal(KEY, tc);
        }
        return tc;
    }

    /** Binds this context to the current Vert.x context and puts {@code traceId} in the logging MDC. */
    public TraceContext bind() {
        Context ctx = Vertx.currentContext();
        if (ctx != null) {
            ctx.putLocal(KEY, this);
        }
        MDC.put("traceId", traceId());
        return this;
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
