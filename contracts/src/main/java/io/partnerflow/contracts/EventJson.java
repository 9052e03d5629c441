package io.partnerflow.contracts;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

/**
 * The one JSON mapping of event data, used by every producer (outbox) and consumer:
 * <ul>
 *   <li>instants as ISO-8601 UTC strings ({@code 2025-06-27T15:42:10Z}), dates as {@code 2025-06-27} — never
 *       epoch numbers;</li>
 *   <li>every {@link BigDecimal} (weights, rates, quantities) as a plain decimal JSON STRING, scale kept
 *       ({@code "0.33333333"}, never {@code 3.3333333E-1} nor a JSON number); money is {@code Money}'s own
 *       {@code {"amount":"12.34","currency":"EUR"}};</li>
 *   <li>absent optional fields are left out rather than written as {@code null};</li>
 *   <li>unknown fields are ignored on read, so a consumer keeps working when a producer adds fields (additive
 *       changes within a version).</li>
 * </ul>
 * The shared mapper is thread-safe; do not reconfigure it — use {@link #newMapper()} or
 * {@link #configure(JsonMapper.Builder)} for a mapper of your own.
 */
public final class EventJson {
    private static final ObjectMapper MAPPER = newMapper();

    private EventJson() {
    }

    /** A new mapper with the event settings. */
    public static ObjectMapper newMapper() {
        return configure(JsonMapper.builder()).build();
    }

    /**
     * Applies the event settings to a mapper builder, for code that needs its own mapper with the same wire
     * format. (Do not apply them to a service's REST mapper wholesale: they change how its DTOs look too.)
     */
    public static JsonMapper.Builder configure(JsonMapper.Builder builder) {
        builder.addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .withConfigOverride(BigDecimal.class,
                        o -> o.setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING)));
        return builder;
    }

    /** The shared, configured mapper. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Event data (a catalog record, or any value) as JSON text. */
    public static String writeString(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write " + describe(value) + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Event data as UTF-8 JSON bytes. */
    public static byte[] writeBytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write " + describe(value) + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Event data as a JSON tree. */
    public static JsonNode toTree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** JSON text as a {@code type}. Unknown fields are ignored. */
    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot read " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Same as {@link #read(String, Class)}. */
    public static <T> T readString(String json, Class<T> type) {
        return read(json, type);
    }

    /** UTF-8 JSON bytes as a {@code type}. */
    public static <T> T read(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + type.getSimpleName() + ": " + message(e), e);
        }
    }

    /** A JSON tree as a {@code type}. */
    public static <T> T read(JsonNode json, Class<T> type) {
        try {
            return MAPPER.treeToValue(json, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot read " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The data of an event of catalog type {@code type} (a {@code ce_type} value) as its record.
     *
     * @throws IllegalArgumentException for a type not in the catalog
     * @throws UncheckedIOException     for JSON that does not map to the record
     */
    public static Object read(String type, String json) {
        return read(json, EventType.of(type).dataClass());
    }

    /** {@link #read(String, String)} checked against the record class the caller expects. */
    public static <T> T read(String type, String json, Class<T> expected) {
        EventType t = EventType.of(type);
        if (!expected.isAssignableFrom(t.dataClass())) {
            throw new IllegalArgumentException(type + " carries " + t.dataClass().getSimpleName() + ", not "
                    + expected.getSimpleName());
        }
        return read(json, expected);
    }

    /** JSON text as a tree (for validation or inspection). */
    public static JsonNode readTree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String message(IOException e) {
        return e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName();
    }
}
