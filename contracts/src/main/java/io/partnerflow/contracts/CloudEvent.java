package io.partnerflow.contracts;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A CloudEvents 1.0 event. On Kafka it travels in BINARY mode: the attributes are the {@code ce_*} headers below
 * (plus {@code content-type} and the W3C trace context), the record value is the JSON data, the record key is the
 * aggregate id (= {@code subject}). Serialised with {@link EventJson} this record is the structured-mode JSON
 * form ({@code {"id":…,"type":…,"data":{…}}}), used for logs and dead-letter inspection.
 *
 * @param id          unique per event; consumers dedupe on it (derive it from natural keys where a retry must not
 *                    create a new event)
 * @param type        a catalog type, e.g. {@code partnerflow.deal.closed-won.v1}
 * @param source      {@code /partnerflow/<service>}
 * @param time        when the change happened (UTC)
 * @param subject     the aggregate id (= the Kafka key)
 * @param specversion always {@code 1.0}
 * @param data        the event data (a catalog record, or the raw JSON string)
 */
public record CloudEvent<T>(String id, String type, String source, Instant time, String subject,
                            String specversion, T data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String HEADER_ID = "ce_id";
    public static final String HEADER_TYPE = "ce_type";
    public static final String HEADER_SOURCE = "ce_source";
    public static final String HEADER_TIME = "ce_time";
    public static final String HEADER_SUBJECT = "ce_subject";
    public static final String HEADER_SPECVERSION = "ce_specversion";
    /** Binary mode carries {@code datacontenttype} in the Kafka {@code content-type} header. */
    public static final String HEADER_CONTENT_TYPE = "content-type";
    public static final String CONTENT_TYPE_JSON = "application/json";
    /** W3C trace context, carried through the outbox so a trace continues across Debezium. */
    public static final String HEADER_TRACEPARENT = "traceparent";
    public static final String HEADER_TRACESTATE = "tracestate";

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        if (specversion == null) {
            specversion = SPEC_VERSION;
        } else if (!SPEC_VERSION.equals(specversion)) {
            throw new IllegalArgumentException("unsupported CloudEvents specversion " + specversion);
        }
    }

    /** An event of a catalog type; the subject is the data's aggregate id. */
    public static <T> CloudEvent<T> of(String id, String source, Instant time, T data) {
        EventType type = EventType.forData(data);
        return new CloudEvent<>(id, type.type(), source, time, type.keyOf(data), SPEC_VERSION, data);
    }

    /** The catalog entry of {@link #type()}, if it is one. */
    public java.util.Optional<EventType> eventType() {
        return EventType.find(type);
    }

    /**
     * The binary-mode Kafka headers ({@code ce_*} and {@code content-type}); absent attributes are left out.
     * Trace headers are added by whoever knows the trace context.
     */
    public Map<String, String> binaryHeaders() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put(HEADER_ID, id);
        h.put(HEADER_TYPE, type);
        h.put(HEADER_SOURCE, source);
        if (time != null) {
            h.put(HEADER_TIME, time.toString());
        }
        if (subject != null) {
            h.put(HEADER_SUBJECT, subject);
        }
        h.put(HEADER_SPECVERSION, specversion);
        h.put(HEADER_CONTENT_TYPE, CONTENT_TYPE_JSON);
        return h;
    }

    /** The same event with other data (e.g. the parsed record instead of the raw JSON). */
    public <U> CloudEvent<U> withData(U newData) {
        return new CloudEvent<>(id, type, source, time, subject, specversion, newData);
    }

    /**
     * Reads a binary-mode event from Kafka headers and the record value.
     *
     * @param header looks a header up by name (null when absent)
     * @throws IllegalArgumentException when {@code ce_id}, {@code ce_type} or {@code ce_source} is missing, the
     *                                  spec version is not 1.0, or {@code ce_time} is not an ISO-8601 instant
     */
    public static CloudEvent<String> fromBinary(Function<String, String> header, String data) {
        String id = required(header, HEADER_ID);
        String type = required(header, HEADER_TYPE);
        String source = required(header, HEADER_SOURCE);
        String t = header.apply(HEADER_TIME);
        Instant time;
        try {
            time = t == null ? null : Instant.parse(t);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("unreadable " + HEADER_TIME + " '" + t + "'", e);
        }
        return new CloudEvent<>(id, type, source, time, header.apply(HEADER_SUBJECT),
                header.apply(HEADER_SPECVERSION), data);
    }

    /** {@link #fromBinary(Function, String)} from a header map. */
    public static CloudEvent<String> fromBinary(Map<String, String> headers, String data) {
        return fromBinary(headers::get, data);
    }

    private static String required(Function<String, String> header, String name) {
        String v = header.apply(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("missing " + name + " header");
        }
        return v;
    }
}
