package io.partnerflow.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A small kustomize renderer for exactly the features deploy/kubernetes uses, so the tests validate what
 * {@code kubectl apply -k} would apply without needing kubectl: {@code resources} (files and kustomization
 * directories), {@code namespace}, {@code images}, {@code replicas}, {@code patches} (strategic merge, with
 * or without {@code target}; JSON 6902 add/replace/remove with a {@code target}) and {@code secretGenerator}
 * (literals, with {@code generatorOptions.disableNameSuffixHash}). Anything else in a kustomization FAILS:
 * a feature this renderer does not know must not be silently ignored. {@code KubectlKustomizeTest} compares
 * its output with {@code kubectl kustomize} wherever kubectl is installed.
 *
 * <p>Strategic merge as kustomize does it: maps merge, {@code null} deletes a key; for built-in kinds the
 * lists {@code containers}, {@code initContainers}, {@code env}, {@code volumes}, {@code volumeMounts} merge
 * by {@code name}; every other list (and every list of a custom resource, which has no merge schema) is
 * replaced.
 */
final class Kustomize {
    private static final Set<String> KUSTOMIZATION_KEYS = Set.of("apiVersion", "kind", "resources", "namespace",
            "images", "replicas", "patches", "secretGenerator", "generatorOptions");
    private static final Set<String> MERGE_BY_NAME = Set.of("containers", "initContainers", "env", "volumes", "volumeMounts");
    private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "ReplicaSet", "ReplicationController");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass");

    private Kustomize() {
    }

    /** Renders the kustomization in {@code dir}: the resources kubectl apply -k would send. */
    static List<ObjectNode> render(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("no kustomization.yaml in " + dir);
        }
        ObjectNode k = Yaml.single(file);
        k.fieldNames().forEachRemaining(f -> {
            if (!KUSTOMIZATION_KEYS.contains(f)) {
                throw new IllegalArgumentException(file + ": kustomize feature '" + f + "' is not supported by the test renderer"
                        + " (supported: " + KUSTOMIZATION_KEYS + "); extend Kustomize.java or do without it");
            }
        });
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode r : k.path("resources")) {
            Path p = dir.resolve(r.asText()).normalize();
            if (Files.isDirectory(p)) {
                out.addAll(render(p));
            } else {
                out.addAll(Yaml.documents(p));
            }
        }
        out.addAll(generateSecrets(k, file));
        for (JsonNode patch : k.path("patches")) {
            applyPatch(out, patch, dir, file);
        }
        if (k.hasNonNull("namespace")) {
            String ns = k.get("namespace").asText();
            for (ObjectNode r : out) {
                if (!CLUSTER_SCOPED.contains(r.path("kind").asText())) {
                    metadata(r).put("namespace", ns);
                }
            }
        }
        for (JsonNode image : k.path("images")) {
            requireOnly(image, file, "name", "newName", "newTag");
            int changed = 0;
            for (ObjectNode r : out) {
                changed += setImages(r, image);
            }
            if (changed == 0) {
                throw new IllegalArgumentException(file + ": images entry " + image + " matches no container");
            }
        }
        for (JsonNode rep : k.path("replicas")) {
            requireOnly(rep, file, "name", "count");
            int changed = 0;
            for (ObjectNode r : out) {
                if (WORKLOADS.contains(r.path("kind").asText()) && rep.path("name").asText().equals(name(r))) {
                    ((ObjectNode) r.with("spec")).put("replicas", rep.path("count").asInt());
                    changed++;
                }
            }
            if (changed == 0) {
                throw new IllegalArgumentException(file + ": replicas entry " + rep + " matches no workload");
            }
        }
        return out;
    }

    static String name(JsonNode r) {
        return r.path("metadata").path("name").asText();
    }

    static String id(JsonNode r) {
        return r.path("kind").asText() + "/" + r.path("metadata").path("namespace").asText("") + "/" + name(r);
    }

    private static ObjectNode metadata(ObjectNode r) {
        return (ObjectNode) r.with("metadata");
    }

    private static void requireOnly(JsonNode node, Path file, String... allowed) {
        Set<String> ok = Set.of(allowed);
        node.fieldNames().forEachRemaining(f -> {
            if (!ok.contains(f)) {
                throw new IllegalArgumentException(file + ": '" + f + "' in " + node + " is not supported by the test renderer");
            }
        });
    }

    private static List<ObjectNode> generateSecrets(ObjectNode k, Path file) {
        List<ObjectNode> out = new ArrayList<>();
        if (!k.has("secretGenerator")) {
            return out;
        }
        if (!k.path("generatorOptions").path("disableNameSuffixHash").asBoolean(false)) {
            throw new IllegalArgumentException(file + ": secretGenerator needs generatorOptions.disableNameSuffixHash: true"
                    + " (name hashes are not implemented, and custom resources would not follow renamed Secrets)");
        }
        requireOnly(k.get("generatorOptions"), file, "disableNameSuffixHash");
        for (JsonNode g : k.get("secretGenerator")) {
            requireOnly(g, file, "name", "type", "literals");
            ObjectNode s = JsonNodeFactory.instance.objectNode();
            s.put("apiVersion", "v1");
            s.put("kind", "Secret");
            metadata(s).put("name", g.path("name").asText());
            s.put("type", g.path("type").asText("Opaque"));
            ObjectNode data = (ObjectNode) s.with("data");
            for (JsonNode lit : g.path("literals")) {
                String kv = lit.asText();
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException(file + ": literal without '=': " + kv);
                }
                data.put(kv.substring(0, eq), Base64.getEncoder().encodeToString(kv.substring(eq + 1).getBytes(StandardCharsets.UTF_8)));
            }
            out.add(s);
        }
        return out;
    }

    private static void applyPatch(List<ObjectNode> resources, JsonNode entry, Path dir, Path file) {
        requireOnly(entry, file, "path", "patch", "target");
        String text;
        String origin;
        if (entry.has("path")) {
            Path p = dir.resolve(entry.get("path").asText());
            text = Repo.read(p);
            origin = p.toString();
        } else if (entry.has("patch")) {
            text = entry.get("patch").asText();
            origin = file + " (inline patch)";
        } else {
            throw new IllegalArgumentException(file + ": patch without path or patch: " + entry);
        }
        JsonNode target = entry.get("target");
        Object raw = new org.yaml.snakeyaml.Yaml().load(text.contains("\n---") ? text.substring(0, text.indexOf("\n---")) : text);
        if (raw instanceof List) {
            if (target == null) {
                throw new IllegalArgumentException(origin + ": a JSON 6902 patch needs a target");
            }
            JsonNode ops = Yaml.JSON.valueToTree(raw);
            List<ObjectNode> matched = select(resources, target, origin);
            for (ObjectNode r : matched) {
                for (JsonNode op : ops) {
                    json6902(r, op, origin);
                }
            }
            return;
        }
        List<ObjectNode> docs = Yaml.documents(text, origin);
        if (target != null) {
            if (docs.size() != 1) {
                throw new IllegalArgumentException(origin + ": a targeted strategic-merge patch must be one document");
            }
            for (ObjectNode r : select(resources, target, origin)) {
                ObjectNode patch = docs.get(0).deepCopy();
                patch.remove("apiVersion");
                patch.remove("kind");
                if (patch.has("metadata")) {
                    ((ObjectNode) patch.get("metadata")).remove("name");
                }
                merge(r, patch, isBuiltIn(r), origin);
            }
            return;
        }
        for (ObjectNode patch : docs) {
            List<ObjectNode> matched = new ArrayList<>();
            for (ObjectNode r : resources) {
                if (r.path("kind").asText().equals(patch.path("kind").asText()) && name(r).equals(name(patch))
                        && group(r).equals(group(patch))) {
                    matched.add(r);
                }
            }
            if (matched.size() != 1) {
                throw new IllegalArgumentException(origin + ": patch for " + patch.path("kind").asText() + " " + name(patch)
                        + " matches " + matched.size() + " resources, expected exactly one");
            }
            merge(matched.get(0), patch, isBuiltIn(matched.get(0)), origin);
        }
    }

    private static String group(JsonNode r) {
        String apiVersion = r.path("apiVersion").asText();
        return apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    }

    private static boolean isBuiltIn(JsonNode r) {
        String g = group(r);
        return g.isEmpty() || !g.contains(".") || g.endsWith(".k8s.io");
    }

    private static List<ObjectNode> select(List<ObjectNode> resources, JsonNode target, String origin) {
        requireOnly(target, Path.of(origin), "group", "version", "kind", "name");
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode r : resources) {
            if (target.has("kind") && !target.get("kind").asText().equals(r.path("kind").asText())) {
                continue;
            }
            if (target.has("group") && !target.get("group").asText().equals(group(r))) {
                continue;
            }
            if (target.has("version") && !r.path("apiVersion").asText().endsWith("/" + target.get("version").asText())) {
                continue;
            }
            if (target.has("name") && !Pattern.matches(target.get("name").asText(), name(r))) {
                continue;
            }
            out.add(r);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(origin + ": patch target " + target + " matches no resource");
        }
        return out;
    }

    /** Strategic merge of {@code patch} into {@code target} (in place). */
    static void merge(ObjectNode target, ObjectNode patch, boolean builtIn, String origin) {
        Iterator<Map.Entry<String, JsonNode>> it = patch.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode value = e.getValue();
            if (key.startsWith("$")) {
                throw new IllegalArgumentException(origin + ": strategic-merge directive '" + key + "' is not supported by the test renderer");
            }
            JsonNode current = target.get(key);
            if (value.isNull()) {
                target.remove(key);
            } else if (value.isObject() && current != null && current.isObject()) {
                merge((ObjectNode) current, (ObjectNode) value, builtIn, origin);
            } else if (value.isArray() && current != null && current.isArray() && builtIn && MERGE_BY_NAME.contains(key)) {
                mergeByName((ArrayNode) current, (ArrayNode) value, origin);
            } else {
                target.set(key, value.deepCopy());
            }
        }
    }

    private static void mergeByName(ArrayNode current, ArrayNode patch, String origin) {
        for (JsonNode item : patch) {
            if (!item.hasNonNull("name")) {
                throw new IllegalArgumentException(origin + ": list item without name in a merge-by-name list: " + item);
            }
            ObjectNode existing = null;
            for (JsonNode c : current) {
                if (item.get("name").asText().equals(c.path("name").asText())) {
                    existing = (ObjectNode) c;
                }
            }
            if (existing == null) {
                current.add(item.deepCopy());
            } else {
                merge(existing, (ObjectNode) item, true, origin);
            }
        }
    }

    private static void json6902(ObjectNode resource, JsonNode op, String origin) {
        String kind = op.path("op").asText();
        List<String> path = new ArrayList<>();
        String p = op.path("path").asText();
        if (!p.startsWith("/")) {
            throw new IllegalArgumentException(origin + ": bad JSON pointer " + p);
        }
        for (String seg : p.substring(1).split("/", -1)) {
            path.add(seg.replace("~1", "/").replace("~0", "~"));
        }
        JsonNode parent = resource;
        for (String seg : path.subList(0, path.size() - 1)) {
            parent = parent.isArray() ? parent.get(Integer.parseInt(seg)) : parent.get(seg);
            if (parent == null) {
                throw new IllegalArgumentException(origin + ": path " + p + " does not exist in " + id(resource));
            }
        }
        String last = path.get(path.size() - 1);
        switch (kind) {
            case "add", "replace" -> {
                JsonNode value = op.get("value");
                if (parent instanceof ObjectNode o) {
                    if ("replace".equals(kind) && !o.has(last)) {
                        throw new IllegalArgumentException(origin + ": replace of missing " + p + " in " + id(resource));
                    }
                    o.set(last, value.deepCopy());
                } else if (parent instanceof ArrayNode a) {
                    if ("-".equals(last)) {
                        a.add(value.deepCopy());
                    } else if ("add".equals(kind)) {
                        a.insert(Integer.parseInt(last), value.deepCopy());
                    } else {
                        a.set(Integer.parseInt(last), value.deepCopy());
                    }
                }
            }
            case "remove" -> {
                JsonNode removed = parent instanceof ObjectNode o ? o.remove(last) : ((ArrayNode) parent).remove(Integer.parseInt(last));
                if (removed == null) {
                    throw new IllegalArgumentException(origin + ": remove of missing " + p + " in " + id(resource));
                }
            }
            default -> throw new IllegalArgumentException(origin + ": JSON 6902 op '" + kind + "' is not supported by the test renderer");
        }
    }

    /** The images transformer: every container's image whose name matches. */
    private static int setImages(JsonNode node, JsonNode image) {
        int changed = 0;
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (("containers".equals(e.getKey()) || "initContainers".equals(e.getKey())) && e.getValue().isArray()) {
                    for (JsonNode c : e.getValue()) {
                        if (c.hasNonNull("image") && imageName(c.get("image").asText()).equals(image.path("name").asText())) {
                            String current = c.get("image").asText();
                            String tag = current.contains(":") && current.lastIndexOf(':') > current.lastIndexOf('/')
                                    ? current.substring(current.lastIndexOf(':') + 1) : null;
                            String newName = image.path("newName").asText(image.path("name").asText());
                            String newTag = image.hasNonNull("newTag") ? image.get("newTag").asText() : tag;
                            ((ObjectNode) c).put("image", newTag == null ? newName : newName + ":" + newTag);
                            changed++;
                        }
                    }
                } else {
                    changed += setImages(e.getValue(), image);
                }
            }
        } else if (node.isArray()) {
            for (JsonNode n : node) {
                changed += setImages(n, image);
            }
        }
        return changed;
    }

    static String imageName(String image) {
        String s = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        int colon = s.lastIndexOf(':');
        return colon > s.lastIndexOf('/') ? s.substring(0, colon) : s;
    }
}
