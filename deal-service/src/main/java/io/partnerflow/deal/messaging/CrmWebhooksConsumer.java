package io.partnerflow.deal.messaging;

import io.partnerflow.deal.application.CrmNormaliser;
import io.partnerflow.platform.messaging.EventConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/** crm.webhooks → the normaliser (parse → dedupe by delivery id → deals, touchpoints, outbox). */
@ApplicationScoped
public class CrmWebhooksConsumer {
    private final EventConsumer consumer;
    private final CrmNormaliser normaliser;

    public CrmWebhooksConsumer(EventConsumer consumer, CrmNormaliser normaliser) {
        this.consumer = consumer;
        this.normaliser = normaliser;
    }

    @Incoming("crm-webhooks")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return consumer.consumeBatchTogether(batch, normaliser::applyAll);
    }
}
