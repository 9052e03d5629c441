package io.partnerflow.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/** Entry point: {@code run} (whole system), {@code infra} (what tests start), {@code token} (dev JWT). */
public final class Main {
    public static final String READY_MARKER = "PARTNERFLOW-READY";

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.println(InfraOptions.usage());
            return;
        }
        String command = args[0];
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (command) {
            case "infra" -> runInfra(InfraOptions.parse(rest));
            case "run" -> {
                try {
                    Launcher.run(InfraOptions.parse(rest));
                } catch (Exception e) {
                    // Kafka's and PostgreSQL's threads would keep the JVM alive: exit (the shutdown hook stops them)
                    System.err.println("Partnerflow did not start: " + e.getMessage());
                    System.exit(1);
                }
            }
            case "token" -> token(rest);
            case "backtest" -> backtest(rest);
            case "kafka" -> kafka(rest);
            default -> {
                System.err.println("unknown command " + command + "\n" + InfraOptions.usage());
                System.exit(2);
            }
        }
    }

    /** backtest [--state-dir DIR] [--analytics-url URL] [--through 2026-Q3]: prints analytics-service's backtest. */
    private static void backtest(String[] args) throws Exception {
        java.nio.file.Path stateDir = java.nio.file.Path.of(".partnerflow/data");
        String url = "http://localhost:8086";
        String through = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--state-dir" -> stateDir = java.nio.file.Path.of(args[++i]);
                case "--analytics-url" -> url = args[++i];
                case "--through" -> through = args[++i];
                default -> throw new IllegalArgumentException("unknown option: " + args[i] + "\n" + InfraOptions.usage());
            }
        }
        io.partnerflow.infra.demo.Demo.printBacktest(url, stateDir.resolve("keys"), through, System.out);
    }

    private static void runInfra(InfraOptions o) throws Exception {
        Infra infra = Infra.start(o);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            infra.close();
            stop.countDown();
        }, "infra-shutdown"));
        announceReady(o, infra.facts());
        if (o.exitOnStdinEof) {
            exitOnStdinEof();
        }
        stop.await();
    }

    static void announceReady(InfraOptions o, Map<String, String> facts) throws IOException {
        if (o.readyFile != null) {
            Properties p = new Properties();
            p.putAll(facts);
            Path tmp = o.readyFile.resolveSibling(o.readyFile.getFileName() + ".tmp");
            Files.createDirectories(o.readyFile.toAbsolutePath().getParent());
            try (OutputStream out = Files.newOutputStream(tmp)) {
                p.store(out, "partnerflow infrastructure");
            }
            Files.move(tmp, o.readyFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        StringBuilder line = new StringBuilder(READY_MARKER);
        facts.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
        System.out.println(line);
        System.out.flush();
    }

    /** When the parent (a test JVM, the launcher) dies, its pipe closes: stop everything. */
    static void exitOnStdinEof() {
        Thread t = new Thread(() -> {
            try (InputStream in = System.in) {
                while (in.read() >= 0) {
                    // keep draining
                }
            } catch (IOException ignored) {
                // treat like EOF
            }
            System.exit(0);
        }, "stdin-watch");
        t.setDaemon(true);
        t.start();
    }

    /** The broker alone, as its own process (started by {@link KafkaProcess}; not a user command). */
    private static void kafka(String[] args) throws Exception {
        Path logDir = null;
        int port = 0;
        int controllerPort = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--log-dir" -> logDir = Path.of(args[++i]);
                case "--kafka-port" -> port = Integer.parseInt(args[++i]);
                case "--controller-port" -> controllerPort = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (logDir == null || port == 0 || controllerPort == 0) {
            throw new IllegalArgumentException("kafka needs --log-dir, --kafka-port and --controller-port");
        }
        KafkaProcess.runChild(logDir, port, controllerPort);
    }

    private static void token(String[] args) throws IOException {
        Set<String> roles = new LinkedHashSet<>();
        String sub = "dev-user";
        String partnerId = null;
        long ttl = 60;
        Path stateDir = Path.of(".partnerflow", "data");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--role" -> roles.add(args[++i]);
                case "--sub" -> sub = args[++i];
                case "--partner-id" -> partnerId = args[++i];
                case "--ttl-minutes" -> ttl = Long.parseLong(args[++i]);
                case "--state-dir" -> stateDir = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + InfraOptions.usage());
            }
        }
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("token needs at least one --role (admin, channel-manager, finance, partner)");
        }
        if (roles.contains("partner") && partnerId == null) {
            throw new IllegalArgumentException("a partner token needs --partner-id");
        }
        DevTokens tokens = DevTokens.ensureKeys(stateDir.resolve("keys"));
        System.out.println(tokens.mint(sub, roles, partnerId, Duration.ofMinutes(ttl)));
    }
}
