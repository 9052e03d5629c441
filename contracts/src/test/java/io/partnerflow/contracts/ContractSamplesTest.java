package io.partnerflow.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** For EVERY catalog entry: the golden sample, its schema and its record agree — and broken data is caught. */
class ContractSamplesTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void goldenSampleSatisfiesItsSchema(EventType type) {
        assertEquals(List.of(), ContractValidator.validate(type.type(), Resources.sample(type)));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void goldenSampleRoundTripsThroughItsRecordUnchanged(EventType type) {
        String sample = Resources.sample(type);
        Object data = EventJson.read(type.type(), sample);
        assertInstanceOf(type.dataClass(), data);

        String written = EventJson.writeString(data);
        assertEquals(List.of(), ContractValidator.validate(type.type(), written), "re-serialised data must validate");
        assertEquals(EventJson.readTree(sample), EventJson.readTree(written), "re-serialised data must equal the sample");
        assertEquals(data, EventJson.read(written, type.dataClass()), "second read gives an equal record");
        assertEquals(List.of(), ContractValidator.validateData(data));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void sampleMissingAnyRequiredFieldFailsValidation(EventType type) {
        JsonNode required = Resources.schemaTree(type).path("required");
        assertTrue(required.size() > 0, type + " lists its required fields");
        for (JsonNode field : required) {
            ObjectNode broken = Resources.sampleTree(type);
            assertTrue(broken.has(field.asText()), "sample of " + type + " has required field " + field);
            broken.remove(field.asText());
            List<String> errors = ContractValidator.validate(type, broken);
            assertFalse(errors.isEmpty(), type + " without '" + field.asText() + "' must fail validation");
            assertTrue(errors.stream().anyMatch(e -> e.contains(field.asText())), errors.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void sampleWithATopLevelFieldOfTheWrongJsonTypeFailsValidation(EventType type) {
        for (JsonNode field : Resources.schemaTree(type).path("required")) {
            ObjectNode broken = Resources.sampleTree(type);
            String name = field.asText();
            JsonNode value = broken.get(name);
            broken.set(name, value.isTextual() || value.isBoolean() ? IntNode.valueOf(42) : TextNode.valueOf("42"));
            assertFalse(ContractValidator.validate(type, broken).isEmpty(),
                    type + " with '" + name + "' of the wrong JSON type must fail validation");
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void moneyAmountAsAJsonNumberFailsValidation(EventType type) {
        ObjectNode broken = Resources.sampleTree(type);
        List<ObjectNode> moneys = new ArrayList<>();
        collectMoney(broken, moneys);
        if (moneys.isEmpty()) {
            return; // this type carries no money
        }
        for (ObjectNode money : moneys) {
            String amount = money.get("amount").asText();
            money.set("amount", DecimalNode.valueOf(new BigDecimal(amount)));
            List<String> errors = ContractValidator.validate(type, broken);
            assertFalse(errors.isEmpty(), type + ": amount " + amount + " as a JSON number must fail");
            money.put("amount", amount);
        }
        assertEquals(List.of(), ContractValidator.validate(type, broken), "restored sample is valid again");
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void consumersIgnoreFieldsAddedLaterInTheSameVersion(EventType type) {
        ObjectNode extended = Resources.sampleTree(type);
        extended.put("addedInALaterRelease", "something new");
        extended.putObject("anotherNewBlock").put("flag", true);
        String json = extended.toString();

        assertEquals(List.of(), ContractValidator.validate(type.type(), json), "additional properties are allowed");
        Object data = EventJson.read(type.type(), json);
        assertEquals(EventJson.read(type.type(), Resources.sample(type)), data, "unknown fields are ignored");
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void optionalFieldsMayBeNullOrAbsent(EventType type) {
        List<String> required = new ArrayList<>();
        JsonNode schema = Resources.schemaTree(type);
        schema.path("required").forEach(r -> required.add(r.asText()));
        // conditionally required ("from" unless the first tier, "adjustment" when a dispute is accepted) stay
        schema.path("allOf").forEach(c -> {
            c.path("then").path("required").forEach(r -> required.add(r.asText()));
            c.path("else").path("required").forEach(r -> required.add(r.asText()));
        });
        ObjectNode nulled = Resources.sampleTree(type);
        ObjectNode absent = Resources.sampleTree(type);
        List<String> optional = new ArrayList<>();
        nulled.fieldNames().forEachRemaining(f -> {
            if (!required.contains(f)) {
                optional.add(f);
            }
        });
        optional.forEach(f -> {
            nulled.putNull(f);
            absent.remove(f);
        });
        assertEquals(List.of(), ContractValidator.validate(type, nulled), "optional fields " + optional + " as null");
        assertEquals(List.of(), ContractValidator.validate(type, absent), "optional fields " + optional + " left out");
        Object fromNulls = EventJson.read(type.type(), nulled.toString());
        assertEquals(fromNulls, EventJson.read(type.type(), absent.toString()), "null and absent read the same");
        assertEquals(List.of(), ContractValidator.validateData(fromNulls));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void sampleHasAKafkaKey(EventType type) {
        Object data = EventJson.read(type.type(), Resources.sample(type));
        String key = type.keyOf(data);
        assertFalse(key.isBlank());
        CloudEvent<Object> event = CloudEvent.of("0b6a0c8e-1111-4222-8333-944455556666", "/partnerflow/test",
                java.time.Instant.parse("2025-06-27T15:42:10Z"), data);
        assertEquals(type.type(), event.type());
        assertEquals(key, event.subject());
    }

    static void collectMoney(JsonNode node, List<ObjectNode> out) {
        if (node.isObject()) {
            if (node.size() >= 2 && node.path("amount").isTextual() && node.path("currency").isTextual()) {
                out.add((ObjectNode) node);
                return;
            }
            node.forEach(child -> collectMoney(child, out));
        } else if (node.isArray()) {
            node.forEach(child -> collectMoney(child, out));
        }
    }
}
