package io.partnerflow.infra.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The system under benchmark as a CHILD process: {@code java -jar infra/target/partnerflow-infra.jar run …} (the launcher:
 * PostgreSQL, Kafka, the relay and the services), exactly as {@code ./run.sh} starts it, so that the bench's own load
 * generator, observers and samplers run in another JVM and neither steal the system's CPU inside its process nor count
 * in its CPU time. Connection facts come from the launcher's ready file; the child stops when its stdin closes.
 */
final class BenchSystem implements AutoCloseable {
    static final String LAUNCHER_JVM = "-Xmx768m -XX:+UseSerialGC"; // as ./run.sh

    private final Process process;
    private final Map<String, String> facts;
    private final Path stateDir;
    private final Path log;

    private BenchSystem(Process process, Map<String, String> facts, Path stateDir, Path log) {
        this.process = process;
        this.facts = facts;
        this.stateDir = stateDir;
        this.log = log;
    }

    static BenchSystem start(Path stateDir, String serviceJvmOptions, int timeoutSeconds) throws Exception {
        Path ready = stateDir.resolveSibling(stateDir.getFileName() + "-ready.properties").toAbsolutePath();
        Path log = stateDir.resolveSibling(stateDir.getFileName() + "-launcher.log").toAbsolutePath();
        Files.createDirectories(ready.getParent());
        Files.deleteIfExists(ready);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(LAUNCHER_JVM.split(" ")));
        cmd.addAll(List.of("-jar", "infra/target/partnerflow-infra.jar", "run", "--free-ports", "--clean", "--state-dir",
                stateDir.toString(), "--service-jvm-options", serviceJvmOptions, "--ready-file", ready.toString(),
                "--exit-on-stdin-eof"));
        System.out.println("starting the system (launcher JVM " + LAUNCHER_JVM + "; its output: " + log + ")");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        BenchSystem system = null;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            while (!Files.exists(ready)) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("the launcher exited with " + p.exitValue() + "; see " + log);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the system was not ready after " + timeoutSeconds + " s; see " + log);
                }
                Thread.sleep(250);
            }
            Properties props = new Properties();
            try (InputStream in = Files.newInputStream(ready)) {
                props.load(in);
            }
            Map<String, String> facts = new LinkedHashMap<>();
            props.stringPropertyNames().forEach(k -> facts.put(k, props.getProperty(k)));
            system = new BenchSystem(p, facts, stateDir, log);
            return system;
        } finally {
            if (system == null) {
                p.destroy();
            }
        }
    }

    long pid() {
        return process.pid();
    }

    Path stateDir() {
        return stateDir;
    }

    String kafkaBootstrapServers() {
        return facts.get("kafka.bootstrap.servers");
    }

    /** The port of the PostgreSQL server holding {@code database} (one server per database: ADR 0007). */
    int postgresPort(String database) {
        return Integer.parseInt(facts.getOrDefault("postgres.port." + database, facts.get("postgres.port")));
    }

    /** The local password of a service database's role: the launcher's rule (PostgresServer.password). */
    String databasePassword(String database) {
        String env = System.getenv(database.toUpperCase() + "_DB_PASSWORD");
        return env == null || env.isBlank() ? database : env;
    }

    /** Service name → base URL, from the ready file's {@code <svc>-service.url} facts. */
    Map<String, String> urls() {
        Map<String, String> urls = new LinkedHashMap<>();
        facts.forEach((k, v) -> {
            if (k.endsWith("-service.url")) {
                urls.put(k.substring(0, k.length() - "-service.url".length()), v);
            }
        });
        return urls;
    }

    /** Closes the launcher's stdin (it stops services, relay, Kafka, PostgreSQL) and waits for it, at most 90 s. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroy();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
        }
    }

    Path log() {
        return log;
    }
}
