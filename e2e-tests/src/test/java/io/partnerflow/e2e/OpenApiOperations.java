package io.partnerflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/** Every operation a service publishes in its OpenAPI document ({@code /q/openapi?format=json}). */
final class OpenApiOperations {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A parameter of an operation: where it goes ({@code path}/{@code query}), its name and its (resolved) schema. */
    record Param(String in, String name, JsonNode schema, boolean required) {
    }

    /** One operation; {@code body} is the resolved JSON schema of its request body, or null. */
    record Operation(String service, String method, String path, List<Param> params, JsonNode body, JsonNode document) {
        String id() {
            return service + " " + method + " " + path;
        }
    }

    private OpenApiOperations() {
    }

    static List<Operation> read(HttpClient http, String service, String baseUrl, Predicate<String> skipPath) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/openapi?format=json")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(service + " /q/openapi answered " + r.statusCode());
        }
        JsonNode doc = JSON.readTree(r.body());
        List<Operation> ops = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> p = paths.next();
            if (skipPath.test(p.getKey())) {
                continue;
            }
            List<Param> shared = params(doc, p.getValue().path("parameters"));
            for (Iterator<Map.Entry<String, JsonNode>> methods = p.getValue().fields(); methods.hasNext(); ) {
                Map.Entry<String, JsonNode> m = methods.next();
                String method = m.getKey().toUpperCase(Locale.ROOT);
                if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    continue;
                }
                List<Param> params = new ArrayList<>(shared);
                params.addAll(params(doc, m.getValue().path("parameters")));
                JsonNode content = m.getValue().path("requestBody").path("content");
                JsonNode body = null;
                if (content.has("application/json")) {
                    body = resolve(doc, content.path("application/json").path("schema"));
                } else if (content.fields().hasNext()) {
                    body = resolve(doc, content.fields().next().getValue().path("schema"));
                }
                ops.add(new Operation(service, method, p.getKey(), List.copyOf(params), body, doc));
            }
        }
        return ops;
    }

    private static List<Param> params(JsonNode doc, JsonNode list) {
        List<Param> out = new ArrayList<>();
        for (JsonNode n : list) {
            JsonNode p = resolve(doc, n);
            String in = p.path("in").asText();
            if (in.equals("path") || in.equals("query")) {
                out.add(new Param(in, p.path("name").asText(), resolve(doc, p.path("schema")), p.path("required").asBoolean()));
            }
        }
        return out;
    }

    /** Follows a {@code $ref} (one level; nested refs are followed where the generator meets them). */
    static JsonNode resolve(JsonNode doc, JsonNode schema) {
        JsonNode s = schema;
        for (int i = 0; i < 10 && s != null && s.has("$ref"); i++) {
            String ref = s.path("$ref").asText();
            if (!ref.startsWith("#/")) {
                return JSON.createObjectNode();
            }
            JsonNode t = doc;
            for (String part : ref.substring(2).split("/")) {
                t = t.path(part.replace("~1", "/").replace("~0", "~"));
            }
            s = t;
        }
        if (s != null && s.has("allOf") && s.path("allOf").size() == 1) {
            return resolve(doc, s.path("allOf").get(0));
        }
        return s == null || s.isMissingNode() ? JSON.createObjectNode() : s;
    }
}
