package io.partnerflow.platform.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.partnerflow.platform.PlatformConfig;
import io.partnerflow.platform.inbox.Inbox;
import io.partnerflow.platform.outbox.OutboxWriter;
import io.partnerflow.platform.trace.Tracing;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The one way a service consumes events. {@link #consumeBatch}: what one Kafka poll returned is applied in ONE
 * transaction — inbox ids inserted together ({@code ON CONFLICT DO NOTHING RETURNING} tells which are new), the
 * effects of the new ones in the order they were produced ({@link ArrivalOrder}: each partition in offset order),
 * every outbox row they wrote in one multi-row INSERT, one commit, then the batch is acknowledged. A batch that fails on its data is split ({@link Bisection}) until the failing record stands
 * alone; that one is retried like a single event and then dead-lettered, the rest commit. An outage of the database
 * is waited out for the whole batch (ADR 0003); nothing is ever half-applied. See docs/adr/0004-batched-consumers.md.
 *
 * <p>{@link #consume} (one record per transaction) is the same contract for a single message: parse the envelope → in ONE transaction record the event id
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
    private final OutboxWriter outbox;

    @Inject
    public EventConsumer(Inbox inbox, PlatformConfig config, MeterRegistry metrics, Tracing tracing, OutboxWriter outbox) {
        this.inbox = inbox;
        this.outbox = outbox;
        this.config = config;
        this.metrics = metrics;
        this.tracing = tracing;
    }

    /** Without tracing configuration: spans are made (ids propagate) but not exported. */
    public EventConsumer(Inbox inbox, PlatformConfig config, MeterRegistry metrics) {
        this(inbox, config, metrics, new Tracing(Tracing.provider(config.serviceName(), null)), new OutboxWriter(config));
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
        time(event, startedNanos, outcome);
        span.setAttribute("partnerflow.outcome", outcome);
        if (failure != null) {
            span.recordException(failure);
            span.setStatus(StatusCode.ERROR, failure.toString());
        }
        span.end();
    }

    private Uni<Boolean> applyOnce(EventEnvelope event, Function<EventEnvelope, Uni<Void>> effect) {
        return bounded(Panache.withTransaction(() -> inbox.firstDelivery(consumerName(), event.id(), event.type(), event.topic())
                .chain(first -> first ? effect.apply(event).replaceWith(true) : Uni.createFrom().item(false))));
    }

    /** One transaction bounded by {@code partnerflow.consumer.transaction-timeout-millis} (issue #16, ADR 0003). */
    private <T> Uni<T> bounded(Uni<T> transaction) {
        return TransactionDeadline.within(transaction, Duration.ofMillis(config.consumer().transactionTimeoutMillis()));
    }

    /**
     * Applies a whole poll ({@code mp.messaging.incoming.<channel>.batch=true}) in one transaction, bisecting on
     * poison; poison records go to the channel's dead-letter topic one by one (the failure strategy of each record);
     * then the batch is acknowledged.
     */
    public Uni<Void> consumeBatch(KafkaRecordBatch<String, String> batch, Function<EventEnvelope, Uni<Void>> effect) {
        return consumeBatch(batch, effect, () -> Uni.createFrom().voidItem());
    }

    /**
     * As {@link #consumeBatch(KafkaRecordBatch, Function)}, then {@code afterwards} — on the batch's own context, after
     * the batch committed and before it is acknowledged (e.g. work the new data unblocks). Its failure is logged and
     * does not undo or redeliver the batch.
     */
    public Uni<Void> consumeBatch(KafkaRecordBatch<String, String> batch, Function<EventEnvelope, Uni<Void>> effect,
                                  java.util.function.Supplier<Uni<?>> afterwards) {
        return consumeChunks(batch, fresh -> Multi.createFrom().iterable(fresh)
                .onItem().transformToUniAndConcatenate(e -> applyOne(e, effect).chain(EventConsumer::flushAndClear))
                .collect().last().replaceWithVoid(), afterwards);
    }

    /**
     * As {@link #consumeBatch(KafkaRecordBatch, Function)} — {@code each} applied per new event in offset order — then
     * {@code together} once with all new events of the chunk (offset order, duplicates removed), in the same
     * transaction, before the outbox rows are written: for the part of a service's work that only the last state per
     * key matters for, or that a few multi-row statements do better than one statement per event. The two must
     * not read each other's tables within the chunk. A failure of either bisects the chunk like any failure.
     */
    public Uni<Void> consumeBatchEachThenTogether(KafkaRecordBatch<String, String> batch,
                                                  Function<EventEnvelope, Uni<Void>> each,
                                                  Function<List<EventEnvelope>, Uni<Void>> together) {
        return consumeChunks(batch, fresh -> Multi.createFrom().iterable(fresh)
                .onItem().transformToUniAndConcatenate(e -> applyOne(e, each).chain(EventConsumer::flushAndClear))
                .collect().last()
                .chain(() -> fresh.isEmpty() ? Uni.createFrom().voidItem()
                        // each event already has its span (from {@code each})
                        : Uni.createFrom().deferred(() -> together.apply(fresh)).chain(EventConsumer::flushAndClear)),
                () -> Uni.createFrom().voidItem());
    }

    /**
     * As {@link #consumeBatch(KafkaRecordBatch, Function)}, but the effect takes all NEW events of a chunk at once, in
     * offset order (duplicates already removed) — for a projection that loads what the events need once and writes
     * with multi-row statements. A failure of the list bisects the chunk like any failure.
     */
    public Uni<Void> consumeBatchTogether(KafkaRecordBatch<String, String> batch,
                                         Function<List<EventEnvelope>, Uni<Void>> effect) {
        return consumeChunks(batch, fresh -> fresh.isEmpty() ? Uni.createFrom().voidItem()
                : applyAll(fresh, effect).chain(EventConsumer::flushAndClear), () -> Uni.createFrom().voidItem());
    }

    private Uni<Void> consumeChunks(KafkaRecordBatch<String, String> batch, Function<List<EventEnvelope>, Uni<Void>> effect,
                                    java.util.function.Supplier<Uni<?>> afterwards) {
        long started = System.nanoTime();
        List<Received> received = new ArrayList<>();
        List<Bisection.Poison<Received>> unreadable = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            try {
                received.add(new Received(record, EventEnvelope.from(record)));
            } catch (PoisonMessageException e) {
                unreadable.add(new Bisection.Poison<>(new Received(record, null), e));
            }
        }
        received = ArrivalOrder.merge(received, r -> r.event().partition(), EventConsumer::producedAt);
        String topic = received.isEmpty() ? "unknown" : received.get(0).event().topic();
        metrics.summary("partnerflow.events.batch.size", "channel-topic", topic).record(batch.getRecords().size());
        Set<String> applied = ConcurrentHashMap.newKeySet();
        return Bisection.run(received, chunk -> attempt(chunk, effect, applied))
                .chain(outcome -> {
                    for (Received r : outcome.appliedItems()) {
                        String outcomeName = applied.contains(r.event().id()) ? "applied" : "duplicate";
                        consumedCounter(r.event(), outcomeName).increment();
                        time(r.event(), started, outcomeName);
                    }
                    List<Bisection.Poison<Received>> dead = new ArrayList<>(unreadable);
                    dead.addAll(outcome.poison());
                    return Multi.createFrom().iterable(dead)
                            .onItem().transformToUniAndConcatenate(p -> {
                                if (p.item().event() != null) {
                                    time(p.item().event(), started, "dead-lettered");
                                }
                                return deadLetter(p.item().message(), p.item().event(), p.reason());
                            })
                            .collect().last();
                })
                // a dead letter's send completes on the producer's thread: come back to the batch's context
                .emitOn(onContext(io.vertx.core.Vertx.currentContext()))
                .chain(() -> Uni.createFrom().deferred(afterwards)
                        .onFailure().invoke(t -> LOG.warnf("after a batch of %d records: %s", batch.getRecords().size(), t.toString()))
                        .onFailure().recoverWithNull())
                .chain(() -> Uni.createFrom().completionStage(batch.ack()))
                .invoke(() -> batchTimer(topic).record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS));
    }

    /**
     * Wall time of a whole poll, parse to acknowledgement: its sum over an interval, divided by the interval, is how
     * busy the channel's one consumer was (near 1: the stage is the pipeline's bottleneck, whatever its CPU).
     */
    private Timer batchTimer(String topic) {
        return batchTimers.computeIfAbsent(topic, t -> Timer.builder("partnerflow.events.batch")
                .description("Wall time of one consumed poll: parse, transaction(s), dead letters, acknowledgement")
                .tags("topic", t).register(metrics));
    }

    private final java.util.Map<String, Timer> batchTimers = new ConcurrentHashMap<>();

    /** One chunk in one transaction: database outages waited out; a lone record's transient failure retried. */
    private Uni<Void> attempt(List<Received> chunk, Function<List<EventEnvelope>, Uni<Void>> effect, Set<String> applied) {
        PlatformConfig.Consumer retry = config.consumer();
        Uni<Set<String>> once = Uni.createFrom().deferred(() -> applyChunk(chunk, effect))
                .plug(u -> Failures.waitingOutOutages(u, Duration.ofMillis(retry.backoffMillis()),
                        Duration.ofMillis(retry.outageMaxBackoffMillis()),
                        t -> LOG.warnf("a batch of %d %s events waits for the database: %s", chunk.size(),
                                chunk.get(0).event().topic(), t.toString())));
        if (chunk.size() == 1) {
            once = once.onFailure(t -> !(t instanceof PoisonMessageException))
                    .retry().withBackOff(Duration.ofMillis(retry.backoffMillis())).atMost(Math.max(0, retry.maxAttempts() - 1));
        } else {
            // a deadlock or serialization failure is another transaction's timing, not a record's fault: the whole
            // chunk again (rolled back, nothing applied) before bisecting it into many small transactions
            once = once.onFailure(Failures::isConcurrencyConflict).invoke(t -> LOG.infof("a batch of %d %s events meets a concurrent transaction, again: %s",
                            chunk.size(), chunk.get(0).event().topic(), t.toString()))
                    .onFailure(Failures::isConcurrencyConflict)
                    .retry().withBackOff(Duration.ofMillis(retry.backoffMillis())).atMost(Math.max(0, retry.maxAttempts() - 1));
        }
        return once.invoke(applied::addAll).replaceWithVoid();
    }

    /** Inbox rows together → the new events' effects in order → their outbox rows together → commit. */
    private Uni<Set<String>> applyChunk(List<Received> chunk, Function<List<EventEnvelope>, Uni<Void>> effect) {
        List<Inbox.Entry> entries = chunk.stream()
                .map(r -> new Inbox.Entry(r.event().id(), r.event().type(), r.event().topic())).toList();
        return bounded(Panache.withTransaction(() -> {
                    outbox.beginBatch();
                    BatchMemo.begin();
                    return inbox.firstDeliveries(consumerName(), entries).chain(fresh -> {
                        Set<String> toApply = new HashSet<>(fresh);
                        // a second copy of an id inside one batch is a duplicate too
                        List<EventEnvelope> events = chunk.stream().map(Received::event)
                                .filter(e -> toApply.remove(e.id())).toList();
                        return effect.apply(events)
                                .chain(outbox::flushBatch)
                                .replaceWith(fresh);
                    });
                })
                .onTermination().invoke(() -> {
                    outbox.discardBatch();
                    BatchMemo.end();
                }));
    }

    /**
     * After each event: its changes are flushed (still uncommitted) and the session forgets its entities, so the next
     * event reads the database as it would in a transaction of its own — an entity cached by one event can never hide
     * what a native statement of another changed. The batch still commits once.
     */
    public static Uni<Void> flushAndClear() {
        return Panache.getSession().chain(s -> s.flush().invoke(s::clear));
    }

    /** The events of a list effect, each in its own CONSUMER span (ended when the list is applied). */
    private Uni<Void> applyAll(List<EventEnvelope> events, Function<List<EventEnvelope>, Uni<Void>> effect) {
        List<Span> spans = events.stream().map(tracing::startConsumerSpan).toList();
        java.util.Map<String, io.partnerflow.platform.trace.TraceContext> traces = new java.util.HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            traces.put(events.get(i).id(), Tracing.contextOf(spans.get(i), events.get(i).tracestate()));
        }
        io.vertx.core.Context ctx = io.vertx.core.Vertx.currentContext();
        if (ctx != null) {
            ctx.putLocal(TRACES_KEY, traces);
        }
        return Uni.createFrom().deferred(() -> effect.apply(events))
                .onItemOrFailure().invoke((ok, failure) -> spans.forEach(span -> {
                    span.setAttribute("partnerflow.outcome", failure == null ? "applied" : "failed");
                    if (failure != null) {
                        span.setStatus(StatusCode.ERROR, failure.toString());
                    }
                    span.end();
                }))
                .onTermination().invoke(() -> {
                    if (ctx != null) {
                        ctx.removeLocal(TRACES_KEY);
                    }
                });
    }

    private static final String TRACES_KEY = "partnerflow.batch.traces";

    /**
     * The trace context of an event's CONSUMER span inside a list effect ({@link #consumeBatchTogether}): pass it to
     * {@code OutboxWriter.append(event, trace)} so the rows an event causes continue that event's trace. Outside a
     * list effect: the current context.
     */
    public static io.partnerflow.platform.trace.TraceContext traceOf(EventEnvelope event) {
        io.vertx.core.Context ctx = io.vertx.core.Vertx.currentContext();
        java.util.Map<String, io.partnerflow.platform.trace.TraceContext> traces = ctx == null ? null : ctx.getLocal(TRACES_KEY);
        io.partnerflow.platform.trace.TraceContext t = traces == null ? null : traces.get(event.id());
        return t != null ? t : io.partnerflow.platform.trace.TraceContext.current();
    }

    private Uni<Void> applyOne(EventEnvelope event, Function<EventEnvelope, Uni<Void>> effect) {
        Span span = tracing.startConsumerSpan(event);
        Tracing.contextOf(span, event.tracestate()).bind();
        return Uni.createFrom().deferred(() -> effect.apply(event))
                .onItemOrFailure().invoke((ok, failure) -> {
                    span.setAttribute("partnerflow.outcome", failure == null ? "applied" : "failed");
                    if (failure != null) {
                        span.recordException(failure);
                        span.setStatus(StatusCode.ERROR, failure.toString());
                    }
                    span.end();
                });
    }

    private void time(EventEnvelope event, long startedNanos, String outcome) {
        timer(event, outcome).record(System.nanoTime() - startedNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** The meters of a (topic, type, outcome), built once: a registry lookup per event showed in the profile (#16). */
    private final java.util.Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final java.util.Map<String, io.micrometer.core.instrument.Counter> consumed = new ConcurrentHashMap<>();

    private Timer timer(EventEnvelope event, String outcome) {
        return timers.computeIfAbsent(event.topic() + '\u0000' + event.type() + '\u0000' + outcome, k ->
                Timer.builder("partnerflow.events.processing")
                        .description("Time from receiving an event to its outcome (inbox + effect + retries)")
                        .tags("topic", event.topic(), "type", event.type(), "outcome", outcome)
                        .publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofMillis(1))
                        .maximumExpectedValue(Duration.ofSeconds(30))
                        .register(metrics));
    }

    private io.micrometer.core.instrument.Counter consumedCounter(EventEnvelope event, String outcome) {
        return consumed.computeIfAbsent(event.topic() + '\u0000' + event.type() + '\u0000' + outcome, k ->
                metrics.counter("partnerflow.events.consumed", "topic", event.topic(), "type", event.type(), "outcome", outcome));
    }

    private static java.util.concurrent.Executor onContext(io.vertx.core.Context context) {
        return context == null ? Runnable::run : task -> {
            if (io.vertx.core.Vertx.currentContext() == context) {
                task.run();
            } else {
                context.runOnContext(ignored -> task.run());
            }
        };
    }

    /** When the record was produced (its Kafka timestamp), for {@link ArrivalOrder}. */
    private static long producedAt(Received r) {
        return r.message() instanceof KafkaRecord<?, ?> k && k.getTimestamp() != null ? k.getTimestamp().toEpochMilli() : 0L;
    }

    /** A record of the batch and its parsed envelope (null when it could not be parsed). */
    private record Received(org.eclipse.microprofile.reactive.messaging.Message<String> message, EventEnvelope event) {
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
