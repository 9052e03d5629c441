package io.partnerflow.platform.trace;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.exporter.logging.LoggingSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.partnerflow.platform.PlatformConfig;
import io.partnerflow.platform.messaging.EventEnvelope;
import io.quarkus.arc.DefaultBean;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * OpenTelemetry tracing with the plain SDK: a SERVER span per REST request ({@link TraceFilter}) and a
 * CONSUMER span per consumed event ({@code EventConsumer}), each continuing the W3C {@code traceparent}
 * it received. The span's own context is then bound as the {@link TraceContext}, so an outbox row written
 * inside it carries {@code 00-<trace id>-<span id>-<flags>}: the next service's consumer span becomes its
 * child and one trace follows a webhook through every service (across Debezium and Kafka).
 *
 * <p>{@code partnerflow.tracing.exporter}: {@code none} (default: spans and ids are still made and
 * propagated, nothing is exported), {@code logging} (one log line per span), {@code otlp} (batched to
 * {@code partnerflow.tracing.otlp-endpoint}, OTLP/HTTP). Resource {@code service.name} = {@code
 * partnerflow.service-name}. No {@code OpenTelemetry} CDI bean is produced on purpose, so SmallRye
 * Reactive Messaging's own Kafka tracing stays off and there is one span per hop.
 */
@Singleton
public class Tracing {
    public static final String INSTRUMENTATION = "io.partnerflow.platform";
    private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
    private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final SdkTracerProvider provider;
    private final Tracer tracer;

    @Inject
    public Tracing(PlatformConfig config) {
        this(provider(config.serviceName(), exporter(config.tracing())));
    }

    /** For tests and tools: spans go to the given provider's processors. */
    public Tracing(SdkTracerProvider provider) {
        this.provider = provider;
        this.tracer = provider.get(INSTRUMENTATION);
    }

    /** A tracer provider for the service with the exporter (none when {@code null}). */
    public static SdkTracerProvider provider(String serviceName, SpanExporter exporter) {
        SdkTracerProviderBuilder b = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(SERVICE_NAME, serviceName))));
        if (exporter instanceof LoggingSpanExporter) {
            b.addSpanProcessor(SimpleSpanProcessor.create(exporter));
        } else if (exporter != null) {
            b.addSpanProcessor(BatchSpanProcessor.builder(exporter).build());
        }
        return b.build();
    }

    static SpanExporter exporter(PlatformConfig.Tracing config) {
        return switch (config.exporter()) {
            case NONE -> null;
            case LOGGING -> LoggingSpanExporter.create();
            case OTLP -> OtlpHttpSpanExporter.builder().setEndpoint(config.otlpEndpoint()).build();
        };
    }

    @Produces
    @DefaultBean
    @Singleton
    public Tracer tracer() {
        return tracer;
    }

    /** A SERVER span continuing the incoming W3C context (a new root when absent or malformed). */
    public Span startServerSpan(String method, String path, String traceparent, String tracestate) {
        return tracer.spanBuilder(method == null ? "HTTP" : method)
                .setParent(parent(traceparent, tracestate))
                .setSpanKind(SpanKind.SERVER)
                .setAttribute("http.request.method", method == null ? "" : method)
                .setAttribute("url.path", path == null ? "" : path)
                .startSpan();
    }

    /** A CONSUMER span for a consumed event, child of the context the event carries. */
    public Span startConsumerSpan(EventEnvelope event) {
        return tracer.spanBuilder(event.topic() + " process")
                .setParent(parent(event.traceparent(), event.tracestate()))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "process")
                .setAttribute("messaging.destination.name", event.topic() == null ? "" : event.topic())
                .setAttribute("messaging.destination.partition.id", String.valueOf(event.partition()))
                .setAttribute("messaging.kafka.offset", event.offset())
                .setAttribute("messaging.message.id", event.id() == null ? "" : event.id())
                .setAttribute("cloudevents.event_type", event.type() == null ? "" : event.type())
                .startSpan();
    }

    /** The span's context as the W3C {@link TraceContext} that outbox rows and logs carry. */
    public static TraceContext contextOf(Span span, String tracestate) {
        SpanContext c = span.getSpanContext();
        // Only the sampled bit: the SDK also sets W3C level 2's "random trace id" bit (03), which older parsers refuse.
        return new TraceContext("00-" + c.getTraceId() + "-" + c.getSpanId() + "-" + (c.isSampled() ? "01" : "00"), tracestate);
    }

    private static Context parent(String traceparent, String tracestate) {
        Map<String, String> carrier = new HashMap<>();
        if (traceparent != null) {
            carrier.put("traceparent", traceparent.trim());
        }
        if (tracestate != null) {
            carrier.put("tracestate", tracestate);
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), carrier, MAP_GETTER);
    }

    /** Exports what is still buffered (BatchSpanProcessor) and stops. */
    @PreDestroy
    void close() {
        provider.shutdown().join(5, TimeUnit.SECONDS);
    }

    public SdkTracerProvider provider() {
        return provider;
    }
}
