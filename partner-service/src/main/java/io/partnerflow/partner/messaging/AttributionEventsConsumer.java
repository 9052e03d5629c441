package io.partnerflow.partner.messaging;

import io.partnerflow.partner.application.MetricFactsStore;
import io.partnerflow.platform.messaging.EventConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/** attribution.events → attributed revenue facts (credits, reversals, re-attributions). */
@ApplicationScoped
public class AttributionEventsConsumer {
    private final EventConsumer consumer;
    private final MetricFactsStore facts;

    public AttributionEventsConsumer(EventConsumer consumer, MetricFactsStore facts) {
        this.consumer = consumer;
        this.facts = facts;
    }

    @Incoming("attribution-events")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return consumer.consumeBatchTogether(batch, facts::applyAttributionEvents);
    }
}
