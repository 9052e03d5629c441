package io.partnerflow.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * YAML → Jackson trees. SnakeYAML (the parser under jackson-dataformat-yaml) reads the documents, so that
 * anchors, aliases and {@code <<} merge keys (docker-compose.yml uses them) resolve as Compose resolves them.
 */
final class Yaml {
    static final ObjectMapper JSON = new ObjectMapper();

    private Yaml() {
    }

    static List<ObjectNode> documents(Path file) {
        return documents(Repo.read(file), file.toString());
    }

    static List<ObjectNode> documents(String text, String origin) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        org.yaml.snakeyaml.Yaml yaml = new org.yaml.snakeyaml.Yaml(new SafeConstructor(options));
        List<ObjectNode> out = new ArrayList<>();
        for (Object doc : yaml.loadAll(text)) {
            if (doc == null) {
                continue;
            }
            JsonNode node = JSON.valueToTree(doc);
            if (!node.isObject()) {
                throw new IllegalArgumentException(origin + ": a document is not a mapping: " + node);
            }
            out.add((ObjectNode) node);
        }
        return out;
    }

    static ObjectNode single(Path file) {
        List<ObjectNode> docs = documents(file);
        if (docs.size() != 1) {
            throw new IllegalArgumentException(file + ": expected one YAML document, found " + docs.size());
        }
        return docs.get(0);
    }
}
