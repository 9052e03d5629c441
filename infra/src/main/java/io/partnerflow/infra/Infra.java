package io.partnerflow.infra;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * PostgreSQL + Kafka + outbox relay, started in that order and stopped in reverse. With
 * {@code --external-postgres-port}/{@code --external-kafka} (containers started by the testing module's
 * Testcontainers provider) only the relay runs here: PostgreSQL on localhost:port with superuser
 * postgres/postgres and the service databases already created, Kafka at the given bootstrap servers.
 */
public final class Infra implements AutoCloseable {
    /** Partitions of every topic the local broker creates (a copy's consumers per channel: one per partition). */
    public static final int TOPIC_PARTITIONS = KafkaServer.PARTITIONS;

    private static final Logger LOG = LoggerFactory.getLogger(Infra.class);

    private final PostgresServers postgres;
    private final KafkaBroker kafka;
    private volatile OutboxRelay relay;
    private final List<OutboxRelay> replayRelays = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final InfraOptions options;

    private Infra(InfraOptions options, PostgresServers postgres, KafkaBroker kafka, OutboxRelay relay) {
        this.options = options;
        this.postgres = postgres;
        this.kafka = kafka;
        this.relay = relay;
    }

    public static Infra start(InfraOptions o) throws Exception {
        long t0 = System.nanoTime();
        if (o.clean) {
            deleteRecursively(o.stateDir);
        }
        Files.createDirectories(o.stateDir);
        if (o.externalKafka != null) {
            OutboxRelay relay = OutboxRelay.start(o.externalKafka, db -> o.externalPostgresPort, o.databases,
                    o.stateDir.resolve("relay"), "");
            LOG.info("relay for external PostgreSQL/Kafka ready in {} ms", (System.nanoTime() - t0) / 1_000_000);
            return new Infra(o, null, null, relay);
        }
        PostgresServers pg = null;
        KafkaBroker kafka = null;
        try {
            pg = PostgresServers.start(o.stateDir.resolve("postgres"), o.postgresPort, o.databases, o.durable);
            kafka = o.kafkaProcess ? KafkaProcess.start(o.stateDir.resolve("kafka"), o.kafkaPort)
                    : KafkaServer.start(o.stateDir.resolve("kafka"), o.kafkaPort);
            OutboxRelay relay = OutboxRelay.start(kafka.bootstrapServers(), pg::port, o.databases,
                    o.stateDir.resolve("relay"), "");
            LOG.info("infrastructure ready in {} ms", (System.nanoTime() - t0) / 1_000_000);
            return new Infra(o, pg, kafka, relay);
        } catch (Exception e) {
            if (kafka != null) {
                kafka.close();
            }
            if (pg != null) {
                pg.close();
            }
            throw e;
        }
    }

    /** The port of the PostgreSQL server holding the first database (all of them with external PostgreSQL). */
    public int postgresPort() {
        return postgresPort(options.databases.get(0));
    }

    /** The port of the PostgreSQL server holding {@code database}: one server per database locally (ADR 0007). */
    public int postgresPort(String database) {
        return postgres == null ? options.externalPostgresPort : postgres.port(database);
    }

    /** The local password of a service database's role (local runs only). */
    public String databasePassword(String database) {
        return PostgresServer.password(database);
    }

    public String kafkaBootstrapServers() {
        return kafka == null ? options.externalKafka : kafka.bootstrapServers();
    }

    // ------------------------------------------------------------------ fault injection hooks

    /** Restarts the Kafka broker (its own process: {@code --kafka-process}); {@code crash} = SIGKILL instead of SIGTERM. */
    public void restartKafka(boolean crash) throws IOException, InterruptedException {
        if (!(kafka instanceof KafkaProcess k)) {
            throw new IllegalStateException("the broker runs inside this JVM; start with --kafka-process to restart it");
        }
        if (crash) {
            k.crashRestart();
        } else {
            k.restart();
        }
    }

    /** Crashes PostgreSQL (immediate shutdown) and starts it again on the same port and data; returns how long it was away, in ms. */
    public long crashRestartPostgres() throws IOException, InterruptedException {
        return postgres.crashRestart();
    }

    /** Stops the outbox relay: outbox rows accumulate in the services' databases until {@link #startRelay()}. */
    public synchronized void stopRelay() {
        if (relay != null) {
            relay.close();
            relay = null;
        }
    }

    /** Starts the outbox relay again; it resumes from its stored offsets (the replication slots kept the WAL). */
    public synchronized void startRelay() throws Exception {
        if (relay == null) {
            relay = OutboxRelay.start(kafkaBootstrapServers(), this::postgresPort, options.databases,
                    options.stateDir.resolve("relay"), "");
        }
    }

    /** Creates more service databases (and their roles), e.g. fresh ones to replay the topics into. */
    public void ensureDatabases(List<String> names) throws Exception {
        postgres.ensureDatabases(names);
    }

    /**
     * Relays the outbox of extra databases to topics prefixed with {@code topicPrefix} (e.g. {@code replay.}), so a
     * second copy of a service can publish without mixing its events into the real topics.
     */
    public void relayTo(List<String> databases, String topicPrefix) throws Exception {
        replayRelays.add(OutboxRelay.start(kafka.bootstrapServers(), postgres::port, databases,
                options.stateDir.resolve("relay-" + topicPrefix.replaceAll("[^a-z0-9]", "")), topicPrefix));
    }

    /** Connection facts, as printed on the ready line and written to the ready file. */
    public Map<String, String> facts() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("postgres.port", String.valueOf(postgresPort()));
        for (String db : options.databases) {
            m.put("postgres.port." + db, String.valueOf(postgresPort(db)));
        }
        m.put("kafka.bootstrap.servers", kafkaBootstrapServers());
        m.put("databases", String.join(",", options.databases));
        return m;
    }

    @Override
    public void close() {
        long t0 = System.nanoTime();
        long t1 = t0;
        long t2 = t0;
        try {
            replayRelays.forEach(OutboxRelay::close);
            stopRelay();
        } finally {
            t1 = System.nanoTime();
            try {
                if (kafka != null) {
                    kafka.close();
                }
            } finally {
                t2 = System.nanoTime();
                if (postgres != null) {
                    postgres.close(); // whatever failed before it
                }
            }
        }
        LOG.info("infrastructure stopped: relay {} ms, Kafka {} ms, PostgreSQL {} ms", (t1 - t0) / 1_000_000,
                (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
