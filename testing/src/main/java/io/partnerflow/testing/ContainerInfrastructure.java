package io.partnerflow.testing;

import java.nio.file.Path;
import java.util.List;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The Testcontainers provider: PostgreSQL (logical WAL, superuser postgres/postgres, the service database and role
 * created as the embedded provider does: role = database = password) and a KRaft Kafka broker in containers, and the
 * outbox relay of infra as a child process pointed at them ({@code infra --external-postgres-port --external-kafka}).
 * The facts it reports are the embedded provider's, so the same tests run unchanged.
 * NOT exercised on the build machines (no Docker engine there): InfrastructureChoiceTest proves the choice only.
 */
final class ContainerInfrastructure implements AutoCloseable {
    /** Same major versions as the embedded ones (zonky PostgreSQL 18, Kafka 4.2.1 jars). */
    static final String POSTGRES_IMAGE = "postgres:18";
    static final String KAFKA_IMAGE = "apache/kafka:4.2.1";

    private final GenericContainer<?> postgres;
    private final KafkaContainer kafka;
    private final InfraProcess relay;

    private ContainerInfrastructure(GenericContainer<?> postgres, KafkaContainer kafka, InfraProcess relay) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.relay = relay;
    }

    @SuppressWarnings("resource") // closed in close()
    static ContainerInfrastructure start(Path work, String database) throws Exception {
        GenericContainer<?> pg = new GenericContainer<>(DockerImageName.parse(POSTGRES_IMAGE))
                .withEnv("POSTGRES_PASSWORD", "postgres")
                .withCommand("postgres", "-c", "wal_level=logical", "-c", "max_replication_slots=20",
                        "-c", "max_wal_senders=20", "-c", "fsync=off", "-c", "synchronous_commit=off")
                .withExposedPorts(5432)
                .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*\\n", 2));
        KafkaContainer broker = new KafkaContainer(DockerImageName.parse(KAFKA_IMAGE));
        try {
            pg.start();
            for (String sql : List.of("create role " + database + " login password '" + database + "'",
                    "create database " + database + " owner " + database)) {
                ExecResult r = pg.execInContainer("psql", "-U", "postgres", "-v", "ON_ERROR_STOP=1", "-c", sql);
                if (r.getExitCode() != 0) {
                    throw new IllegalStateException(sql + ": " + r.getStderr());
                }
            }
            broker.start();
            InfraProcess relay = InfraProcess.start(work, List.of("infra", "--ephemeral", "--state-dir", work.resolve("state").toString(),
                    "--databases", database, "--external-postgres-port", String.valueOf(pg.getMappedPort(5432)),
                    "--external-kafka", broker.getBootstrapServers()), 180);
            return new ContainerInfrastructure(pg, broker, relay);
        } catch (Exception | Error e) {
            broker.stop();
            pg.stop();
            throw e;
        }
    }

    InfraProcess relay() {
        return relay;
    }

    @Override
    public void close() {
        relay.close();
        kafka.stop();
        postgres.stop();
    }
}
