package io.partnerflow.deal.messaging;

import io.partnerflow.contracts.CloudEvent;
import io.partnerflow.contracts.crm.CrmDeliveryReceived;
import io.partnerflow.platform.outbox.OutboxWriter;
import io.partnerflow.platform.trace.TraceContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.internals.RecordHeaders;
import io.partnerflow.deal.config.DealConfig;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The one place deal-service writes to Kafka directly (DESIGN.md's exception to the outbox rule): an accepted CRM
 * delivery is appended to {@code crm.webhooks} (key = delivery id, acks=all, idempotent producer) and the returned
 * Uni completes only when the broker acknowledged it — the webhook endpoint answers after that, never before.
 */
@ApplicationScoped
public class CrmWebhooksPublisher {
    private final MutinyEmitter<String> emitter;
    private final String source;
    private final Duration timeout;

    public CrmWebhooksPublisher(@Channel("crm-webhooks-out") MutinyEmitter<String> emitter, OutboxWriter outbox,
                                DealConfig config) {
        this.emitter = emitter;
        this.source = outbox.source();
        this.timeout = config.webhooks().publishTimeout();
    }

    /** {@code json} is {@code delivery} as EventJson wrote it (the intake has it already, for the size check). */
    public Uni<Void> publish(CrmDeliveryReceived delivery, String json) {
        CloudEvent<CrmDeliveryReceived> ce = CloudEvent.of(delivery.deliveryId(), source, delivery.receivedAt(), delivery);
        RecordHeaders headers = new RecordHeaders();
        ce.binaryHeaders().forEach((k, v) -> headers.add(k, v.getBytes(StandardCharsets.UTF_8)));
        TraceContext trace = TraceContext.current();
        if (trace != null && trace.traceparent() != null) {
            headers.add(CloudEvent.HEADER_TRACEPARENT, trace.traceparent().getBytes(StandardCharsets.UTF_8));
        }
        OutgoingKafkaRecordMetadata<String> meta = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(delivery.deliveryId()).withHeaders(headers).build();
        return emitter.sendMessage(Message.of(json).addMetadata(meta))
                .ifNoItem().after(timeout).failWith(() -> new IllegalStateException(
                        "crm.webhooks did not acknowledge delivery " + delivery.deliveryId() + " within " + timeout));
    }
}
