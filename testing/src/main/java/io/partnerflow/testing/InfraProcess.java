package io.partnerflow.testing;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Starts {@code infra/target/partnerflow-infra.jar} as a child process (real PostgreSQL, real KRaft
 * Kafka, the Debezium outbox relay) and waits for its ready file. The child watches its stdin: if this
 * JVM dies without stopping it, the pipe closes and the child stops itself — no stray processes.
 */
public final class InfraProcess implements AutoCloseable {
    private final Process process;
    private final Properties facts;
    private final Path log;

    private InfraProcess(Process process, Properties facts, Path log) {
        this.process = process;
        this.facts = facts;
        this.log = log;
    }

    /** The repository root: from the build ({@code repo.root}) or found upwards from the working dir. */
    public static Path repoRoot() {
        String prop = System.getProperty("repo.root");
        if (prop != null && Files.exists(Path.of(prop, "infra"))) {
            return Path.of(prop).toAbsolutePath();
        }
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("infra").resolve("pom.xml"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find the repository root (no infra/pom.xml above " + Path.of("").toAbsolutePath() + ")");
        }
        return p;
    }

    public static Path infraJar() {
        Path jar = repoRoot().resolve("infra/target/partnerflow-infra.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (./mvnw -pl infra -am package -DskipTests)");
        }
        return jar;
    }

    public static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** Starts the infrastructure command {@code args} in {@code workDir}; blocks until it is ready. */
    public static InfraProcess start(Path workDir, List<String> args, long timeoutSeconds) throws IOException, InterruptedException {
        return startIn(workDir, workDir, args, timeoutSeconds);
    }

    /** Like {@link #start} but runs the process in {@code processDir} (the launcher needs the repo root). */
    public static InfraProcess startIn(Path processDir, Path workDir, List<String> args, long timeoutSeconds)
            throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path ready = workDir.resolve("ready.properties");
        Files.deleteIfExists(ready);
        Path log = workDir.resolve("infra.log");
        List<String> cmd = new ArrayList<>(List.of(javaExecutable(), "-Xmx512m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-jar", infraJar().toString()));
        cmd.addAll(args);
        cmd.addAll(List.of("--exit-on-stdin-eof", "--ready-file", ready.toString()));
        Process p = new ProcessBuilder(cmd).directory(processDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (!Files.exists(ready)) {
            if (!p.isAlive()) {
                throw new IllegalStateException("infrastructure exited with " + p.exitValue() + ":\n" + tail(log));
            }
            if (System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new IllegalStateException("infrastructure not ready after " + timeoutSeconds + " s:\n" + tail(log));
            }
            Thread.sleep(100);
        }
        Properties facts = new Properties();
        try (InputStream in = new FileInputStream(ready.toFile())) {
            facts.load(in);
        }
        return new InfraProcess(p, facts, log);
    }

    /** The launcher process (its descendants are the services and PostgreSQL). */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    public String fact(String key) {
        String v = facts.getProperty(key);
        if (v == null) {
            throw new IllegalStateException("infrastructure did not report " + key + "; facts: " + facts);
        }
        return v;
    }

    public Properties facts() {
        return facts;
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close(); // stdin EOF → orderly shutdown
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
        }
    }

    public static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
