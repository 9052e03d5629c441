package io.partnerflow.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The repository as the tests see it: modules, the services' configuration, migrations, the connector file. */
final class Repo {
    static final Path ROOT = locateRoot();

    private Repo() {
    }

    private static Path locateRoot() {
        String configured = System.getProperty("repo.root");
        Path p = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path c = p.toAbsolutePath(); c != null; c = c.getParent()) {
            if (Files.isDirectory(c.resolve("deploy")) && Files.exists(c.resolve("pom.xml"))
                    && Files.exists(c.resolve("infra/src/main/resources/outbox-connector.properties"))) {
                return c;
            }
        }
        throw new IllegalStateException("repository root not found from " + p);
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The root pom's modules named {@code *-service}: the services, as Maven knows them. */
    static List<String> services() {
        Matcher m = Pattern.compile("<module>([a-z-]+-service)</module>").matcher(read(path("pom.xml")));
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no *-service modules in pom.xml");
        }
        return out;
    }

    /** The project version (root pom, the first {@code <version>} after the parent's artifactId). */
    static String projectVersion() {
        Matcher m = Pattern.compile("<artifactId>partnerflow-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(read(path("pom.xml")));
        if (!m.find()) {
            throw new IllegalStateException("project version not found in pom.xml");
        }
        return m.group(1).trim();
    }

    static String pomProperty(String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</" + Pattern.quote(name) + ">")
                .matcher(read(path("pom.xml")));
        if (!m.find()) {
            throw new IllegalStateException("property " + name + " not in pom.xml");
        }
        return m.group(1).trim();
    }

    static Properties properties(Path p) {
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            props.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return props;
    }

    /** A service's application.properties. */
    static Properties serviceProperties(String service) {
        return properties(path(service + "/src/main/resources/application.properties"));
    }

    /** Defaults every service shares (partnerflow-platform). */
    static Properties platformProperties() {
        return properties(path("platform/src/main/resources/META-INF/microprofile-config.properties"));
    }

    /** The outbox connector configuration, keys in file order (THE single source, ADR 0002). */
    static Map<String, String> connectorProperties() {
        Map<String, String> out = new LinkedHashMap<>();
        Properties p = properties(path("infra/src/main/resources/outbox-connector.properties"));
        // Properties loses order; re-read keys in order for readable diffs
        for (String line : read(path("infra/src/main/resources/outbox-connector.properties")).split("\n")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#") || t.startsWith("!")) {
                continue;
            }
            String key = t.split("[=:\\s]", 2)[0];
            out.put(key, p.getProperty(key));
        }
        return out;
    }

    /**
     * One database's connector configuration as every reader builds it: the file's keys with ${db} replaced, then its
     * {@code override.<db>.<key>} lines applied, no {@code override.*} key passed on.
     */
    static Map<String, String> connectorConfig(String db) {
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, String> overrides = new LinkedHashMap<>();
        connectorProperties().forEach((k, v) -> {
            if (k.startsWith("override.")) {
                if (k.startsWith("override." + db + ".")) {
                    overrides.put(k.substring(("override." + db + ".").length()), v.replace("${db}", db));
                }
            } else {
                out.put(k, v.replace("${db}", db));
            }
        });
        out.putAll(overrides);
        return out;
    }

    /** The Kubernetes environment-variable name MicroProfile Config maps to a property (as infra Launcher.toEnvName). */
    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }

    /** Channel → (topic, dead-letter topic or null) of one service, for the default profile. */
    record Channel(String service, String direction, String name, String topic, String failureStrategy,
                   String deadLetterTopic) {
    }

    static List<Channel> channels(String service) {
        Properties p = serviceProperties(service);
        Pattern key = Pattern.compile("^mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.connector$");
        List<Channel> out = new ArrayList<>();
        for (String k : new TreeMap<>(toMap(p)).keySet()) {
            Matcher m = key.matcher(k);
            if (!m.matches() || !"smallrye-kafka".equals(p.getProperty(k).strip())) {
                continue;
            }
            String prefix = "mp.messaging." + m.group(1) + "." + m.group(2) + ".";
            String topic = p.getProperty(prefix + "topic", m.group(2)).strip();
            String strategy = p.getProperty(prefix + "failure-strategy");
            String dlq = null;
            if ("dead-letter-queue".equals(strategy == null ? null : strategy.strip())) {
                // SmallRye's default when no topic is configured
                dlq = p.getProperty(prefix + "dead-letter-queue.topic", "dead-letter-topic-" + m.group(2)).strip();
            }
            out.add(new Channel(service, m.group(1), m.group(2), topic, strategy, dlq));
        }
        return out;
    }

    static Map<String, String> toMap(Properties p) {
        Map<String, String> m = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        return m;
    }

    /** Every {@code ${VAR}} / {@code ${VAR:default}} environment reference in a properties file's values. */
    static Set<String> referencedVariables(Properties p) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)(:[^}]*)?}").matcher("");
        for (String k : p.stringPropertyNames()) {
            m.reset(p.getProperty(k));
            while (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /** Tables created by the Flyway migrations a service runs: the platform's V1 plus its own. */
    static Set<String> migratedTables(String service) {
        Set<String> tables = new LinkedHashSet<>();
        List<Path> scripts = new ArrayList<>();
        scripts.add(path("platform/src/main/resources/db/migration/V1__outbox_and_inbox.sql"));
        Path own = path(service + "/src/main/resources/db/migration");
        if (Files.isDirectory(own)) {
            try (Stream<Path> s = Files.list(own)) {
                s.filter(f -> f.getFileName().toString().endsWith(".sql")).sorted().forEach(scripts::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Pattern create = Pattern.compile("(?i)create\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?(?:\"?(\\w+)\"?\\.)?\"?(\\w+)\"?");
        for (Path s : scripts) {
            Matcher m = create.matcher(read(s));
            while (m.find()) {
                tables.add((m.group(1) == null ? "public" : m.group(1).toLowerCase()) + "." + m.group(2).toLowerCase());
            }
        }
        return tables;
    }

    /** ENV names a service image declares (its Dockerfile.jvm): the image reads them, they are not Quarkus keys. */
    static Set<String> dockerfileEnv(String service) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = Pattern.compile("(?m)^ENV\\s+([A-Z_][A-Z0-9_]*)[= ]").matcher(read(path(service + "/src/main/docker/Dockerfile.jvm")));
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    static int httpPort(String service) {
        return Integer.parseInt(serviceProperties(service).getProperty("quarkus.http.port").strip());
    }
}
