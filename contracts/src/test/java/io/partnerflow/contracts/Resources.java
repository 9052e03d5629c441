package io.partnerflow.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Test helpers: this module's classpath resources. */
final class Resources {
    private Resources() {
    }

    static String text(String resource) {
        try (InputStream in = Resources.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no classpath resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sample(EventType type) {
        return text(type.sampleResource());
    }

    static ObjectNode sampleTree(EventType type) {
        return (ObjectNode) EventJson.readTree(sample(type));
    }

    static JsonNode schemaTree(EventType type) {
        return EventJson.readTree(text(type.schemaResource()));
    }

    /** File names directly inside a classpath folder (not in sub-folders). */
    static List<String> filesIn(String folder) {
        URL url = Resources.class.getClassLoader().getResource(folder);
        if (url == null) {
            throw new IllegalStateException("no classpath folder " + folder);
        }
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
