package io.partnerflow.attribution.messaging;

import io.partnerflow.attribution.application.AttributionService;
import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.deal.DealClosedWon;
import io.partnerflow.contracts.deal.DealReversed;
import io.partnerflow.platform.messaging.EventConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/** deal.events → attributions (closed-won), reversals (reversed), provisional pipeline credits (pipeline-updated); other types are ignored. */
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
        return consumer.consumeBatch(batch, event -> {
            if (EventType.DEAL_CLOSED_WON.type().equals(event.type())) {
                DealClosedWon deal = event.dataAs(DealClosedWon.class);
                return attributions.onClosedWon(deal).chain(() -> pipeline.onClosed(deal.dealId()));
            }
            if (EventType.DEAL_PIPELINE_UPDATED.type().equals(event.type())) {
                return pipeline.onPipelineUpdated(event.dataAs(io.partnerflow.contracts.deal.DealPipelineUpdated.class));
            }
            if (EventType.DEAL_REVERSED.type().equals(event.type())) {
                return attributions.onReversed(event.dataAs(DealReversed.class));
            }
            return Uni.createFrom().voidItem();
        });
    }
}
