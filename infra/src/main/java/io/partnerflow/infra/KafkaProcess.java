package io.partnerflow.infra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Kafka broker as its OWN process ({@code Main kafka …}, same jars), so that fault injection can stop, kill and
 * restart it while producers and consumers keep running — as a broker restart in production. Same port, controller
 * port and log directory across restarts; the child exits when its standard input closes (the launcher died).
 */
final class KafkaProcess implements KafkaBroker {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaProcess.class);

    private final Path logDir;
    private final int port;
    private final int controllerPort;
    private volatile Process process;

    private KafkaProcess(Path logDir, int port, int controllerPort) {
        this.logDir = logDir;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    static KafkaProcess start(Path logDir, int port) throws Exception {
        return Ports.startOnFreePorts("the Kafka broker process", port, 0, (p, controller) -> {
            KafkaProcess k = new KafkaProcess(logDir, p, controller);
            k.launch();
            return k;
        });
    }

    @Override
    public String bootstrapServers() {
        return "localhost:" + port;
    }

    /** The broker's process id (for reports). */
    long pid() {
        return process.pid();
    }

    /** A clean restart: SIGTERM (controlled shutdown), wait, start again on the same port and log directory. */
    void restart() throws IOException, InterruptedException {
        stop(false);
        launch();
    }

    /** SIGKILL, then start again: the broker recovers its logs (they are flushed per message). */
    void crashRestart() throws IOException, InterruptedException {
        stop(true);
        launch();
    }

    private void launch() throws IOException, InterruptedException {
        Files.createDirectories(logDir);
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = List.of(java, "-Xmx512m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "kafka", "--log-dir", logDir.toAbsolutePath().toString(),
                "--kafka-port", String.valueOf(port), "--controller-port", String.valueOf(controllerPort));
        Path log = logDir.resolveSibling("kafka-broker.log");
        process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!answers() || !process.isAlive()) { // alive: the answer came from our child, not a broker on a taken port
            if (!process.isAlive()) {
                throw new IllegalStateException("the Kafka broker process exited with " + process.exitValue() + "; see " + log);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the Kafka broker did not answer within 120 s; see " + log);
            }
            Thread.sleep(250);
        }
        LOG.info("Kafka broker process {} listening on {}", process.pid(), bootstrapServers());
    }

    private boolean answers() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
            // ready = the contract's topics are there (the child creates them before it reports ready)
            return admin.listTopics().names().get(3, TimeUnit.SECONDS).containsAll(KafkaServer.TOPICS);
        } catch (Exception notYet) {
            return false;
        }
    }

    private void stop(boolean kill) throws InterruptedException {
        Process p = process;
        if (p == null || !p.isAlive()) {
            return;
        }
        if (kill) {
            p.destroyForcibly();
        } else {
            p.destroy();
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() {
        try {
            stop(false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** {@code Main kafka}: run one broker in this JVM until SIGTERM or until standard input closes. */
    static void runChild(Path logDir, int port, int controllerPort) throws Exception {
        KafkaServer server = KafkaServer.start(logDir, port, controllerPort);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "kafka-shutdown"));
        Main.exitOnStdinEof();
        System.out.println("kafka broker ready on " + server.bootstrapServers());
        new java.util.concurrent.CountDownLatch(1).await();
    }
}
