package io.partnerflow.platform.outbox;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One event to publish: the CloudEvents attributes and the data. The Kafka key is {@code aggregateId}
 * (so one aggregate's events stay in order); {@code id} becomes {@code ce_id} and is what consumers
 * dedupe on, so derive it from natural keys (name-based UUID) where a retry must not create a new event.
 */
public record OutboxEvent(UUID id, String topic, String type, String aggregateType, String aggregateId,
                          String subject, Instant occurredAt, Object data) {
    public OutboxEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(aggregateType, "aggregateType");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(data, "data");
    }
}
