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
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The whole system on one machine: infrastructure in this JVM, then each service as its own process
 * from its packaged jar (as in production), each pointed at its own database. Waits until every
 * service reports ready, prints the URLs, and on Ctrl-C (or stdin EOF with --exit-on-stdin-eof) stops
 * the services, then the relay, Kafka and PostgreSQL.
 */
public final class Launcher {
    private static final Logger LOG = LoggerFactory.getLogger(Launcher.class);
    public static final List<String> SERVICES = List.of("partner", "deal", "attribution", "incentive", "payout", "analytics");
    /** The web portal: started after the services (it is given their URLs), on port 8080 (or a free one). */
    public static final String PORTAL = "portal";
    private static final int PORTAL_PORT = 8080;

    private final InfraOptions options;
    private final Path root;
    private final List<Process> processes = new ArrayList<>();
    private final List<Process> copies = new ArrayList<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Infra infra;
    private Path publicKey;
    private volatile Process portal;
    private int portalPort;
    private volatile boolean stopping;
    private final Set<String> restarting = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> restarts = new java.util.concurrent.ConcurrentHashMap<>();

    private Launcher(InfraOptions options, Path root) {
        this.options = options;
        this.root = root;
    }

    static void run(InfraOptions o) throws Exception {
        Launcher launcher = start(o);
        launcher.awaitStop();
    }

    /**
     * Starts the infrastructure and the six services, waits until all are healthy, prints the banner, plays the
     * demo when asked, announces readiness — and returns; {@link #awaitStop()} blocks until Ctrl-C / stdin EOF.
     * Benchmarks and fault-injection runs use the returned handle to kill and restart services.
     */
    public static Launcher start(InfraOptions o) throws Exception {
        Path root = Path.of("").toAbsolutePath();
        Launcher launcher = new Launcher(o, root);
        launcher.checkJars();
        long t0 = System.nanoTime();
        Infra infra = Infra.start(o);
        launcher.infra = infra;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            long stop0 = System.nanoTime();
            launcher.stopServices();
            LOG.info("services stopped in {} ms", (System.nanoTime() - stop0) / 1_000_000);
            infra.close();
            launcher.stopped.countDown();
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
        launcher.publicKey = DevTokens.publicKey(keys);
        Map<String, Integer> ports = launcher.startServices(infra);
        launcher.awaitHealthy(ports, Duration.ofSeconds(240));
        boolean portal = launcher.startPortal(Duration.ofSeconds(120));
        long ms = (System.nanoTime() - t0) / 1_000_000;

        Map<String, String> facts = new LinkedHashMap<>(infra.facts());
        if (portal) {
            facts.put("portal.url", "http://localhost:" + launcher.portalPort);
        }
        ports.forEach((svc, port) -> facts.put(svc + "-service.url", "http://localhost:" + port));
        facts.put("startup.ms", String.valueOf(ms));
        StringBuilder banner = new StringBuilder("\nPartnerflow is up (" + ms + " ms). Ctrl-C stops everything.\n");
        banner.append(portal
                ? String.format("  %-20s http://localhost:%d   (sign in as a demo user: partners, channel manager, finance, admin)%n", "PORTAL", launcher.portalPort)
                : "  PORTAL               not built (portal/target/quarkus-app/quarkus-run.jar missing: ./mvnw -DskipTests package)\n");
        ports.forEach((svc, port) -> banner.append(String.format("  %-20s http://localhost:%d   swagger: http://localhost:%d/q/swagger-ui   health: /q/health   metrics: /q/metrics%n",
                svc + "-service", port, port, port)));
        banner.append("  Kafka                ").append(infra.kafkaBootstrapServers()).append('\n');
        banner.append("  PostgreSQL           ").append(o.databases.stream()
                .map(db -> db + " localhost:" + infra.postgresPort(db)).collect(java.util.stream.Collectors.joining(", ")))
                .append(" (a server per service database: ADR 0007)\n");
        banner.append("  Logs                 ").append(o.stateDir.resolve("logs")).append('\n');
        banner.append("  Dev token            java -jar infra/target/partnerflow-infra.jar token --role admin\n");
        banner.append("  Signed CRM webhooks  source '").append(Demo.WEBHOOK_SOURCE).append("', secret in ")
                .append(o.stateDir.resolve(DemoRun.SECRET_FILE)).append(" (docs/crm-webhooks.md)\n");
        System.out.println(banner);
        if (o.demo) {
            DemoRun.playOnce(o, launcher.urls(), infra.kafkaBootstrapServers(), webhookSecret);
        }
        launcher.supervise();
        Main.announceReady(o, facts);
        return launcher;
    }

