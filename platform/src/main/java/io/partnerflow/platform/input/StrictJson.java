package io.partnerflow.platform.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.util.AccessPattern;
import com.fasterxml.jackson.databind.util.ClassUtil;

import java.io.IOException;
import java.time.ZoneId;

/**
 * The one strict JSON reading policy of every Partnerflow REST API (applied to the services' ObjectMapper by
 * {@link StrictJsonCustomizer}; events use their own mapper, {@code contracts/EventJson}). A body is refused — and
 * the refusal names the JSON path and the rule — when:
 * <ul>
 *   <li>anything but white space follows the JSON value (trailing tokens);</li>
 *   <li>a string is expected and a number, boolean, object or array is sent (no scalar coercion to text);</li>
 *   <li>an integer is expected and a fraction, a string or a boolean is sent (strings are accepted for decimal
 *       numbers only: money and rates travel as decimal strings, {@code {"amount": "12.34"}});</li>
 *   <li>a boolean is expected and anything but {@code true}/{@code false} is sent;</li>
 *   <li>a date/time ({@code java.time}) is expected and anything but a non-blank ISO-8601 string is sent
 *       (no epoch numbers, no {@code [2026,12,4]} arrays);</li>
 *   <li>an enum is expected and an unknown name, a number or an empty string is sent;</li>
 *   <li>a primitive is expected and {@code null} is sent (an absent primitive still means 0/false);</li>
 *   <li>a string (value or object key) holds a control character other than TAB/LF/CR, or an unpaired surrogate.</li>
 * </ul>
 * Unknown properties stay ignored (Quarkus' default), so clients may send more than an operation reads.
 */
public final class StrictJson {
    private StrictJson() {
    }

    /**
     * Deepest nesting a body may have. Jackson's own limit (1,000) is deeper than the services' 512 KiB stacks reach:
     * 900 nested arrays bound untyped overflowed the stack and answered 500 (e2e fuzz, seed 9291321495070 with
     * CI=true). Past this depth the parser refuses the body like any malformed JSON: 400.
     */
    static final int MAX_NESTING_DEPTH = 100;

    public static ObjectMapper apply(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(mapper.getFactory().streamReadConstraints().rebuild()
                .maxNestingDepth(MAX_NESTING_DEPTH).build());
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        // null for a primitive is refused by NullRefusingPrimitive (explicit null only: this feature would refuse an
        // absent primitive of a record too, which clients may rely on meaning 0/false)
        mapper.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.disable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL);
        mapper.disable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.disable(DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT);
        mapper.disable(DeserializationFeature.ACCEPT_EMPTY_ARRAY_AS_NULL_OBJECT);
        mapper.disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
        mapper.disable(DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS);
        mapper.disable(DeserializationFeature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS);

        refuse(mapper, LogicalType.Textual, CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean);
        refuse(mapper, LogicalType.Integer, CoercionInputShape.Float, CoercionInputShape.String,
                CoercionInputShape.EmptyString, CoercionInputShape.Boolean);
        // Float covers double and BigDecimal: a decimal string ("12.34") stays accepted, an empty one does not.
        refuse(mapper, LogicalType.Float, CoercionInputShape.EmptyString, CoercionInputShape.Boolean);
        refuse(mapper, LogicalType.Boolean, CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.String, CoercionInputShape.EmptyString);
        refuse(mapper, LogicalType.Enum, CoercionInputShape.Integer, CoercionInputShape.EmptyString);
        refuse(mapper, LogicalType.DateTime, CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.EmptyString);
        refuse(mapper, LogicalType.POJO, CoercionInputShape.EmptyString);
        refuse(mapper, LogicalType.Collection, CoercionInputShape.EmptyString);
        refuse(mapper, LogicalType.Map, CoercionInputShape.EmptyString);

