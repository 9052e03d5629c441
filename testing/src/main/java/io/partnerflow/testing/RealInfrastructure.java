package io.partnerflow.testing;

import io.partnerflow.infra.DevTokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code @QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "partner"))}
 * — a real PostgreSQL (one database for the service under test), a real Kafka broker and the Debezium
 * outbox relay, started ONCE per test JVM, and dev JWT keys. Points the service at them and exposes them to
 * test code through {@link TestSupport}. Provider ({@link InfrastructureChoice}): Testcontainers when a Docker
 * engine is reachable ({@link ContainerInfrastructure}), else the embedded infrastructure as a child process.
 */
public class RealInfrastructure implements QuarkusTestResourceLifecycleManager {
    private static final System.Logger LOG = System.getLogger(RealInfrastructure.class.getName());
    private InfraProcess infra;
    private ContainerInfrastructure containers;
    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", "app");
    }

    @Override
    public Map<String, String> start() {
        try {
            Path work = Path.of("target", "partnerflow-infra").toAbsolutePath();
            InfrastructureChoice.Choice choice = InfrastructureChoice.choose(InfrastructureChoice.requested(), DockerProbe::dockerAvailable);
            LOG.log(System.Logger.Level.INFO, "test infrastructure: " + choice.provider() + " (" + choice.reason() + ")");
            if (choice.provider() == InfrastructureChoice.Provider.TESTCONTAINERS) {
                containers = ContainerInfrastructure.start(work, database);
                infra = containers.relay();
            } else {
                infra = InfraProcess.start(work, List.of("infra", "--free-ports", "--ephemeral",
                        "--state-dir", work.resolve("state").toString(), "--databases", database), 180);
            }
            Path keys = work.resolve("keys");
            DevTokens.ensureKeys(keys);
            String pgPort = infra.fact("postgres.port");
            String kafka = infra.fact("kafka.bootstrap.servers");
            TestSupport.init(kafka, keys, "localhost", Integer.parseInt(pgPort), database);

            Map<String, String> config = new HashMap<>();
            config.put("quarkus.datasource.reactive.url", "postgresql://localhost:" + pgPort + "/" + database);
            config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:" + pgPort + "/" + database);
            config.put("quarkus.datasource.username", database);
            config.put("quarkus.datasource.password", database);
            config.put("kafka.bootstrap.servers", kafka);
            config.put("mp.jwt.verify.publickey.location", DevTokens.publicKey(keys).toString());
            config.put("mp.jwt.verify.issuer", DevTokens.ISSUER);
            return config;
        } catch (Exception e) {
            throw new IllegalStateException("could not start the real test infrastructure", e);
        }
    }

    @Override
    public void stop() {
        if (containers != null) {
            containers.close();
        } else if (infra != null) {
            infra.close();
        }
    }
}
