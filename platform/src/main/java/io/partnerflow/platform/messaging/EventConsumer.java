package io.partnerflow.platform.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.partnerflow.platform.PlatformConfig;
import io.partnerflow.platform.inbox.Inbox;
import io.partnerflow.platform.trace.Tracing;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.function.Function;

/**
 * The one way a service consumes an event: parse the envelope → in ONE transaction record the event id
 * in the inbox and apply the effect (a redelivery is acknowledged and skipped) → ack. An outage of the database
 * ({@link Failures#isInfrastructure}: connection refused or lost, server shutting down) is retried with capped
 * back-off until it is over — the partition waits, nothing is dead-lettered for it. Other transient failures
 * are retried with back-off a bounded number of times; poison (and exhausted retries) is nacked, which
 * the channel's {@code failure-strategy=dead-letter-queue} turns into a record on
 * {@code <topic>.dlq.<service>} with the reason and original topic/partition/offset in headers — and the
 * partition keeps moving.
 *
 * <p>Each event is processed in a CONSUMER span whose parent is the {@code traceparent} the event carries
 * (so outbox rows written by the effect continue the trace), and timed: {@code partnerflow.events.processing}
 * (topic, type, outcome = applied | duplicate | dead-lettered), next to the counters
 * {@code partnerflow.events.consumed} and {@code partnerflow.events.dead-lettered}.
 */
@ApplicationScoped
public class EventConsumer {
    private static final Logger LOG = Logger.getLogger(EventConsumer.class);

    private final Inbox inbox;
    private final PlatformConfig config;
    private final MeterRegistry metrics;
    private final Tracing tracing;

    @Inject
    public EventConsumer(Inbox inbox, PlatformConfig config, MeterRegistry metrics, Tracing tracing) {
        this.inbox = inbox;
        this.config = config;
        this.metrics = metrics;
        this.tracing = tracing;
    }

    /** Without tracing configuration: spans are made (ids propagate) but not exported. */
    public EventConsumer(Inbox inbox, PlatformConfig config, MeterRegistry metrics) {
        this(inbox, config, metrics, new Tracing(Tracing.provider(config.serviceName(), null)));
    }

    /** Consumer name recorded in the inbox: the service name (one consumer group per service). */
    public String consumerName() {
        return config.serviceName();
    }

    public Uni<Void> consume(Message<String> message, Function<EventEnvelope, Uni<Void>> effect) {
        EventEnvelope event;
        try {
            event = EventEnvelope.from(message);
        } catch (PoisonMessageException e) {
            return deadLetter(message, null, e);
        }
        long started = System.nanoTime();
        Span span = tracing.startConsumerSpan(event);
        Tracing.contextOf(span, event.tracestate()).bind();
        PlatformConfig.Consumer retry = config.consumer();
        return Uni.createFrom().deferred(() -> applyOnce(event, effect))
                // the database (or the network to it) is away: not the event's fault — wait for it, never dead-letter
                .plug(u -> Failures.waitingOutOutages(u, Duration.ofMillis(retry.backoffMillis()),
                        Duration.ofMillis(retry.outageMaxBackoffMillis()),
                        t -> LOG.warnf("%s %s waits for the database: %s", event.type(), event.id(), t.toString())))
                .onFailure(t -> !(t instanceof PoisonMessageException))
                .retry().withBackOff(Duration.ofMillis(retry.backoffMillis())).atMost(Math.max(0, retry.maxAttempts() - 1))
                .onItem().transformToUni(applied -> {
                    String outcome = applied ? "applied" : "duplicate";
                    metrics.counter("partnerflow.events.consumed", "topic", event.topic(), "type", event.type(),
                            "outcome", outcome).increment();
                    finish(event, started, span, outcome, null);
                    return Uni.createFrom().completionStage(message.ack());
                })
                .onFailure().recoverWithUni(t -> {
                    finish(event, started, span, "dead-lettered", t);
                    return deadLetter(message, event, t);
                });
    }

    private void finish(EventEnvelope event, long startedNanos, Span span, String outcome, Throwable failure) {
        Timer.builder("partnerflow.events.processing")
                .description("Time from receiving an event to its outcome (inbox + effect + retries)")
                .tags("topic", event.topic(), "type", event.type(), "outcome", outcome)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(metrics)
                .record(System.nanoTime() - startedNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        span.setAttribute("partnerflow.outcome", outcome);
        if (failure != null) {
            span.recordException(failure);
            span.setStatus(StatusCode.ERROR, failure.toString());
        }
        span.end();
    }

    private Uni<Boolean> applyOnce(EventEnvelope event, Function<EventEnvelope, Uni<Void>> effect) {
        return Panache.withTransaction(() -> inbox.firstDelivery(consumerName(), event.id(), event.type(), event.topic())
                .chain(first -> first ? effect.apply(event).replaceWith(true) : Uni.createFrom().item(false)));
    }

    private Uni<Void> deadLetter(Message<String> message, EventEnvelope event, Throwable reason) {
        String where = event == null ? "unparseable message" : event.type() + " " + event.id()
                + " (" + event.topic() + "/" + event.partition() + "@" + event.offset() + ")";
        LOG.warnf("dead-lettering %s: %s", where, reason.toString());
        metrics.counter("partnerflow.events.dead-lettered", "topic", event == null ? "unknown" : event.topic())
                .increment();
        return Uni.createFrom().completionStage(message.nack(reason));
    }
}
