package io.partnerflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Hostile requests for one OpenAPI operation, generated with jqwik arbitraries from a seeded {@link Random}: a
 * plausible body built from the operation's schema with ONE value replaced by something hostile (wrong type, huge or
 * negative number, empty, deep nesting, NUL/control characters, a 100,000-character string, a number where a date
 * goes, an unknown enum value, a bad UUID, bad money), or a hostile whole body (trailing garbage, not JSON, invalid
 * UTF-8…), or a hostile path/query parameter, or a foreign content type, or a partner user's token.
 */
final class HostileInputs {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String SLOT = "__FUZZ_SLOT__";
    private static final int GEN_SIZE = 1000;

    /** One request to send. {@code query} and {@code path} are already percent-encoded. */
    record FuzzCase(String method, String path, String query, String contentType, byte[] body, String token,
                    String what) {
        String target() {
            return path + (query.isEmpty() ? "" : "?" + query);
        }
    }

    enum Token { STAFF, PARTNER, NONE }

    /** JSON fragments (raw, inserted as they are) that no field should accept silently. */
    static final List<String> FIXED_VALUES = List.of(
            "1e308", "-1e308", "1e-400", "18446744073709551623", "-9223372036854775809", "2147483648", "-1", "0",
            "-0.01", "1.5", "\"\"", "\" \"", "null", "true", "false", "[]", "{}", "[null]", "{\"a\":{}}",
            "\"\\u0000\"", "\"a\\u0000b\"", "\"\\u001b[31mred\"", "\"\\u007f\"", "\"\\ud800\"", "\"\\u202e\"",
            "\"" + "x".repeat(100_000) + "\"", "20261204", "\"20261204\"", "\"2026-13-45\"", "\"2026-12-04T25:61:00Z\"",
            "\"+57443-01-01\"", "\"-999999999-01-01\"", "\"+999999999-12-31T23:59:59Z\"", "\"NOT_AN_ENUM\"",
            "\"not-a-uuid\"", "\"00000000-0000-0000-0000-00000000000g\"", "\"1e308\"", "\"18446744073709551623\"",
            "\"-1\"", "\"-0.01\"", "\"12.345678901234567890\"", "\"NaN\"", "\"Infinity\"", "\"0x1F\"",
            "\"99999999999999999999999999999999.99\"", "[" .repeat(900) + "]".repeat(900),
            "{\"amount\":\"1e308\",\"currency\":\"EUR\"}", "{\"amount\":\"-5.00\",\"currency\":\"XXX\"}",
            "{\"amount\":\"12.345\",\"currency\":\"EUR\"}", "{\"amount\":12.34,\"currency\":\"EUR\"}",
            "{\"amount\":\"99999999999999999999.00\",\"currency\":\"USD\"}", "[" + "\"x\",".repeat(20_000) + "\"x\"]");

    /** Whole bodies (the plausible one is appended to some as {@code %s}). */
    static final List<String> FIXED_BODIES = List.of(
            "", "null", "[]", "\"text\"", "42", "{", "}", "[{}]", "%s garbage", "%s{}", "%s]", "%s,", "%s\u0000",
            "[".repeat(100_000), "{\"a\":".repeat(3_000), "not json at all", "<xml/>", "%s%s", "{\"a\":1,}", "{'a':1}",
            "{\"a\":NaN}", "\ufeff%s");

    static final List<String> FIXED_PARAMS = List.of(
            "not-a-uuid", "%00", "a%00b", "%1B%5B31m", "-1", "0", "18446744073709551623", "1e308", "2026-13-45",
            "20261204", "+57443-01-01", "NOT_AN_ENUM", "%E2%80%AE", "..%2F..%2Fetc", "%20", "", "x".repeat(2_000),
            "%ED%A0%80", "%FF%FE", "00000000-0000-0000-0000-000000000000", "true", "%7B%7D");

    private final Random random;
    private final Arbitrary<String> hostileValue;
    private final Arbitrary<String> hostileParam;