    /**
     * Restarts a service process that died (crash, OOM, kill -9), as Kubernetes' restartPolicy would; the
     * fault-injection tests rely on it. Stops when the platform shuts down.
     */
    private void supervise() {
        Thread t = new Thread(() -> {
            while (stopped.getCount() > 0 && !stopping) {
                supervisePortal();
                for (String svc : SERVICES) {
                    Process p;
                    synchronized (this) {
                        p = process(svc);
                    }
                    if (!p.isAlive() && !stopping && !restarting.contains(svc)) {
                        LOG.warn("{}-service exited with {}; restarting it", svc, p.exitValue());
                        try {
                            restart(svc);
                            restarts.merge(svc, 1, Integer::sum);
                        } catch (Exception e) {
                            LOG.error("could not restart {}-service", svc, e);
                        }
                    }
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "partnerflow-supervisor");
        t.setDaemon(true);
        t.start();
    }

    private void supervisePortal() {
        Process p = portal;
        if (p != null && !p.isAlive() && !stopping) {
            LOG.warn("portal exited with {}; restarting it", p.exitValue());
            try {
                startPortalProcess(portalPort);
                awaitPortalReady(Duration.ofSeconds(120));
                restarts.merge(PORTAL, 1, Integer::sum);
            } catch (Exception e) {
                LOG.error("could not restart the portal", e);
            }
        }
    }

    /**
     * Starts the portal (when its jar is built) with the services' URLs, the local demo sign-in enabled (this is the
     * local run command) and the dev key directory; waits until it is ready. False when the portal is not built.
     */
    private boolean startPortal(Duration timeout) throws IOException, InterruptedException {
        if (!Files.exists(portalJar())) {
            LOG.warn("{} is missing: the portal is not started", portalJar());
            return false;
        }
        ServiceStart start = startPortalProcess(options.serviceBasePort == 0 ? 0 : PORTAL_PORT);
        portalPort = start.awaitPort(timeout);
        awaitPortalReady(timeout);
        LOG.info("portal listens on port {}", portalPort);
        return true;
    }

    private ServiceStart startPortalProcess(int port) throws IOException {
        Path logs = options.stateDir.resolve("logs");
        Path portFile = logs.resolve(PORTAL + ".port");
        Files.deleteIfExists(portFile);
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(Arrays.asList(options.serviceJvmOptions.trim().split("\\s+")));
        cmd.add("-jar");
        cmd.add(portalJar().toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(PORTAL + ".log").toFile()));
        Map<String, String> env = pb.environment();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        urls().forEach((svc, url) -> env.put(toEnvName("partnerflow.portal.services." + svc), url));
        env.put(toEnvName("partnerflow.portal.local-sign-in"), "true"); // the local run only: demo users, dev key
        env.put(toEnvName("partnerflow.portal.keys-dir"), options.stateDir.resolve("keys").toAbsolutePath().toString());
        env.put("PARTNERFLOW_PARENT_PID", Long.toString(ProcessHandle.current().pid()));
        env.put("PARTNERFLOW_PORT_FILE", portFile.toAbsolutePath().toString());
        ServiceStart start = new ServiceStart(PORTAL, pb.start(), port, portFile, logs.resolve(PORTAL + ".log"));
        portal = start.process();
        return start;
    }

    private void awaitPortalReady(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        Path log = options.stateDir.resolve("logs").resolve(PORTAL + ".log");
        while (!ready(http, portalPort, PORTAL, PORTAL)) {
            if (!portal.isAlive()) {
                throw new IllegalStateException(ServiceStart.describeExit(PORTAL, portal, log));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("portal not ready after " + timeout.toSeconds() + " s; last lines of " + log
                        + ":\n" + ServiceStart.tail(log, 20));
            }
            Thread.sleep(250);
        }
    }

    private Path portalJar() {
        return root.resolve("portal/target/quarkus-app/quarkus-run.jar");
    }

    /** The portal's base URL, or null when it is not running. */
    public String portalUrl() {
        return portal == null ? null : "http://localhost:" + portalPort;
    }

    /** How many times the supervisor restarted each service. */
    public Map<String, Integer> restarts() {
        return Map.copyOf(restarts);
    }

    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    public Infra infra() {
        return infra;
    }

    public InfraOptions options() {
        return options;
    }

    /** service short name ({@code partner}…) → base URL. */
    public Map<String, String> urls() {
        Map<String, String> urls = new LinkedHashMap<>();
        ports.forEach((svc, port) -> urls.put(svc, "http://localhost:" + port));
        return urls;
    }

    /** The service's current process (for CPU accounting). */
    public Process process(String svc) {
        return processes.get(SERVICES.indexOf(svc));
    }

    /** Fault injection: SIGKILL, no shutdown hooks, no graceful close (kill -9). */
    public void kill9(String svc) throws InterruptedException {
        Process p = process(svc);
        p.destroyForcibly();
        p.waitFor(20, TimeUnit.SECONDS);
    }

    /** Starts the service again (same port, database and config) and waits until it is ready. */
    public void restart(String svc) throws IOException, InterruptedException {
        restarting.add(svc);
        try {
            Process p = process(svc);
            if (p.isAlive()) {
                p.destroy();
                p.waitFor(20, TimeUnit.SECONDS);
            }
            // the same port as before: callers hold this service's URL
            ServiceStart start = startService(svc, ports.get(svc), svc, svc + "-service", Map.of());
            synchronized (this) {
                processes.set(SERVICES.indexOf(svc), start.process());
            }
            awaitHealthy(Map.of(svc, ports.get(svc)), Duration.ofSeconds(120));
        } finally {
            restarting.remove(svc);
        }
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

    /**
     * Starts every service at once. With free ports ({@code --service-base-port 0}) each service binds port 0 itself
     * and reports the port it got through a file ({@link ServiceStart}): no probe-then-close race can hand two services
     * the same port. A service that exits before it listens fails the start with its name and the end of its log.
     */
    private Map<String, Integer> startServices(Infra infra) throws IOException, InterruptedException {
        Files.createDirectories(options.stateDir.resolve("logs"));
        Map<String, ServiceStart> starts = new LinkedHashMap<>();
        for (int i = 0; i < SERVICES.size(); i++) {
            String svc = SERVICES.get(i);
            int port = options.serviceBasePort == 0 ? 0 : options.serviceBasePort + i;
            ServiceStart start = startService(svc, port, svc, svc + "-service", Map.of());
            starts.put(svc, start);
            processes.add(start.process());
        }
        ports.putAll(awaitPorts(starts, Duration.ofSeconds(240)));
        return ports;
    }

    /**
     * Waits for every service's port at once: whichever service exits first fails the start at that moment, not
     * after the services started before it in the list have come up.
     */
    static Map<String, Integer> awaitPorts(Map<String, ServiceStart> starts, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Integer> ports = new LinkedHashMap<>(); // in the services' order, as the banner lists them
        starts.keySet().forEach(svc -> ports.put(svc, null));
        while (true) {
            for (Map.Entry<String, ServiceStart> e : starts.entrySet()) {
                Integer port = ports.get(e.getKey()) == null ? e.getValue().portIfListening() : null;
                if (port != null) {
                    ports.put(e.getKey(), port);
                    LOG.info("{}-service listens on port {}", e.getKey(), port);
                }
            }
            if (!ports.containsValue(null)) {
                return ports;
            }
            if (System.nanoTime() > deadline) {
                String first = ports.entrySet().stream().filter(p -> p.getValue() == null).findFirst().orElseThrow().getKey();
                throw starts.get(first).failure("did not listen within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }

    /** A copy whose process is started; {@link #awaitReady} gives its base URL once it answers (several start at once). */
    public interface Copy {
        String awaitReady() throws InterruptedException;
    }

    /**
     * Starts one more copy of a service on its own database and a free port (the fault-injection replay runs
     * attribution, incentive and payout a second time on fresh databases), without waiting for it: {@link Copy#awaitReady}
     * gives its base URL. {@code config} is added on top of the service's usual configuration (e.g. other consumer
     * groups and topics). It is stopped with everything else.
     */
    public Copy launchCopy(String svc, String database, Map<String, String> config) throws IOException {
        ServiceStart start = startService(svc, 0, database, svc + "-service-" + database, config);
        synchronized (this) {
            copies.add(start.process());
        }
        return () -> awaitReady(start, svc);
    }

    private String awaitReady(ServiceStart start, String svc) throws InterruptedException {
        int port = start.awaitPort(Duration.ofSeconds(180));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        while (!ready(http, port, svc)) {
            if (!start.process().isAlive() || System.nanoTime() > deadline) {
                throw start.failure("did not become ready");
            }
            Thread.sleep(250);
        }
        return "http://localhost:" + port;
    }

    /** Port 0 = the service binds a free port itself and writes it to its port file. */
    private ServiceStart startService(String svc, int port, String database, String logName, Map<String, String> config)
            throws IOException {
        Path logs = options.stateDir.resolve("logs");
        Path portFile = logs.resolve(logName + ".port");
        Files.deleteIfExists(portFile);
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(Arrays.asList(options.serviceJvmOptions.trim().split("\\s+")));
        // exact property names as system properties: an environment variable cannot say whether MP_..._PARTNER_EVENTS_...
        // is channel "partner-events" or "partner" unless the service already has the property (a new key failed)
        config.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-jar");
        cmd.add(jar(svc).toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(logName + ".log").toFile()));
        Map<String, String> env = pb.environment();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://localhost:" + infra.postgresPort(database) + "/" + database);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:" + infra.postgresPort(database) + "/" + database);
        env.put("QUARKUS_DATASOURCE_USERNAME", database);
        env.put("QUARKUS_DATASOURCE_PASSWORD", PostgresServer.password(database));
        env.put("KAFKA_BOOTSTRAP_SERVERS", infra.kafkaBootstrapServers());
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", publicKey.toString());
        env.put("PARTNERFLOW_PARENT_PID", Long.toString(ProcessHandle.current().pid())); // no orphans if we are killed
        env.put("PARTNERFLOW_PORT_FILE", portFile.toAbsolutePath().toString());
        for (String kv : options.extraServiceConfig) {
            int eq = kv.indexOf('=');
            env.put(toEnvName(kv.substring(0, eq)), kv.substring(eq + 1));
        }
        return new ServiceStart(svc + "-service", pb.start(), port, portFile, logs.resolve(logName + ".log"));
    }

    /** MicroProfile Config's environment-variable name for a property. */
    static String toEnvName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }

    /**
     * Waits until each service answers ready AND names itself (a port mixed up between services fails loudly); a
     * service that exits meanwhile fails the wait at once with its name and the end of its log.
     */
    private void awaitHealthy(Map<String, Integer> awaited, Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> pending = new ArrayList<>(awaited.keySet());
        while (!pending.isEmpty()) {
            for (String svc : pending) {
                Process p = process(svc);
                if (!p.isAlive()) {
                    throw new IllegalStateException(ServiceStart.describeExit(svc + "-service", p, log(svc)));
                }
            }
            pending.removeIf(svc -> ready(http, awaited.get(svc), svc));
            if (pending.isEmpty()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                String svc = pending.get(0);
                throw new IllegalStateException("not healthy after " + timeout.toSeconds() + " s: " + pending
                        + "; last lines of " + log(svc) + ":\n" + ServiceStart.tail(log(svc), 20));
            }
            Thread.sleep(250);
        }
    }

    private Path log(String svc) {
        return options.stateDir.resolve("logs").resolve(svc + "-service.log");
    }

    /** Whether the service answers {@code /q/health/ready} with 200, naming itself, right now. */
    public boolean ready(String svc) {
        return ready(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build(), ports.get(svc), svc);
    }

    private static boolean ready(HttpClient http, int port, String svc) {
        return ready(http, port, svc, svc + "-service");
    }

    private static boolean ready(HttpClient http, int port, String svc, String expectedName) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return false;
            }
            String name = ServiceStart.serviceName(r.body());
            if (!expectedName.equals(name)) {
                throw new IllegalStateException("port " + port + " should be " + expectedName + " but answers as " + name);
            }
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void stopServices() {
        stopping = true;
        List<Process> all = new ArrayList<>(processes);
        if (portal != null) {
            all.add(portal);
        }
        synchronized (this) {
            all.addAll(copies);
        }
        for (Process p : all) {
            p.destroy(); // SIGTERM: Quarkus shuts down gracefully
        }
        for (Process p : all) {
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
