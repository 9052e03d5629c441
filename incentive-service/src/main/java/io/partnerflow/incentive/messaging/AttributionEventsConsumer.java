package io.partnerflow.incentive.messaging;

import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.attribution.DealAttributed;
import io.partnerflow.contracts.attribution.DealAttributionReversed;
import io.partnerflow.contracts.attribution.DealReattributed;
import io.partnerflow.incentive.application.EarningEngine;
import io.partnerflow.platform.messaging.EventConsumer;
import io.partnerflow.platform.messaging.EventEnvelope;
import io.partnerflow.platform.messaging.EventRuns;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

import java.util.ArrayList;
import java.util.List;

/**
 * attribution.events → earnings (accrued / clawed back / adjusted); other types are ignored.
 * <p>
 * Per chunk ({@link EventConsumer#consumeBatchTogether}): the new events in offset order are cut into runs — each
 * run of consecutive {@code deal.attributed} (every won deal: the hot path) is applied together
 * ({@link EarningEngine#onAttributedRun}, a fixed number of statements per run), and every other event is applied on
 * its own, in its place between the runs, with its own trace bound. So a reversal or re-attribution sees the
 * attribution before it in the chunk exactly as it did event by event.
 */
@ApplicationScoped
public class AttributionEventsConsumer {
    private final EventConsumer consumer;
    private final EarningEngine engine;

    public AttributionEventsConsumer(EventConsumer consumer, EarningEngine engine) {
        this.consumer = consumer;
        this.engine = engine;
    }

    @Incoming("attribution-events")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return consumer.consumeBatchTogether(batch, this::applyInOrder);
    }

    Uni<Void> applyInOrder(List<EventEnvelope> events) {
        return Multi.createFrom().iterable(runs(events))
                .onItem().transformToUniAndConcatenate(run -> Uni.createFrom().deferred(() -> isAttributed(run.get(0))
                        ? engine.onAttributedRun(run.stream().map(e -> e.dataAs(DealAttributed.class)).toList(),
                        run.stream().map(EventConsumer::traceOf).toList())
                        : applyOne(run.get(0))))
                .collect().last().replaceWithVoid();
    }

    /** Consecutive deal.attributed together; every other event a run of its own. */
    static List<List<EventEnvelope>> runs(List<EventEnvelope> events) {
        return EventRuns.cut(events, AttributionEventsConsumer::isAttributed);
    }

    private static boolean isAttributed(EventEnvelope e) {
        return EventType.DEAL_ATTRIBUTED.type().equals(e.type());
    }

    private Uni<Void> applyOne(EventEnvelope event) {
        EventConsumer.traceOf(event).bind(); // its outbox rows continue its own trace
        if (EventType.DEAL_ATTRIBUTION_REVERSED.type().equals(event.type())) {
            return engine.onReversed(event.dataAs(DealAttributionReversed.class));
        }
        if (EventType.DEAL_REATTRIBUTED.type().equals(event.type())) {
            return engine.onReattributed(event.dataAs(DealReattributed.class));
        }
        return Uni.createFrom().voidItem();
    }
}
