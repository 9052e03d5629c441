package io.partnerflow.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks event data against its type's JSON Schema (draft 2020-12, from this module's classpath, formats such as
 * {@code date-time} and {@code uuid} asserted). For services' tests ("what I publish satisfies the contract") and
 * for consumers that want to reject malformed input explicitly.
 * <pre>{@code
 * List<String> errors = ContractValidator.validate("partnerflow.deal.closed-won.v1", json);
 * ContractValidator.requireValid(EventType.DEAL_CLOSED_WON, json);   // throws ContractViolationException
 * ContractValidator.validateData(dealClosedWonRecord);               // serialises with EventJson first
 * }</pre>
 * An empty list means valid. Thread-safe; schemas are loaded once.
 */
public final class ContractValidator {
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            b -> b.jsonMapper(EventJson.newMapper())
                    .schemaMappers(m -> m.mapPrefix(EventType.SCHEMA_ID_BASE, "classpath:schemas/")));
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .pathType(PathType.JSON_POINTER)
            .typeLoose(false)
            .build();
    private static final Map<EventType, JsonSchema> SCHEMAS = new EnumMap<>(EventType.class);

    private ContractValidator() {
    }

    /**
     * Validates JSON data of the event type {@code type} (a {@code ce_type} value).
     *
     * @return the violations, sorted; empty when valid. An unknown type or unparseable JSON is one violation.
     */
    public static List<String> validate(String type, String json) {
        var t = EventType.find(type);
        if (t.isEmpty()) {
            return List.of("unknown event type: " + type);
        }
        return validate(t.get(), json);
    }

    /** Validates JSON text of a catalog type; see {@link #validate(String, String)}. */
    public static List<String> validate(EventType type, String json) {
        if (json == null) {
            return List.of("no data");
        }
        JsonNode node;
        try {
            node = EventJson.readTree(json);
        } catch (UncheckedIOException e) {
            return List.of(e.getMessage());
        }
        return validate(type, node);
    }

    /** Validates a JSON tree of a catalog type. */
    public static List<String> validate(EventType type, JsonNode json) {
        Set<ValidationMessage> messages = schema(type).validate(json);
        return messages.stream().map(ContractValidator::describe).sorted().toList();
    }

    /** Serialises a catalog record with {@link EventJson} and validates the result against its type's schema. */
    public static List<String> validateData(Object data) {
        EventType type = EventType.forData(data);
        return validate(type, EventJson.toTree(data));
    }

    /** @throws ContractViolationException when {@code json} is not valid {@code type} data */
    public static void requireValid(String type, String json) {
        List<String> errors = validate(type, json);
        if (!errors.isEmpty()) {
            throw new ContractViolationException(type, errors);
        }
    }

    /** @throws ContractViolationException when {@code json} is not valid data of {@code type} */
    public static void requireValid(EventType type, String json) {
        List<String> errors = validate(type, json);
        if (!errors.isEmpty()) {
            throw new ContractViolationException(type.type(), errors);
        }
    }

    /** The compiled schema of a catalog type (loaded from {@link EventType#schemaResource()} on first use). */
    public static JsonSchema schema(EventType type) {
        synchronized (SCHEMAS) {
            return SCHEMAS.computeIfAbsent(type, t -> {
                JsonSchema s = FACTORY.getSchema(SchemaLocation.of(t.schemaId()), CONFIG);
                s.initializeValidators();
                return s;
            });
        }
    }

    private static String describe(ValidationMessage m) {
        String where = m.getInstanceLocation() == null ? "" : m.getInstanceLocation().toString();
        return (where.isEmpty() ? "/" : where) + ": " + m.getError() + " [" + m.getType() + "]";
    }
}
