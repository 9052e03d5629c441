package io.partnerflow.testing;

import io.partnerflow.infra.DevTokens;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;

/** Test-side access to the real infrastructure: bearer tokens, a Kafka producer/observer, JDBC. */
public final class TestSupport {
    private static volatile String kafkaBootstrap;
    private static volatile Path keyDir;
    private static volatile String jdbcUrl;
    private static volatile String database;

    private TestSupport() {
    }

    static void init(String kafka, Path keys, String pgHost, int pgPort, String db) {
        kafkaBootstrap = kafka;
        keyDir = keys;
        jdbcUrl = "jdbc:postgresql://" + pgHost + ":" + pgPort + "/" + db;
        database = db;
    }

    public static String kafkaBootstrapServers() {
        if (kafkaBootstrap == null) {
            throw new IllegalStateException("RealInfrastructure has not started");
        }
        return kafkaBootstrap;
    }

    /** "Bearer …" for a staff user with the given roles. */
    public static String bearer(String subject, String... roles) {
        return "Bearer " + tokens().mint(subject, Set.of(roles), null, Duration.ofMinutes(30));
    }

    /** "Bearer …" for a partner user of {@code partnerId}. */
    public static String partnerBearer(String subject, String partnerId) {
        return "Bearer " + tokens().mint(subject, Set.of("partner"), partnerId, Duration.ofMinutes(30));
    }

    private static DevTokens tokens() {
        try {
            return DevTokens.ensureKeys(keyDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JDBC connection to the service's own database (as the service's role), for assertions. */
    public static Connection jdbc() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, database, database);
    }

    /** Sends a CloudEvents binary-mode record (headers {@code ce_*}); null headers are left out. */
    public static void send(String topic, String key, String value, Map<String, String> headers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            RecordHeaders h = new RecordHeaders();
            headers.forEach((k, v) -> {
                if (v != null) {
                    h.add(k, v.getBytes(StandardCharsets.UTF_8));
                }
            });
            producer.send(new ProducerRecord<>(topic, null, key, value, h)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + topic, e);
        }
    }

    /** A record for {@link #sendTogether}: its value and its {@code ce_*} headers (null values left out). */
    public record Outgoing(String value, Map<String, String> headers) {
    }

    /** A record for {@link #sendTogether(List)}: topic, key, value and {@code ce_*} headers (null values left out). */
    public record Produced(String topic, String key, String value, Map<String, String> headers) {
    }

    /** {@link #sendTogether(List)} of records all on {@code topic} under {@code key} (one partition: one poll). */
    public static void sendTogether(String topic, String key, List<Outgoing> records) {
        sendTogether(records.stream().map(r -> new Produced(topic, key, r.value(), r.headers())).toList());
    }

    /**
     * Sends records, in order, in ONE producer batch (the producer lingers until it is flushed): one produce request
     * per partition, so a consumer that is caught up gets them in one poll — more than one chunk's worth at once.
     */
    public static void sendTogether(List<Produced> records) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5000");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(4 * 1024 * 1024));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (Produced r : records) {
                RecordHeaders h = new RecordHeaders();
                r.headers().forEach((k, v) -> {
                    if (v != null) {
                        h.add(k, v.getBytes(StandardCharsets.UTF_8));
                    }
                });
                producer.send(new ProducerRecord<>(r.topic(), null, r.key(), r.value(), h));
            }
            producer.flush();
        }
    }

    /**
     * Reads {@code topic} from the beginning until {@code count} records match {@code filter} or the
     * timeout passes; returns the matches (fewer than {@code count} on timeout). The reader takes every partition
     * itself (no consumer group: no join round before the first record, which a short timeout could not afford on a
     * loaded machine).
     */
    public static List<ConsumerRecord<String, String>> await(String topic, Predicate<ConsumerRecord<String, String>> filter,
                                                             int count, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, String>> matches = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            long deadline = System.nanoTime() + timeout.toNanos();
            List<TopicPartition> partitions = partitions(c, topic, deadline);
            c.assign(partitions);
            c.seekToBeginning(partitions);
            while (matches.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    if (filter.test(r)) {
                        matches.add(r);
                    }
                }
            }
        }
        return matches;
    }

    /**
     * The records matching {@code filter} once {@code expected} of them are on the topic (waited for up to 30 s: an
     * outbox relay may still be publishing) and one more was given {@code extra} to show up (for "nothing more
     * arrives"); fewer than {@code expected} if they never came.
     */
    public static List<ConsumerRecord<String, String>> settled(String topic, Predicate<ConsumerRecord<String, String>> filter,
                                                               int expected, Duration extra) {
        await(topic, filter, expected, Duration.ofSeconds(30));
        return await(topic, filter, expected + 1, extra);
    }

    /** The topic's partitions, asked again until the broker knows the topic or the deadline passes. */
    private static List<TopicPartition> partitions(KafkaConsumer<String, String> c, String topic, long deadline) {
        List<TopicPartition> out = new ArrayList<>();
        while (out.isEmpty() && System.nanoTime() < deadline) {
            try {
                List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(2));
                if (infos != null) {
                    infos.forEach(i -> out.add(new TopicPartition(topic, i.partition())));
                }
            } catch (org.apache.kafka.common.errors.TimeoutException notYet) {
                // metadata not there yet: ask again
            }
            if (out.isEmpty()) {
                pause(Duration.ofMillis(100));
            }
        }
        return out;
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for topic metadata", e);
        }
    }

    public static String header(ConsumerRecord<?, ?> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
