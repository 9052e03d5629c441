package io.partnerflow.infra;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * A real single-node Apache Kafka broker in KRaft mode (combined broker + controller), started from
 * Apache Kafka's own jars. Topics of the event contract are created up front with
 * {@link #PARTITIONS} partitions; dead-letter topics are auto-created on first use.
 */
final class KafkaServer implements KafkaBroker {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaServer.class);
    static final int PARTITIONS = 3;
    /** The topics of DESIGN.md's event contract (docs/event-catalog.md). */
    static final List<String> TOPICS = List.of("crm.webhooks", "partner.events", "deal.events",
            "attribution.events", "reference.events", "incentive.earnings", "payout.events", "analytics.events");
    /** A KRaft cluster id: 16 bytes, base64url without padding (22 characters). */
    private static final String CLUSTER_ID = "cGFydG5lcmZsb3cta3JhZg";

    private final EmbeddedKafkaBroker broker;
    private final String bootstrap;

    private KafkaServer(EmbeddedKafkaBroker broker) {
        this.broker = broker;
        this.bootstrap = broker.getAdvertisedListeners().replace("PLAINTEXT://", "");
    }

    static KafkaServer start(Path logDir, int port) throws Exception {
        return start(logDir, port, 0);
    }

    /** A broker on {@code port} whose KRaft controller listens on {@code controllerPort} (0 = a free port). */
    static KafkaServer start(Path logDir, int port, int controllerPort) throws Exception {
        Files.createDirectories(logDir);
        EmbeddedKafkaBroker broker = Ports.startOnFreePorts("Kafka", port, controllerPort, (kafkaPort, controller) -> {
            EmbeddedKafkaBroker candidate = new EmbeddedKafkaBroker()
                    .withNodeId(1)
                    .withKafkaHost("localhost")
                    .withKafkaPort(kafkaPort)
                    .withControllerPort(controller)
                    .withClusterId(CLUSTER_ID)
                    .withDeleteLogDirsOnClose(false)
                    .withAdditionalProperties(p -> {
                        p.put("log.dirs", logDir.toAbsolutePath().toString());
                        p.put("num.partitions", String.valueOf(PARTITIONS));
                        p.put("auto.create.topics.enable", "true");
                        p.put("offsets.topic.replication.factor", "1");
                        p.put("offsets.topic.num.partitions", "5");
                        p.put("transaction.state.log.replication.factor", "1");
                        p.put("transaction.state.log.min.isr", "1");
                        p.put("group.initial.rebalance.delay.ms", "0");
                        p.put("log.flush.interval.messages", "1");
                        p.put("min.insync.replicas", "1");
                    });
            try {
                candidate.start();
            } catch (RuntimeException e) {
                try {
                    candidate.close(); // a half-started broker would keep its threads and log dir lock
                } catch (RuntimeException closing) {
                    e.addSuppressed(closing);
                }
                throw e;
            }
            return candidate;
        });
        KafkaServer server = new KafkaServer(broker);
        server.createTopics(TOPICS);
        LOG.info("Kafka (KRaft) listening on {} (logs {})", server.bootstrap, logDir);
        return server;
    }

    @Override
    public String bootstrapServers() {
        return bootstrap;
    }

    void createTopics(List<String> names) throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            for (String name : names) {
                try {
                    admin.createTopics(List.of(new NewTopic(name, PARTITIONS, (short) 1))).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        broker.close();
    }
}
