package io.partnerflow.attribution.messaging;

import io.partnerflow.attribution.application.AttributionService;
import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.deal.DealClosedWon;
import io.partnerflow.contracts.deal.DealReversed;
import io.partnerflow.attribution.application.PipelineChanges;
import io.partnerflow.contracts.deal.DealPipelineUpdated;
import io.partnerflow.platform.messaging.EventConsumer;
import io.partnerflow.platform.messaging.EventEnvelope;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

import java.util.List;

/**
 * deal.events → attributions (closed-won), reversals (reversed), one event at a time; then the provisional pipeline
 * credits (pipeline-updated, closed-won) of the whole batch at once; other types are ignored.
 */
@ApplicationScoped
public class DealEventsConsumer {
    private final EventConsumer consumer;
    private final AttributionService attributions;
    private final io.partnerflow.attribution.application.PipelineService pipeline;

    public DealEventsConsumer(EventConsumer consumer, AttributionService attributions,
                              io.partnerflow.attribution.application.PipelineService pipeline) {
        this.consumer = consumer;
        this.attributions = attributions;
        this.pipeline = pipeline;
    }

    @Incoming("deal-events")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return consumer.consumeBatchEachThenTogether(batch, event -> {
            if (EventType.DEAL_CLOSED_WON.type().equals(event.type())) {
                return attributions.onClosedWon(event.dataAs(DealClosedWon.class));
            }
            if (EventType.DEAL_REVERSED.type().equals(event.type())) {
                return attributions.onReversed(event.dataAs(DealReversed.class));
            }
            return Uni.createFrom().voidItem();
        }, events -> pipeline.apply(pipelineChanges(events)));
    }

    /** The batch's effect on the open pipeline, in offset order: updates replace, a close (won) removes. */
    static PipelineChanges pipelineChanges(List<EventEnvelope> events) {
        PipelineChanges changes = new PipelineChanges();
        for (EventEnvelope event : events) {
            if (EventType.DEAL_PIPELINE_UPDATED.type().equals(event.type())) {
                changes.updated(event.dataAs(DealPipelineUpdated.class));
            } else if (EventType.DEAL_CLOSED_WON.type().equals(event.type())) {
                changes.closed(event.dataAs(DealClosedWon.class).dealId());
            }
        }
        return changes;
    }
}
