package io.partnerflow.infra;

import io.partnerflow.infra.demo.Demo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The whole system on one machine: infrastructure in this JVM, then each service as its own process
 * from its packaged jar (as in production), each pointed at its own database. Waits until every
 * service reports ready, prints the URLs, and on Ctrl-C (or stdin EOF with --exit-on-stdin-eof) stops
 * the services, then the relay, Kafka and PostgreSQL.
 */
final class Launcher {
    private static final Logger LOG = LoggerFactory.getLogger(Launcher.class);
    static final List<String> SERVICES = List.of("partner", "deal", "attribution", "incentive", "payout");

    private final InfraOptions options;
    private final Path root;
    private final List<Process> processes = new ArrayList<>();

    private Launcher(InfraOptions options, Path root) {
        this.options = options;
        this.root = root;
    }

    static void run(InfraOptions o) throws Exception {
        Path root = Path.of("").toAbsolutePath();
        Launcher launcher = new Launcher(o, root);
        launcher.checkJars();
        long t0 = System.nanoTime();
        Infra infra = Infra.start(o);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            launcher.stopServices();
            infra.close();
            stopped.countDown();
        }, "partnerflow-shutdown"));
        if (o.exitOnStdinEof) {
            Main.exitOnStdinEof();
        }
        Path keys = o.stateDir.resolve("keys");
        DevTokens.ensureKeys(keys);
        String webhookSecret = DemoRun.webhookSecret(o.stateDir);
        o.extraServiceConfig.add(0, "deal.webhooks.generic." + Demo.WEBHOOK_SOURCE + ".secrets=" + webhookSecret);
        if (o.demo) {
            // the demo replays history by moving the services' clocks (PUT /admin/clock); never in production
            o.extraServiceConfig.add(0, "partnerflow.clock.adjustable=true");
        }
        Map<String, Integer> ports = launcher.startServices(infra, DevTokens.publicKey(keys));
        launcher.awaitHealthy(ports, Duration.ofSeconds(240));
        long ms = (System.nanoTime() - t0) / 1_000_000;

        Map<String, String> facts = new LinkedHashMap<>(infra.facts());
        ports.forEach((svc, port) -> facts.put(svc + "-service.url", "http://localhost:" + port));
        facts.put("startup.ms", String.valueOf(ms));
        StringBuilder banner = new StringBuilder("\nPartnerflow is up (" + ms + " ms). Ctrl-C stops everything.\n");
        ports.forEach((svc, port) -> banner.append(String.format("  %-20s http://localhost:%d   swagger: http://localhost:%d/q/swagger-ui   health: /q/health   metrics: /q/metrics%n",
                svc + "-service", port, port, port)));
        banner.append("  Kafka                ").append(infra.kafkaBootstrapServers()).append('\n');
        banner.append("  PostgreSQL           localhost:").append(infra.postgresPort()).append(" (one database per service)\n");
        banner.append("  Logs                 ").append(o.stateDir.resolve("logs")).append('\n');
        banner.append("  Dev token            java -jar infra/target/partnerflow-infra.jar token --role admin\n");
        banner.append("  Signed CRM webhooks  source '").append(Demo.WEBHOOK_SOURCE).append("', secret in ")
                .append(o.stateDir.resolve(DemoRun.SECRET_FILE)).append(" (docs/crm-webhooks.md)\n");
        System.out.println(banner);
        if (o.demo) {
            Map<String, String> urls = new LinkedHashMap<>();
            ports.forEach((svc, port) -> urls.put(svc, "http://localhost:" + port));
            DemoRun.playOnce(o, urls, infra.kafkaBootstrapServers(), webhookSecret);
        }
        Main.announceReady(o, facts);
        stopped.await();
    }

    private Path jar(String svc) {
        return root.resolve(svc + "-service/target/quarkus-app/quarkus-run.jar");
    }

    private void checkJars() {
        for (String svc : SERVICES) {
            if (!Files.exists(jar(svc))) {
                throw new IllegalStateException(jar(svc) + " is missing; build first: ./mvnw -DskipTests package");
            }
        }
    }

    private Map<String, Integer> startServices(Infra infra, Path publicKey) throws IOException {
        Path logs = options.stateDir.resolve("logs");
        Files.createDirectories(logs);
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (int i = 0; i < SERVICES.size(); i++) {
            String svc = SERVICES.get(i);
            int port = options.serviceBasePort == 0 ? Ports.resolve(0) : options.serviceBasePort + i;
            ports.put(svc, port);
            List<String> cmd = new ArrayList<>();
            cmd.add(ProcessHandle.current().info().command().orElse("java"));
            cmd.addAll(Arrays.asList(options.serviceJvmOptions.trim().split("\\s+")));
            cmd.add("-jar");
            cmd.add(jar(svc).toString());
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(svc + "-service.log").toFile()));
            Map<String, String> env = pb.environment();
            env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
            env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://localhost:" + infra.postgresPort() + "/" + svc);
            env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:" + infra.postgresPort() + "/" + svc);
            env.put("QUARKUS_DATASOURCE_USERNAME", svc);
            env.put("QUARKUS_DATASOURCE_PASSWORD", PostgresServer.password(svc));
            env.put("KAFKA_BOOTSTRAP_SERVERS", infra.kafkaBootstrapServers());
            env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", publicKey.toString());
            for (String kv : options.extraServiceConfig) {
                int eq = kv.indexOf('=');
                env.put(toEnvName(kv.substring(0, eq)), kv.substring(eq + 1));
            }
            processes.add(pb.start());
            LOG.info("started {}-service on port {}", svc, port);
        }
        return ports;
    }

    /** MicroProfile Config's environment-variable name for a property. */
    static String toEnvName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }

    private void awaitHealthy(Map<String, Integer> ports, Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> pending = new ArrayList<>(ports.keySet());
        while (!pending.isEmpty()) {
            for (int i = 0; i < SERVICES.size(); i++) {
                if (!processes.get(i).isAlive()) {
                    throw new IllegalStateException(SERVICES.get(i) + "-service exited with " + processes.get(i).exitValue()
                            + "; see " + options.stateDir.resolve("logs").resolve(SERVICES.get(i) + "-service.log"));
                }
            }
            pending.removeIf(svc -> ready(http, ports.get(svc)));
            if (pending.isEmpty()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not healthy after " + timeout.toSeconds() + " s: " + pending);
            }
            Thread.sleep(250);
        }
    }

    private static boolean ready(HttpClient http, int port) {
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void stopServices() {
        for (Process p : processes) {
            p.destroy(); // SIGTERM: Quarkus shuts down gracefully
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
            }
        }
    }
}
