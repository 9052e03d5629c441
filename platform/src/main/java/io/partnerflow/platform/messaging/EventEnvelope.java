package io.partnerflow.platform.messaging;

import io.partnerflow.contracts.EventJson;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A consumed event: CloudEvents binary-mode headers ({@code ce_*}) + the JSON data + where it came from.
 * Parsing never guesses: a missing id/type or unreadable time is a {@link PoisonMessageException}.
 */
public record EventEnvelope(String id, String type, String source, Instant time, String subject,
                            String topic, int partition, long offset, String key, String data,
                            String traceparent, String tracestate) {

    public static EventEnvelope from(Message<String> message) {
        IncomingKafkaRecordMetadata<?, ?> meta = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new PoisonMessageException("not a Kafka record"));
        Headers h = meta.getHeaders();
        String id = header(h, "ce_id");
        String type = header(h, "ce_type");
        if (id == null || id.isBlank()) {
            throw new PoisonMessageException("missing ce_id header");
        }
        if (type == null || type.isBlank()) {
            throw new PoisonMessageException("missing ce_type header");
        }
        String data = message.getPayload();
        if (data == null || data.isBlank()) {
            throw new PoisonMessageException("empty event data for " + type + " " + id);
        }
        Instant time;
        try {
            String t = header(h, "ce_time");
            time = t == null ? null : Instant.parse(t);
        } catch (DateTimeParseException e) {
            throw new PoisonMessageException("unreadable ce_time for " + type + " " + id, e);
        }
        Object key = meta.getKey();
        return new EventEnvelope(id, type, header(h, "ce_source"), time, header(h, "ce_subject"),
                meta.getTopic(), meta.getPartition(), meta.getOffset(), key == null ? null : key.toString(), data,
                header(h, "traceparent"), header(h, "tracestate"));
    }

    /** The data as the given contract record; unreadable data is poison. */
    public <T> T dataAs(Class<T> type) {
        try {
            return EventJson.readString(data, type);
        } catch (RuntimeException e) {
            throw new PoisonMessageException("unreadable " + this.type + " data in event " + id + ": "
                    + e.getMessage(), e);
        }
    }

    private static String header(Headers headers, String name) {
        Header last = headers.lastHeader(name);
        return last == null || last.value() == null ? null : new String(last.value(), StandardCharsets.UTF_8);
    }
}
