package io.partnerflow.attribution.messaging;

import io.partnerflow.attribution.application.AttributionService;
import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.deal.DealClosedWon;
import io.partnerflow.contracts.deal.DealReversed;
import io.partnerflow.attribution.application.PipelineChanges;
import io.partnerflow.contracts.deal.DealPipelineUpdated;
import io.partnerflow.platform.messaging.EventConsumer;
import io.partnerflow.platform.messaging.EventEnvelope;
import io.partnerflow.platform.messaging.EventRuns;
import io.partnerflow.attribution.application.ClosedWonBatch;
import io.partnerflow.attribution.application.PipelineService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * deal.events, a chunk at a time and in offset order: runs of consecutive closed-won events are attributed together
 * ({@link ClosedWonBatch}), a reversal on its own between them (it must see the attributions before it); then the
 * provisional pipeline credits (pipeline-updated, closed-won) of the whole chunk at once; other types are ignored.
 */
@ApplicationScoped
public class DealEventsConsumer {
    private final EventConsumer consumer;
    private final ClosedWonBatch closedWon;
    private final AttributionService attributions;
    private final PipelineService pipeline;

    public DealEventsConsumer(EventConsumer consumer, ClosedWonBatch closedWon, AttributionService attributions,
                              PipelineService pipeline) {
        this.consumer = consumer;
        this.closedWon = closedWon;
        this.attributions = attributions;
        this.pipeline = pipeline;
    }

    @Incoming("deal-events")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return consumer.consumeBatchTogether(batch, events -> {
            Map<String, DealClosedWon> won = closedWon(events); // each closed-won read once, for both uses below
            return Multi.createFrom().iterable(runs(events))
                    .onItem().transformToUniAndConcatenate(run -> apply(run, won))
                    .collect().last()
                    .chain(() -> pipeline.apply(pipelineChanges(events, won)));
        });
    }

    private Uni<Void> apply(List<EventEnvelope> run, Map<String, DealClosedWon> won) {
        EventEnvelope first = run.get(0);
        if (EventType.DEAL_CLOSED_WON.type().equals(first.type())) {
            return closedWon.apply(run, e -> won.get(e.id()));
        }
        EventConsumer.traceOf(first).bind(); // its outbox row continues its own trace
        return attributions.onReversed(first.dataAs(DealReversed.class))
                // what it wrote through entities is in the database before the next run reads natively
                .chain(EventConsumer::flushAndClear);
    }

    /** The chunk's closed-won data by event id (event ids are unique within a chunk: duplicates are removed before). */
    static Map<String, DealClosedWon> closedWon(List<EventEnvelope> events) {
        Map<String, DealClosedWon> won = new HashMap<>();
        for (EventEnvelope event : events) {
            if (EventType.DEAL_CLOSED_WON.type().equals(event.type())) {
                won.put(event.id(), event.dataAs(DealClosedWon.class));
            }
        }
        return won;
    }

    /** The chunk's attribution work in offset order: consecutive closed-won events together, each reversal alone. */
    static List<List<EventEnvelope>> runs(List<EventEnvelope> events) {
        return EventRuns.cut(events.stream().filter(e -> EventType.DEAL_CLOSED_WON.type().equals(e.type())
                || EventType.DEAL_REVERSED.type().equals(e.type())).toList(), e -> EventType.DEAL_CLOSED_WON.type().equals(e.type()));
    }

    /** The batch's effect on the open pipeline, in offset order: updates replace, a close (won) removes. */
    static PipelineChanges pipelineChanges(List<EventEnvelope> events, Map<String, DealClosedWon> won) {
        PipelineChanges changes = new PipelineChanges();
        for (EventEnvelope event : events) {
            if (EventType.DEAL_PIPELINE_UPDATED.type().equals(event.type())) {
                changes.updated(event.dataAs(DealPipelineUpdated.class));
            } else if (EventType.DEAL_CLOSED_WON.type().equals(event.type())) {
                changes.closed(won.get(event.id()).dealId());
            }
        }
        return changes;
    }
}
