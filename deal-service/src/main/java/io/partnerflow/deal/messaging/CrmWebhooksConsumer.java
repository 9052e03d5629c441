package io.partnerflow.deal.messaging;

import io.partnerflow.deal.application.CrmDeliveryBatch;
import io.partnerflow.platform.messaging.EventConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/** crm.webhooks → the normaliser (parse → dedupe by delivery id → deals, touchpoints, outbox). */
@ApplicationScoped
public class CrmWebhooksConsumer {
    private final EventConsumer consumer;
    private final CrmDeliveryBatch batches;

    public CrmWebhooksConsumer(EventConsumer consumer, CrmDeliveryBatch batches) {
        this.consumer = consumer;
        this.batches = batches;
    }

    @Incoming("crm-webhooks")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return consumer.consumeBatchTogether(batch, batches::applyAll);
    }
}
