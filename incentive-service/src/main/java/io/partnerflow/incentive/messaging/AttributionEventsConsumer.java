package io.partnerflow.incentive.messaging;

import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.attribution.DealAttributed;
import io.partnerflow.contracts.attribution.DealAttributionReversed;
import io.partnerflow.contracts.attribution.DealReattributed;
import io.partnerflow.incentive.application.EarningEngine;
import io.partnerflow.platform.messaging.EventConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/** attribution.events → earnings (accrued / clawed back / adjusted); other types are ignored. */
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
        return consumer.consumeBatch(batch, event -> {
            if (EventType.DEAL_ATTRIBUTED.type().equals(event.type())) {
                return engine.onAttributed(event.dataAs(DealAttributed.class));
            }
            if (EventType.DEAL_ATTRIBUTION_REVERSED.type().equals(event.type())) {
                return engine.onReversed(event.dataAs(DealAttributionReversed.class));
            }
            if (EventType.DEAL_REATTRIBUTED.type().equals(event.type())) {
                return engine.onReattributed(event.dataAs(DealReattributed.class));
            }
            return Uni.createFrom().voidItem();
        });
    }
}
