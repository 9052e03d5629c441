package io.partnerflow.partner.messaging;

import io.partnerflow.partner.application.MetricFactsStore;
import io.partnerflow.platform.messaging.EventConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/** deal.events → approved-registration facts (other deal events are acknowledged and ignored). */
@ApplicationScoped
public class DealEventsConsumer {
    private final EventConsumer consumer;
    private final MetricFactsStore facts;

    public DealEventsConsumer(EventConsumer consumer, MetricFactsStore facts) {
        this.consumer = consumer;
        this.facts = facts;
    }

    @Incoming("deal-events")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return consumer.consumeBatchTogether(batch, facts::applyDealEvents);
    }
}
