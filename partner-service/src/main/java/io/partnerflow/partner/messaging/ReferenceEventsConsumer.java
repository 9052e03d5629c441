package io.partnerflow.partner.messaging;

import io.partnerflow.partner.application.MetricFactsStore;
import io.partnerflow.partner.application.TierService;
import io.partnerflow.platform.messaging.EventConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * reference.events → FX rates (to convert tier revenue into the base currency). Once a rate is in, the tier
 * evaluations that were waiting for one are completed.
 */
@ApplicationScoped
public class ReferenceEventsConsumer {
    private final EventConsumer consumer;
    private final MetricFactsStore facts;
    private final TierService tiers;

    public ReferenceEventsConsumer(EventConsumer consumer, MetricFactsStore facts, TierService tiers) {
        this.consumer = consumer;
        this.facts = facts;
        this.tiers = tiers;
    }

    @Incoming("reference-events")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return consumer.consumeBatch(batch, facts::applyReferenceEvent,
                () -> tiers.resumePending(TierService.SYSTEM_ACTOR));
    }
}
