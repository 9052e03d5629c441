package io.partnerflow.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connector.KafkaConnector;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Typed view of a rendered overlay. Kubernetes kinds are read into the fabric8 model, Strimzi kinds into
 * Strimzi's {@code io.strimzi:api} model (API {@code kafka.strimzi.io/v1}), CloudNativePG kinds are checked
 * against the operator's CRD schema (src/test/resources/crd-schemas, CloudNativePG 1.30.0). Both model
 * libraries keep unknown fields in "additionalProperties" instead of failing, and the API server would
 * prune them silently, so any unknown field (a typo, a field of another API version) is an ERROR here.
 */
final class Manifests {
    /** apiVersion + kind → model class; null = validated against a CRD schema. */
    private static final Map<String, Class<?>> TYPES = new LinkedHashMap<>();

    static {
        TYPES.put("v1/ConfigMap", ConfigMap.class);
        TYPES.put("v1/Secret", Secret.class);
        TYPES.put("v1/Service", Service.class);
        TYPES.put("apps/v1/Deployment", Deployment.class);
        TYPES.put("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class);
        TYPES.put("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class);
        TYPES.put("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class);
        TYPES.put("networking.k8s.io/v1/Ingress", io.fabric8.kubernetes.api.model.networking.v1.Ingress.class);
        TYPES.put("kafka.strimzi.io/v1/Kafka", Kafka.class);
        TYPES.put("kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class);
        TYPES.put("kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class);
        TYPES.put("kafka.strimzi.io/v1/KafkaConnect", KafkaConnect.class);
        TYPES.put("kafka.strimzi.io/v1/KafkaConnector", KafkaConnector.class);
        TYPES.put("kafka.strimzi.io/v1/KafkaUser", io.strimzi.api.kafka.model.user.KafkaUser.class);
        TYPES.put("postgresql.cnpg.io/v1/Cluster", null);
        TYPES.put("postgresql.cnpg.io/v1/Publication", null);
        TYPES.put("postgresql.cnpg.io/v1/ScheduledBackup", null);
    }

    private static final Map<String, String> CRD_SCHEMAS = Map.of(
            "postgresql.cnpg.io/v1/Cluster", "crd-schemas/postgresql.cnpg.io_clusters.json",
            "postgresql.cnpg.io/v1/Publication", "crd-schemas/postgresql.cnpg.io_publications.json",
            "postgresql.cnpg.io/v1/ScheduledBackup", "crd-schemas/postgresql.cnpg.io_scheduledbackups.json");

    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");

    final List<ObjectNode> raw;
    final List<HasMetadata> typed = new ArrayList<>();
    final List<ObjectNode> cnpg = new ArrayList<>();
    final List<String> errors = new ArrayList<>();

    Manifests(List<ObjectNode> raw) {
        this.raw = raw;
        Set<String> ids = new java.util.HashSet<>();
        for (ObjectNode r : raw) {
            String type = r.path("apiVersion").asText() + "/" + r.path("kind").asText();
            String id = Kustomize.id(r);
            if (!ids.add(id)) {
                errors.add(id + ": defined twice");
            }
            String name = Kustomize.name(r);
            if (name.isEmpty() || name.length() > 253 || !DNS_SUBDOMAIN.matcher(name).matches()) {
                errors.add(id + ": metadata.name '" + name + "' is not a valid Kubernetes name");
            }
            if (!TYPES.containsKey(type)) {
                errors.add(id + ": unexpected apiVersion/kind " + type + " (known: " + TYPES.keySet() + ")");
                continue;
            }
            Class<?> cls = TYPES.get(type);
            if (cls == null) {
                JsonNode schema = schema(type);
                new SchemaCheck(id, errors).check(r, schema, "");
                cnpg.add(r);
                continue;
            }
            try {
                HasMetadata m = (HasMetadata) Yaml.JSON.treeToValue(r, cls);
                unknownFields(m, id, "", new IdentityHashMap<>(), errors, 0);
                typed.add(m);
            } catch (IOException | IllegalArgumentException e) {
                errors.add(id + ": does not parse as " + cls.getSimpleName() + ": " + e.getMessage());
            }
        }
    }

    <T extends HasMetadata> List<T> all(Class<T> cls) {
        List<T> out = new ArrayList<>();
        for (HasMetadata m : typed) {
            if (cls.isInstance(m)) {
                out.add(cls.cast(m));
            }
        }
        return out;
    }

    <T extends HasMetadata> T one(Class<T> cls, String name) {
        for (T t : all(cls)) {
            if (t.getMetadata().getName().equals(name)) {
                return t;
            }
        }
        return null;
    }

    List<ObjectNode> cnpg(String kind) {
        return cnpg.stream().filter(r -> kind.equals(r.path("kind").asText())).toList();
    }

    private static JsonNode schema(String type) {
        try (InputStream in = Manifests.class.getClassLoader().getResourceAsStream(CRD_SCHEMAS.get(type))) {
            return Yaml.JSON.readTree(in).get("openAPIV3Schema");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Walks a model object: every non-empty additionalProperties map is a field the model does not know. */
    private static void unknownFields(Object o, String id, String path, IdentityHashMap<Object, Boolean> seen,
                                      List<String> errors, int depth) {
        if (o == null || depth > 40 || seen.put(o, Boolean.TRUE) != null) {
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) {
                unknownFields(e, id, path + "[" + i++ + "]", seen, errors, depth + 1);
            }
            return;
        }
        if (o instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                unknownFields(e.getValue(), id, path + "." + e.getKey(), seen, errors, depth + 1);
            }
            return;
        }
        String pkg = o.getClass().getPackageName();
        if (!pkg.startsWith("io.fabric8.kubernetes.api.model") && !pkg.startsWith("io.strimzi.api")) {
            return;
        }
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || m.getDeclaringClass() == Object.class) {
                continue;
            }
            String n = m.getName();
            if (!(n.startsWith("get") || n.startsWith("is")) || n.equals("getClass")) {
                continue;
            }
            Object v;
            try {
                v = m.invoke(o);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue;
            }
            if (n.equals("getAdditionalProperties")) {
                if (v instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    errors.add(id + ": unknown field(s) at " + (path.isEmpty() ? "." : path) + ": " + extra.keySet());
                }
                continue;
            }
            String prop = Character.toLowerCase(n.charAt(n.startsWith("is") ? 2 : 3)) + n.substring(n.startsWith("is") ? 3 : 4);
            unknownFields(v, id, path + "." + prop, seen, errors, depth + 1);
        }
    }

    /** The subset of OpenAPI v3 (structural CRD schemas) that CloudNativePG's CRDs use; CEL rules are not evaluated. */
    private record SchemaCheck(String id, List<String> errors) {
        void check(JsonNode value, JsonNode schema, String path) {
            if (schema == null || schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false) && !schema.has("properties")) {
                return;
            }
            String at = path.isEmpty() ? "." : path;
            if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
                if (!value.isIntegralNumber() && !value.isTextual()) {
                    errors.add(id + ": " + at + " must be an integer or a string, is " + value);
                }
                return;
            }
            String type = schema.path("type").asText("");
            switch (type) {
                case "object" -> {
                    if (!value.isObject()) {
                        errors.add(id + ": " + at + " must be an object, is " + value);
                        return;
                    }
                    for (JsonNode req : schema.path("required")) {
                        if (!value.has(req.asText())) {
                            errors.add(id + ": " + at + " misses required field '" + req.asText() + "'");
                        }
                    }
                    JsonNode props = schema.path("properties");
                    JsonNode additional = schema.get("additionalProperties");
                    Iterator<Map.Entry<String, JsonNode>> it = value.fields();
                    while (it.hasNext()) {
                        Map.Entry<String, JsonNode> e = it.next();
                        String child = path + "." + e.getKey();
                        if (props.has(e.getKey())) {
                            check(e.getValue(), props.get(e.getKey()), child);
                        } else if (additional != null && additional.isObject()) {
                            check(e.getValue(), additional, child);
                        } else if (additional != null && additional.asBoolean(false)
                                || schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)
                                || path.equals(".metadata") || path.startsWith(".metadata.")) {
                            // free-form
                        } else {
                            errors.add(id + ": unknown field " + child + " (the API server would drop it)");
                        }
                    }
                }
                case "array" -> {
                    if (!value.isArray()) {
                        errors.add(id + ": " + at + " must be a list, is " + value);
                        return;
                    }
                    int i = 0;
                    for (JsonNode item : value) {
                        check(item, schema.get("items"), path + "[" + i++ + "]");
                    }
                }
                case "string" -> {
                    if (!value.isTextual()) {
                        errors.add(id + ": " + at + " must be a string, is " + value + " (quote it)");
                        return;
                    }
                    if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(value.asText()).find()) {
                        errors.add(id + ": " + at + " '" + value.asText() + "' does not match " + schema.get("pattern").asText());
                    }
                }
                case "integer" -> {
                    if (!value.isIntegralNumber()) {
                        errors.add(id + ": " + at + " must be an integer, is " + value);
                    } else if (schema.has("minimum") && value.asLong() < schema.get("minimum").asLong()) {
                        errors.add(id + ": " + at + " must be >= " + schema.get("minimum"));
                    }
                }
                case "number" -> {
                    if (!value.isNumber()) {
                        errors.add(id + ": " + at + " must be a number, is " + value);
                    }
                }
                case "boolean" -> {
                    if (!value.isBoolean()) {
                        errors.add(id + ": " + at + " must be true or false, is " + value);
                    }
                }
                default -> {
                    // untyped (anyOf etc.): accept
                }
            }
            if (schema.has("enum")) {
                boolean ok = false;
                for (JsonNode allowed : schema.get("enum")) {
                    ok |= allowed.equals(value);
                }
                if (!ok) {
                    errors.add(id + ": " + at + " " + value + " is not one of " + schema.get("enum"));
                }
            }
        }
    }
}