    HostileInputs(long seed) {
        this.random = new Random(seed);
        this.hostileValue = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of(FIXED_VALUES)),
                Tuple.of(2, Arbitraries.strings().all().ofMaxLength(40).map(HostileInputs::jsonString)),
                Tuple.of(1, Arbitraries.bigIntegers().between(BigInteger.TEN.pow(40).negate(), BigInteger.TEN.pow(40))
                        .map(BigInteger::toString)),
                Tuple.of(1, Arbitraries.doubles().map(d -> Double.isFinite(d) ? Double.toString(d) : "-1e308")));
        this.hostileParam = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(FIXED_PARAMS)),
                Tuple.of(1, Arbitraries.strings().all().ofMaxLength(40).map(s -> URLEncoder.encode(s, StandardCharsets.UTF_8))));
    }

    private <T> T sample(Arbitrary<T> a) {
        return a.generator(GEN_SIZE, true).next(random).value();
    }

    FuzzCase next(OpenApiOperations.Operation op) {
        Map<String, String> pathValues = new LinkedHashMap<>();
        Map<String, String> queryValues = new LinkedHashMap<>();
        for (OpenApiOperations.Param p : op.params()) {
            if (p.in().equals("path")) {
                pathValues.put(p.name(), encode(plainValue(op.document(), p.schema())));
            } else if (p.required() || random.nextInt(3) == 0) {
                queryValues.put(p.name(), encode(plainValue(op.document(), p.schema())));
            }
        }
        JsonNode base = op.body() == null ? null : plausible(op.document(), op.body(), 0);
        String contentType = op.body() == null ? null : "application/json";
        String body = base == null ? null : base.toString();
        Token token = Token.STAFF;
        String what;
        int mode = random.nextInt(100);
        boolean hasParams = !op.params().isEmpty();
        if (base != null && (mode < 55 || (!hasParams && mode < 85))) {
            List<List<Object>> slots = new ArrayList<>();
            collectSlots(base, new ArrayList<>(), slots);
            List<Object> slot = slots.get(random.nextInt(slots.size()));
            String value = sample(hostileValue);
            body = replace(base, slot, value);
            what = "body " + pathOf(slot) + " := " + preview(value);
        } else if (base != null && mode < 70) {
            String shape = sample(Arbitraries.of(FIXED_BODIES));
            body = shape.replace("%s", base.toString());
            what = "whole body := " + preview(shape);
        } else if (hasParams && mode < 85) {
            OpenApiOperations.Param p = op.params().get(random.nextInt(op.params().size()));
            String value = sample(hostileParam);
            (p.in().equals("path") ? pathValues : queryValues).put(p.name(), value);
            what = p.in() + " parameter " + p.name() + " := " + preview(value);
        } else if (mode < 93) {
            token = Token.PARTNER;
            what = "plausible request with a partner user's token";
        } else if (base != null && mode < 97) {
            contentType = sample(Arbitraries.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                    "application/json; charset=ISO-8859-1", "multipart/form-data; boundary=x"));
            what = "content type " + contentType;
        } else {
            token = Token.NONE;
            what = "no bearer token";
        }
        String path = op.path();
        for (Map.Entry<String, String> e : pathValues.entrySet()) {
            path = path.replace("{" + e.getKey() + "}", e.getValue().isEmpty() ? "%20" : e.getValue());
        }
        StringBuilder q = new StringBuilder();
        queryValues.forEach((k, v) -> q.append(q.isEmpty() ? "" : "&").append(encode(k)).append('=').append(v));
        byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        if (body != null && what.startsWith("whole body") && random.nextInt(10) == 0) {
            bytes = invalidUtf8(bytes);
            what = "whole body with invalid UTF-8 bytes";
        }
        return new FuzzCase(op.method(), path, q.toString(), contentType, bytes, token.name(), what);
    }

    /** A plausible value for a schema: what a well-behaved client would send. */
    JsonNode plausible(JsonNode doc, JsonNode schemaRef, int depth) {
        JsonNode s = OpenApiOperations.resolve(doc, schemaRef);
        if (s.has("oneOf") || s.has("anyOf")) {
            JsonNode alts = s.has("oneOf") ? s.path("oneOf") : s.path("anyOf");
            return plausible(doc, alts.get(random.nextInt(alts.size())), depth);
        }
        if (s.has("enum") && s.path("enum").size() > 0) {
            return s.path("enum").get(random.nextInt(s.path("enum").size()));
        }
        String type = s.path("type").asText(s.has("properties") ? "object" : "string");
        switch (type) {
            case "object" -> {
                ObjectNode o = NODES.objectNode();
                if (depth > 4) {
                    return o;
                }
                List<String> required = new ArrayList<>();
                s.path("required").forEach(r -> required.add(r.asText()));
                for (Iterator<Map.Entry<String, JsonNode>> it = s.path("properties").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> p = it.next();
                    if (required.contains(p.getKey()) || random.nextInt(10) < 7) {
                        o.set(p.getKey(), plausible(doc, p.getValue(), depth + 1));
                    }
                }
                if (s.path("additionalProperties").isObject() && o.isEmpty()) {
                    o.set("key", plausible(doc, s.path("additionalProperties"), depth + 1));
                }
                return o;
            }
            case "array" -> {
                ArrayNode a = NODES.arrayNode();
                if (depth <= 4) {
                    a.add(plausible(doc, s.path("items"), depth + 1));
                }
                return a;
            }
            case "integer" -> {
                return NODES.numberNode(1 + random.nextInt(5));
            }
            case "number" -> {
                return NODES.textNode((1 + random.nextInt(500)) + ".00");
            }
            case "boolean" -> {
                return NODES.booleanNode(random.nextBoolean());
            }
            default -> {
                return NODES.textNode(plainValue(doc, s));
            }
        }
    }

    /** A plausible scalar as text (path/query parameters, strings in bodies). */
    String plainValue(JsonNode doc, JsonNode schemaRef) {
        JsonNode s = OpenApiOperations.resolve(doc, schemaRef);
        if (s.has("enum") && s.path("enum").size() > 0) {
            return s.path("enum").get(random.nextInt(s.path("enum").size())).asText();
        }
        return switch (s.path("format").asText(s.path("type").asText())) {
            case "uuid" -> UUID.randomUUID().toString();
            case "date" -> "2026-" + String.format("%02d", 1 + random.nextInt(12)) + "-01";
            case "date-time" -> "2026-11-0" + (1 + random.nextInt(9)) + "T10:00:00Z";
            case "integer", "int32", "int64" -> String.valueOf(1 + random.nextInt(5));
            case "number" -> (1 + random.nextInt(100)) + ".00";
            case "boolean" -> String.valueOf(random.nextBoolean());
            default -> sample(Arbitraries.of("fuzz " + random.nextInt(1000), "EUR", "USD", "DE", "2026-Q3", "2026-11",
                    "Northwind", "partner@example.com"));
        };
    }

    private static void collectSlots(JsonNode node, List<Object> path, List<List<Object>> out) {
        if (!path.isEmpty()) {
            out.add(List.copyOf(path));
        }
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(f -> {
                path.add(f);
                collectSlots(node.get(f), path, out);
                path.remove(path.size() - 1);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                path.add(i);
                collectSlots(node.get(i), path, out);
                path.remove(path.size() - 1);
            }
        }
        if (path.isEmpty() && out.isEmpty()) {
            out.add(List.of()); // an empty object: the slot is the body itself
        }
    }

    private static String replace(JsonNode base, List<Object> slot, String rawValue) {
        if (slot.isEmpty()) {
            return rawValue;
        }
        JsonNode copy = base.deepCopy();
        JsonNode parent = copy;
        for (int i = 0; i < slot.size() - 1; i++) {
            Object k = slot.get(i);
            parent = k instanceof Integer idx ? parent.get(idx) : parent.get((String) k);
        }
        Object last = slot.get(slot.size() - 1);
        if (last instanceof Integer idx) {
            ((ArrayNode) parent).set(idx, NODES.textNode(SLOT));
        } else {
            ((ObjectNode) parent).put((String) last, SLOT);
        }
        return copy.toString().replace("\"" + SLOT + "\"", rawValue);
    }

    private static String pathOf(List<Object> slot) {
        StringBuilder b = new StringBuilder();
        for (Object k : slot) {
            if (k instanceof Integer i) {
                b.append('[').append(i).append(']');
            } else {
                b.append(b.isEmpty() ? "" : ".").append(k);
            }
        }
        return b.isEmpty() ? "$" : b.toString();
    }

    static String jsonString(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private byte[] invalidUtf8(byte[] body) {
        byte[] out = new byte[body.length + 2];
        int at = body.length == 0 ? 0 : random.nextInt(body.length);
        System.arraycopy(body, 0, out, 0, at);
        out[at] = (byte) 0xC3;
        out[at + 1] = (byte) 0x28;
        System.arraycopy(body, at, out, at + 2, body.length - at);
        return out;
    }

    static String preview(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 60; i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) || Character.isSurrogate(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return s.length() > 60 ? b + "…(" + s.length() + " chars)" : b.toString();
    }
}
