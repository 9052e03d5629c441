package io.partnerflow.infra;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Command-line options shared by {@code infra} (tests) and {@code run} (the whole system).
 * Port 0 means "pick a free port".
 */
public final class InfraOptions {

    /** The services' JVM flags unless {@code --service-jvm-options} says otherwise (C1 only: docs/benchmarks.md). */
    public static final String DEFAULT_SERVICE_JVM_OPTIONS = "-Xmx160m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k";

    public static final List<String> ALL_DATABASES = List.of("partner", "deal", "attribution", "incentive", "payout", "analytics");

    Path stateDir = Path.of(".partnerflow", "data");
    int postgresPort = 15432;
    int kafkaPort = 19092;
    int serviceBasePort = 8081;
    List<String> databases = ALL_DATABASES;
    boolean clean;
    boolean exitOnStdinEof;
    boolean durable = true;
    Path readyFile;
    String serviceJvmOptions = DEFAULT_SERVICE_JVM_OPTIONS;
    List<String> extraServiceConfig = new ArrayList<>();
    boolean demo;
    boolean kafkaProcess;
    Integer demoDeals;
    Integer demoPartners;
    Long demoSeed;
    /** Containers (testing's Testcontainers provider): PostgreSQL and Kafka run elsewhere; only the relay runs here. */
    int externalPostgresPort;
    String externalKafka;

    public static InfraOptions parse(String[] args) {
        InfraOptions o = new InfraOptions();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--state-dir" -> o.stateDir = Path.of(args[++i]);
                case "--postgres-port" -> o.postgresPort = Integer.parseInt(args[++i]);
                case "--kafka-port" -> o.kafkaPort = Integer.parseInt(args[++i]);
                case "--service-base-port" -> o.serviceBasePort = Integer.parseInt(args[++i]);
                case "--free-ports" -> {
                    o.postgresPort = 0;
                    o.kafkaPort = 0;
                    o.serviceBasePort = 0;
                }
                case "--databases" -> o.databases = Arrays.stream(args[++i].split(",")).map(String::trim)
                        .filter(s -> !s.isEmpty()).toList();
                case "--clean" -> o.clean = true;
                case "--ephemeral" -> {
                    o.clean = true;
                    o.durable = false;
                }
                case "--exit-on-stdin-eof" -> o.exitOnStdinEof = true;
                case "--ready-file" -> o.readyFile = Path.of(args[++i]);
                case "--service-jvm-options" -> o.serviceJvmOptions = args[++i];
                case "--service-config" -> o.extraServiceConfig.add(args[++i]);
                case "--kafka-process" -> o.kafkaProcess = true;
                case "--demo" -> o.demo = true;
                case "--no-demo" -> o.demo = false;
                case "--demo-deals" -> o.demoDeals = Integer.parseInt(args[++i]);
                case "--demo-partners" -> o.demoPartners = Integer.parseInt(args[++i]);
                case "--demo-seed" -> o.demoSeed = Long.parseLong(args[++i]);
                case "--external-postgres-port" -> o.externalPostgresPort = Integer.parseInt(args[++i]);
                case "--external-kafka" -> o.externalKafka = args[++i];
                default -> throw new IllegalArgumentException("unknown option: " + a + "\n" + usage());
            }
        }
        if ((o.externalPostgresPort > 0) != (o.externalKafka != null)) {
            throw new IllegalArgumentException("--external-postgres-port and --external-kafka go together");
        }
        for (String db : o.databases) {
            if (!db.matches("[a-z][a-z0-9_]{0,30}")) {
                throw new IllegalArgumentException("bad database name: " + db);
            }
        }
        return o;
    }

    static String usage() {
        return """
                usage: java -jar infra/target/partnerflow-infra.jar <command> [options]
                commands:
                  run     start Kafka, PostgreSQL, the outbox relay and all six services; Ctrl-C stops all
                  infra   start only Kafka, PostgreSQL and the outbox relay (what the tests use)
                  token   mint a dev JWT: token --role admin [--sub alice] [--partner-id <uuid>] [--ttl-minutes 60]
                  backtest  print analytics-service's backtest of a running system (AUC, MAPE vs naive baselines):
                          backtest [--state-dir DIR] [--analytics-url http://localhost:8086] [--through 2026-Q3]
                options:
                  --state-dir DIR          where data, logs and dev keys live (default .partnerflow/data)
                  --postgres-port N        (default 15432; 0 = free port)
                  --kafka-port N           (default 19092; 0 = free port)
                  --service-base-port N    first service HTTP port (default 8081; 0 = free ports)
                  --free-ports             pick free ports for everything
                  --databases a,b          databases to create and relay (default: all six)
                  --clean                  wipe the state directory first
                  --ephemeral              clean state and skip fsync-grade durability (tests)
                  --exit-on-stdin-eof      stop when standard input closes (parent process died)
                  --ready-file FILE        write connection facts as properties when ready
                  --service-jvm-options S  JVM flags for service processes
                  --service-config k=v     extra config passed to every service (repeatable)
                  --kafka-process          run the Kafka broker as its own process (fault injection restarts it)
                  --demo / --no-demo       play the demo (sample program + generated CRM history) once on fresh
                                           state (./run.sh passes --demo; --no-demo after it wins)
                  --demo-deals N           deals in the generated history (default 2000)
                  --demo-partners N        partners (default 40)
                  --demo-seed N            the generator's seed (default 42): same seed, same CRM ids and amounts
                  --external-postgres-port N, --external-kafka HOST:PORT
                                           infra only: PostgreSQL (superuser postgres/postgres, databases made)
                                           and Kafka run elsewhere (test containers); start only the relay
                """;
    }

    public Path stateDir() {
        return stateDir;
    }

    public List<String> databases() {
        return databases;
    }
}
