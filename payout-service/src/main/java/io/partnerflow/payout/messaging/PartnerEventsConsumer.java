package io.partnerflow.payout.messaging;

import io.partnerflow.contracts.partner.PartnerRegistered;
import io.partnerflow.contracts.partner.PartnerStatusChanged;
import io.partnerflow.contracts.partner.PartnerUpdated;
import io.partnerflow.payout.application.PartnerDirectory;
import io.partnerflow.platform.messaging.EventConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/** partner.events → the partner projection (registered, updated, status-changed); other types are ignored. */
@ApplicationScoped
public class PartnerEventsConsumer {
    private final EventConsumer consumer;
    private final PartnerDirectory partners;

    public PartnerEventsConsumer(EventConsumer consumer, PartnerDirectory partners) {
        this.consumer = consumer;
        this.partners = partners;
    }

    @Incoming("partner-events")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return consumer.consumeBatch(batch, event -> switch (event.type()) {
            case "partnerflow.partner.registered.v1" -> partners.onRegistered(event.dataAs(PartnerRegistered.class));
            case "partnerflow.partner.updated.v1" -> partners.onUpdated(event.dataAs(PartnerUpdated.class));
            case "partnerflow.partner.status-changed.v1" -> partners.onStatusChanged(event.dataAs(PartnerStatusChanged.class));
            default -> Uni.createFrom().voidItem();
        });
    }
}
