package io.partnerflow.platform.trace;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.partnerflow.platform.PlatformConfig;
import io.partnerflow.platform.messaging.EventEnvelope;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The trace path one hop at a time, on a real Vert.x context as in a service: REST request (SERVER span
 * continuing the caller's traceparent) → what OutboxWriter writes into the row (TraceContext.current()) →
 * the next service consumes that event (CONSUMER span, child of the row's traceparent) → its own outbox
 * row. Every span shares the caller's trace id and each is the child of the previous one.
 */
class TracingFlowTest {
    private static final String CALLER = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.close();
    }

    @Test
    void oneTraceFromARestRequestThroughTheOutboxToTheNextConsumer() throws Exception {
        InMemorySpanExporter exported = InMemorySpanExporter.create();
        Tracing dealService = new Tracing(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported)).build());
        Tracing attributionService = new Tracing(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported)).build());
        TraceFilter filter = new TraceFilter();
        filter.tracing = dealService;

        // deal-service: the webhook request; OutboxWriter writes TraceContext.current() into the row.
        Map<String, Object> props = new HashMap<>();
        ContainerRequestContext request = request("POST", "/webhooks/crm/generic", Map.of("traceparent", CALLER), props);
        MultivaluedMap<String, Object> responseHeaders = new MultivaluedHashMap<>();
        TraceContext outboxRow = onContext(() -> {
            filter.continueTrace(request);
            TraceContext row = TraceContext.current();
            ContainerResponseContext response = response(202, responseHeaders);
            filter.echoTrace(response);
            filter.endSpan(request, response);
            return row;
        });
        assertEquals(outboxRow.traceparent(), responseHeaders.getFirst("traceresponse"));
        assertTrue(props.isEmpty(), "span removed from the request once ended");

        // attribution-service: consumes the relayed row, its own outbox row continues from the consumer span.
        EventEnvelope consumed = new EventEnvelope("evt-1", "partnerflow.deal.closed-won.v1", "/partnerflow/deal-service",
                null, "d-1", "deal.events", 3, 42L, "d-1", "{}", outboxRow.traceparent(), outboxRow.tracestate());
        TraceContext nextRow = onContext(() -> {
            var span = attributionService.startConsumerSpan(consumed);
            Tracing.contextOf(span, consumed.tracestate()).bind();
            TraceContext row = TraceContext.current();
            span.end();
            return row;
        });

        List<SpanData> spans = exported.getFinishedSpanItems();
        assertEquals(2, spans.size(), spans.toString());
        SpanData server = spans.get(0);
        SpanData consumer = spans.get(1);
        assertEquals(SpanKind.SERVER, server.getKind());
        assertEquals(SpanKind.CONSUMER, consumer.getKind());
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        assertEquals(traceId, server.getTraceId());
        assertEquals(traceId, consumer.getTraceId());
        assertEquals(traceId, outboxRow.traceId());
        assertEquals(traceId, nextRow.traceId());
        assertEquals("00f067aa0ba902b7", server.getParentSpanId(), "server span continues the caller");
        assertEquals("00-" + traceId + "-" + server.getSpanId() + "-01", outboxRow.traceparent(), "row carries the server span");
        assertEquals(server.getSpanId(), consumer.getParentSpanId(), "consumer span is the row's child");
        assertEquals("00-" + traceId + "-" + consumer.getSpanId() + "-01", nextRow.traceparent());
        assertEquals(202L, server.getAttributes().get(io.opentelemetry.api.common.AttributeKey.longKey("http.response.status_code")));
        assertEquals("deal.events", consumer.getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey("messaging.destination.name")));
    }

    @Test
    void aRequestWithoutOrWithABrokenTraceparentStartsANewRootTrace() throws Exception {
        InMemorySpanExporter exported = InMemorySpanExporter.create();
        TraceFilter filter = new TraceFilter();
        filter.tracing = new Tracing(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported)).build());
        for (String bad : new String[]{null, "garbage", "00-00000000000000000000000000000000-00f067aa0ba902b7-01"}) {
            Map<String, String> headers = new HashMap<>();
            if (bad != null) {
                headers.put("traceparent", bad);
            }
            ContainerRequestContext request = request("GET", "/partners", headers, new HashMap<>());
            TraceContext row = onContext(() -> {
                filter.continueTrace(request);
                TraceContext t = TraceContext.current();
                filter.endSpan(request, response(200, new MultivaluedHashMap<>()));
                return t;
            });
            assertTrue(row.traceparent().matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-01$"), row.traceparent());
            assertFalse(row.traceId().matches("0+"));
        }
        List<SpanData> spans = exported.getFinishedSpanItems();
        assertEquals(3, spans.size());
        assertEquals(3, spans.stream().map(SpanData::getTraceId).distinct().count(), "three independent roots");
        spans.forEach(s -> assertFalse(s.getParentSpanContext().isValid()));
    }

    @Test
    void aServerErrorMarksTheSpanAsFailed() throws Exception {
        InMemorySpanExporter exported = InMemorySpanExporter.create();
        TraceFilter filter = new TraceFilter();
        filter.tracing = new Tracing(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported)).build());
        ContainerRequestContext request = request("POST", "/x", Map.of(), new HashMap<>());
        onContext(() -> {
            filter.continueTrace(request);
            filter.endSpan(request, response(503, new MultivaluedHashMap<>()));
            return null;
        });
        assertEquals(io.opentelemetry.api.trace.StatusCode.ERROR, exported.getFinishedSpanItems().get(0).getStatus().getStatusCode());
    }

    @Test
    void everyExporterSettingBuildsAProviderAndNoneExportsNothing() {
        for (PlatformConfig.Tracing.Exporter e : PlatformConfig.Tracing.Exporter.values()) {
            PlatformConfig.Tracing config = new PlatformConfig.Tracing() {
                @Override
                public Exporter exporter() {
                    return e;
                }

                @Override
                public String otlpEndpoint() {
                    return "http://127.0.0.1:1/v1/traces";
                }
            };
            var exporter = Tracing.exporter(config);
            assertEquals(e == PlatformConfig.Tracing.Exporter.NONE, exporter == null, e.name());
            Tracing t = new Tracing(Tracing.provider("test-service", exporter));
            var span = t.startServerSpan("GET", "/", null, null);
            assertTrue(span.getSpanContext().isValid());
            assertNotEquals("", Tracing.contextOf(span, null).traceId());
            span.end();
            t.close();
        }
        assertNotNull(new Tracing(Tracing.provider("x", null)).tracer());
    }

    private static <T> T onContext(Supplier<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Context ctx = vertx.getOrCreateContext();
        ctx.runOnContext(v -> {
            try {
                result.complete(work.get());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result.get(10, TimeUnit.SECONDS);
    }

    private static ContainerRequestContext request(String method, String path, Map<String, String> headers, Map<String, Object> props) {
        return (ContainerRequestContext) Proxy.newProxyInstance(TracingFlowTest.class.getClassLoader(),
                new Class<?>[]{ContainerRequestContext.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getHeaderString" -> headers.get((String) args[0]);
                    case "getUriInfo" -> null;
                    case "setProperty" -> props.put((String) args[0], args[1]);
                    case "getProperty" -> props.get((String) args[0]);
                    case "removeProperty" -> props.remove((String) args[0]);
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    private static ContainerResponseContext response(int status, MultivaluedMap<String, Object> headers) {
        return (ContainerResponseContext) Proxy.newProxyInstance(TracingFlowTest.class.getClassLoader(),
                new Class<?>[]{ContainerResponseContext.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getStatus" -> status;
                    case "getHeaders" -> headers;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }
}
