package io.partnerflow.attribution.messaging;

import io.partnerflow.attribution.application.PartnerProfiles;
import io.partnerflow.platform.messaging.EventConsumer;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** partner.events → partner profiles for reports (parse → dedupe in the inbox → one application call). */
@ApplicationScoped
public class PartnerEventsConsumer {
    private final EventConsumer consumer;
    private final PartnerProfiles profiles;

    public PartnerEventsConsumer(EventConsumer consumer, PartnerProfiles profiles) {
        this.consumer = consumer;
        this.profiles = profiles;
    }

    @Incoming("partner-events")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return consumer.consumeBatch(batch, profiles::apply);
    }
}