        SimpleModule module = new SimpleModule("partnerflow-strict-json");
        module.addDeserializer(String.class, new StrictStringDeserializer());
        module.addKeyDeserializer(String.class, new StrictStringKeyDeserializer());
        module.setDeserializerModifier(new TextOnlyTimes());
        mapper.registerModule(module);
        return mapper;
    }

    private static void refuse(ObjectMapper mapper, LogicalType type, CoercionInputShape... shapes) {
        for (CoercionInputShape shape : shapes) {
            mapper.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
        }
    }

    /** Strings only from JSON strings, and only acceptable text ({@link Text}). */
    static final class StrictStringDeserializer extends StdScalarDeserializer<String> {
        StrictStringDeserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (String) ctxt.handleUnexpectedToken(String.class, p);
            }
            String s = p.getText();
            String why = Text.violation(s);
            if (why != null) {
                return (String) ctxt.reportInputMismatch(this, "text " + why);
            }
            return s;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }

        @Override
        public boolean isCachable() {
            return true;
        }
    }

    static final class StrictStringKeyDeserializer extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            String why = Text.violation(key);
            if (why != null) {
                return ctxt.handleWeirdKey(String.class, key, "an object key " + why);
            }
            return key;
        }
    }

    /**
     * Every {@code java.time} value (except zone ids/offsets) is read from a non-blank string only; a primitive
     * refuses an explicit {@code null}.
     */
    static final class TextOnlyTimes extends BeanDeserializerModifier {
        @Override
        public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription beanDesc,
                                                      JsonDeserializer<?> deserializer) {
            Class<?> type = beanDesc.getBeanClass();
            if (type.isPrimitive() || ClassUtil.primitiveType(type) != null) {
                return new NullRefusingPrimitive(deserializer);
            }
            if ("java.time".equals(type.getPackageName()) && !ZoneId.class.isAssignableFrom(type)) {
                return new TextOnly(deserializer);
            }
            return deserializer;
        }
    }

    /**
     * {@code "count": null} for an {@code int} is refused; an absent {@code count} stays 0 (Jackson's default). Jackson
     * may hand primitives and their wrappers the same deserializer: a wrapper (whose null value is null) keeps null.
     */
    static final class NullRefusingPrimitive extends DelegatingDeserializer {
        NullRefusingPrimitive(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new NullRefusingPrimitive(newDelegatee);
        }

        @Override
        public Object getNullValue(DeserializationContext ctxt) throws JsonMappingException {
            Object otherwise = _delegatee.getNullValue(ctxt);
            if (otherwise == null) {
                return null;
            }
            throw InvalidNullException.from(ctxt, null, ctxt.constructType(handledType()));
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctxt) throws JsonMappingException {
            return _delegatee.getAbsentValue(ctxt);
        }

        @Override
        public AccessPattern getNullAccessPattern() {
            return AccessPattern.DYNAMIC;
        }
    }

    static final class TextOnly extends DelegatingDeserializer {
        TextOnly(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new TextOnly(newDelegatee);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING) || p.getText().isBlank()) {
                return ctxt.reportInputMismatch(this, "expected an ISO-8601 string for "
                        + handledType().getSimpleName() + " (like " + example(handledType()) + "), not "
                        + describe(p));
            }
            return super.deserialize(p, ctxt);
        }

        private static String describe(JsonParser p) {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_STRING) {
                return "a blank string";
            }
            if (t == null) {
                return "nothing";
            }
            return switch (t) {
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
                case VALUE_TRUE, VALUE_FALSE -> "a boolean";
                case START_ARRAY -> "an array";
                case START_OBJECT -> "an object";
                default -> t.asString() == null ? t.name() : t.asString();
            };
        }

        private static String example(Class<?> type) {
            return switch (type.getSimpleName()) {
                case "LocalDate" -> "\"2026-12-04\"";
                case "LocalDateTime" -> "\"2026-12-04T10:15:30\"";
                case "YearMonth" -> "\"2026-12\"";
                case "Duration" -> "\"PT24H\"";
                case "Period" -> "\"P1M\"";
                case "Year" -> "\"2026\"";
                default -> "\"2026-12-04T10:15:30Z\"";
            };
        }
    }
}
