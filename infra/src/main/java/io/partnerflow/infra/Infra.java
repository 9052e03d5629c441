package io.partnerflow.infra;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** PostgreSQL + Kafka + outbox relay, started in that order and stopped in reverse. */
public final class Infra implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Infra.class);

    private final PostgresServer postgres;
    private final KafkaServer kafka;
    private final OutboxRelay relay;
    private final InfraOptions options;

    private Infra(InfraOptions options, PostgresServer postgres, KafkaServer kafka, OutboxRelay relay) {
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
        PostgresServer pg = null;
        KafkaServer kafka = null;
        try {
            pg = PostgresServer.start(o.stateDir.resolve("postgres"), o.postgresPort, o.durable);
            pg.ensureDatabases(o.databases);
            kafka = KafkaServer.start(o.stateDir.resolve("kafka"), o.kafkaPort);
            OutboxRelay relay = OutboxRelay.start(kafka.bootstrapServers(), pg.port(), o.databases,
                    o.stateDir.resolve("relay"));
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

    public int postgresPort() {
        return postgres.port();
    }

    /** The local password of a service database's role (local runs only). */
    public String databasePassword(String database) {
        return PostgresServer.password(database);
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** Connection facts, as printed on the ready line and written to the ready file. */
    public Map<String, String> facts() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("postgres.port", String.valueOf(postgres.port()));
        m.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        m.put("databases", String.join(",", options.databases));
        return m;
    }

    @Override
    public void close() {
        relay.close();
        kafka.close();
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("stopping PostgreSQL", e);
        }
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
