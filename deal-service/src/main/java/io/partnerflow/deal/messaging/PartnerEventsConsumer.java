package io.partnerflow.deal.messaging;

import io.partnerflow.deal.application.PartnerDirectory;
import io.partnerflow.platform.messaging.EventConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/** partner.events → the partner directory (parse → dedupe → one application call). */
@ApplicationScoped
public class PartnerEventsConsumer {
    private final EventConsumer consumer;
    private final PartnerDirectory directory;

    public PartnerEventsConsumer(EventConsumer consumer, PartnerDirectory directory) {
        this.consumer = consumer;
        this.directory = directory;
    }

    @Incoming("partner-events")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return consumer.consumeBatch(batch, directory::apply);
    }
}
