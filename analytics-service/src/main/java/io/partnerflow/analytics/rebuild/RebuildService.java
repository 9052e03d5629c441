package io.partnerflow.analytics.rebuild;

import io.partnerflow.analytics.application.PartnerProjection;
import io.partnerflow.analytics.application.PipelineProjection;
import io.partnerflow.analytics.application.ScorecardProjection;
import io.partnerflow.platform.inbox.Inbox;
import io.partnerflow.platform.messaging.EventConsumer;
import io.partnerflow.platform.messaging.EventEnvelope;
import io.partnerflow.platform.outbox.OutboxWriter;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Rebuilds the read models from the topics: holds the live consumers ({@link RebuildGate}), clears the read models and
 * the inbox in one transaction ({@link ReadModels}), re-reads every topic analytics consumes from the beginning to the
 * end offsets of the start ({@link TopicReplay}), applying each poll through the SAME projections as the live
 * consumers in one transaction (inbox ids first, as the live path), then lets the live consumers go on. One rebuild at
 * a time per instance; the status is kept in memory.
 */
@ApplicationScoped
public class RebuildService {
    private static final Logger LOG = Logger.getLogger(RebuildService.class);
    /** The topics the six consumers read (application.properties), in the order the projections are applied per poll. */
    static final List<String> TOPICS = List.of("reference.events", "partner.events", "deal.events", "attribution.events",
            "incentive.earnings", "payout.events");

    public record Status(String id, String state, Instant startedAt, Instant finishedAt, long events, long unreadable,
                         long failed, Double seconds, Double eventsPerSecond, String readModelHashBefore,
                         String readModelHashAfter, Long readModelRows, String error) {
    }

    private final RebuildGate gate;
    private final Inbox inbox;
    private final OutboxWriter outbox;
    private final String consumer;
    private final Map<String, Function<List<EventEnvelope>, Uni<Void>>> projections = new LinkedHashMap<>();
    private final String bootstrap;
    private final Map<String, Status> statuses = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "analytics-rebuild"));
    private volatile String running;

    public RebuildService(RebuildGate gate, Inbox inbox, OutboxWriter outbox, EventConsumer eventConsumer,
                          ScorecardProjection scorecards, PartnerProjection partners, PipelineProjection pipeline,
                          @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        this.gate = gate;
        this.inbox = inbox;
        this.outbox = outbox;
        this.consumer = eventConsumer.consumerName();
        this.bootstrap = bootstrap;
        // as the consumers in messaging/ wire them
        projections.put("reference.events", partners::apply);
        projections.put("partner.events", partners::apply);
        projections.put("deal.events", events -> scorecards.apply(events).chain(() -> pipeline.apply(events)));
        projections.put("attribution.events", scorecards::apply);
        projections.put("incentive.earnings", scorecards::apply);
        projections.put("payout.events", scorecards::apply);
    }

    /** Starts a rebuild; empty when one is running already. */
    public synchronized Optional<Status> start() {
        if (running != null) {
            return Optional.empty();
        }
        String id = UUID.randomUUID().toString();
        Status s = new Status(id, "running", Instant.now(), null, 0, 0, 0, null, null, null, null, null, null);
        statuses.put(id, s);
        running = id;
        worker.submit(() -> run(s));
        return Optional.of(s);
    }

    public Optional<Status> status(String id) {
        return Optional.ofNullable(statuses.get(id));
    }

    private void run(Status started) {
        long t0 = System.nanoTime();
        String before = null;
        long[] failed = {0};
        try {
            gate.close();
            if (!gate.awaitIdle(Duration.ofSeconds(60))) {
                throw new IllegalStateException("the live consumers did not finish their batches within 60 s");
            }
            before = await(() -> Panache.withTransaction(ReadModels::hash));
            await(() -> Panache.withTransaction(() -> ReadModels.clear(consumer)));
            long t1 = System.nanoTime();
            TopicReplay.Progress p = TopicReplay.run(bootstrap, TOPICS, 2000, Duration.ofMinutes(60),
                    batch -> failed[0] += applyPoll(batch));
            double seconds = (System.nanoTime() - t1) / 1e9;
            String after = await(() -> Panache.withTransaction(ReadModels::hash));
            long rows = await(() -> Panache.withTransaction(ReadModels::rows));
            statuses.put(started.id(), new Status(started.id(), "done", started.startedAt(), Instant.now(), p.events(),
                    p.unreadable(), failed[0], round(seconds), round(p.events() / Math.max(seconds, 1e-9)), before, after,
                    rows, null));
            LOG.infof("rebuild %s: %d events in %.1f s (%.0f events/s), %d unreadable, %d failed; total %.1f s",
                    started.id(), p.events(), seconds, p.events() / Math.max(seconds, 1e-9), p.unreadable(), failed[0],
                    (System.nanoTime() - t0) / 1e9);
        } catch (Throwable t) {
            LOG.errorf(t, "rebuild %s failed", started.id());
            statuses.put(started.id(), new Status(started.id(), "failed", started.startedAt(), Instant.now(), 0, 0,
                    failed[0], null, null, before, null, null, t.toString()));
        } finally {
            gate.open();
            synchronized (this) {
                running = null;
            }
        }
    }

    /** One poll in one transaction; if it fails, each event alone, skipping (and counting) those that fail again. */
    private long applyPoll(List<EventEnvelope> batch) {
        try {
            await(() -> applyTogether(batch));
            return 0;
        } catch (Exception together) {
            long failed = 0;
            for (EventEnvelope e : batch) {
                try {
                    await(() -> applyTogether(List.of(e)));
                } catch (Exception alone) {
                    failed++;
                    LOG.warnf("rebuild skips %s %s (%s/%d@%d): %s", e.type(), e.id(), e.topic(), e.partition(),
                            e.offset(), alone.toString());
                }
            }
            return failed;
        }
    }

    private Uni<Void> applyTogether(List<EventEnvelope> batch) {
        List<Inbox.Entry> entries = batch.stream().map(e -> new Inbox.Entry(e.id(), e.type(), e.topic())).toList();
        return Panache.withTransaction(() -> {
            outbox.beginBatch();
            return inbox.firstDeliveries(consumer, entries).chain(fresh -> {
                Set<String> toApply = new java.util.HashSet<>(fresh);
                List<EventEnvelope> events = batch.stream().filter(e -> toApply.remove(e.id())).toList();
                Uni<Void> all = Uni.createFrom().voidItem();
                for (Map.Entry<String, Function<List<EventEnvelope>, Uni<Void>>> p : projections.entrySet()) {
                    List<EventEnvelope> ofTopic = new ArrayList<>();
                    for (EventEnvelope e : events) {
                        if (e.topic().equals(p.getKey())) {
                            ofTopic.add(e);
                        }
                    }
                    if (!ofTopic.isEmpty()) {
                        all = all.chain(() -> p.getValue().apply(ofTopic))
                                .chain(() -> Panache.getSession().chain(s -> s.flush().invoke(s::clear)))
                                .replaceWithVoid();
                    }
                }
                return all.chain(outbox::flushBatch);
            });
        }).onTermination().invoke(outbox::discardBatch);
    }

    private static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
