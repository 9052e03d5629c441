package io.partnerflow.infra;

import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.ChangeEvent;
import io.debezium.embedded.Connect;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The outbox relay for local runs and tests: one Debezium embedded engine per service database,
 * each streaming that database's {@code outbox_event} table through the outbox EventRouter and
 * producing the routed records to Kafka (acks=all, idempotent producer). Offsets are committed only
 * after Kafka acknowledged the batch: delivery is at least once, and consumers dedupe by event id.
 * <p>
 * On Kubernetes the same connector configuration ({@code outbox-connector.properties}) runs in
 * Kafka Connect instead — see docs/adr/0002-outbox-relay.md.
 */
final class OutboxRelay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

    private final KafkaProducer<byte[], byte[]> producer;
    private final List<DebeziumEngine<ChangeEvent<SourceRecord, SourceRecord>>> engines = new ArrayList<>();
    private final ExecutorService executor;

    private OutboxRelay(KafkaProducer<byte[], byte[]> producer, int engineCount) {
        this.producer = producer;
        this.executor = Executors.newFixedThreadPool(Math.max(1, engineCount), r -> {
            Thread t = new Thread(r, "outbox-relay");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * {@code portOf}: the port of the PostgreSQL server holding a database (one server per database: ADR 0007).
     * {@code topicPrefix} is put before every routed topic name ("" for the real topics).
     */
    static OutboxRelay start(String bootstrap, java.util.function.ToIntFunction<String> portOf, List<String> databases,
                             Path offsetsDir, String topicPrefix)
            throws Exception {
        Files.createDirectories(offsetsDir);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // A Debezium batch is sent as a few compressed produce requests instead of one request per record:
        // 5 ms of linger is noise next to the poll interval, lz4 shrinks the JSON payloads ~3-5x on the wire and log.
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "partnerflow-outbox-relay");
        KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        OutboxRelay relay = new OutboxRelay(producer, databases.size());
        for (String db : databases) {
            relay.startEngine(db, portOf.applyAsInt(db), offsetsDir, topicPrefix);
        }
        return relay;
    }

    static final String OVERRIDE = "override.";

    static Properties connectorConfig(String db) {
        Properties template = new Properties();
        try (InputStream in = OutboxRelay.class.getResourceAsStream("/outbox-connector.properties")) {
            template.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties out = new Properties();
        template.forEach((k, v) -> {
            if (!k.toString().startsWith(OVERRIDE)) {
                out.put(k, v.toString().replace("${db}", db));
            }
        });
        // "override.<db>.<key>": this database's own value of <key> (see the properties file)
        template.forEach((k, v) -> {
            if (k.toString().startsWith(OVERRIDE + db + ".")) {
                out.put(k.toString().substring(OVERRIDE.length() + db.length() + 1), v.toString().replace("${db}", db));
            }
        });
        return out;
    }

    /**
     * The publication the connector streams ({@code publication.autocreate.mode=disabled}) must exist before the engine
     * starts — which is before the service's Flyway has created {@code outbox_event}. So the relay (superuser) creates
     * it here, holding only {@code outbox_event} if that table exists and nothing otherwise, owned by the database's
     * owner: the service's migration ({@code afterMigrate.sql} of the platform) then adds {@code outbox_event} to it,
     * before the service writes its first row. A publication FOR ALL TABLES left by an older relay is replaced, so
     * Debezium no longer decodes every change of every table. Only INSERTs are published (purged rows are not relayed).
     */
    static void preparePublication(int pgPort, String db, String publication) throws SQLException {
        String url = "jdbc:postgresql://localhost:" + pgPort + "/" + db;
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres"); Statement st = c.createStatement()) {
            Boolean allTables = null;
            try (ResultSet rs = st.executeQuery("select puballtables from pg_publication where pubname = '" + publication + "'")) {
                if (rs.next()) {
                    allTables = rs.getBoolean(1);
                }
            }
            if (Boolean.TRUE.equals(allTables)) {
                LOG.info("replacing publication {} FOR ALL TABLES in {} by one holding only outbox_event", publication, db);
                st.execute("drop publication " + publication);
                allTables = null;
            }
            if (allTables == null) {
                boolean outboxExists;
                try (ResultSet rs = st.executeQuery("select to_regclass('public.outbox_event') is not null")) {
                    outboxExists = rs.next() && rs.getBoolean(1);
                }
                st.execute("create publication " + publication + (outboxExists ? " for table public.outbox_event" : "")
                        + " with (publish = 'insert')");
                st.execute("do $$ begin execute format('alter publication " + publication + " owner to %I', "
                        + "(select pg_get_userbyid(datdba) from pg_database where datname = current_database())); end $$");
            }
        }
    }

    private void startEngine(String db, int pgPort, Path offsetsDir, String topicPrefix) throws Exception {
        Properties props = connectorConfig(db);
        preparePublication(pgPort, db, props.getProperty("publication.name"));
        if (!topicPrefix.isEmpty()) {
            props.put("transforms.outbox.route.topic.replacement", topicPrefix + props.getProperty("transforms.outbox.route.topic.replacement"));
        }
        props.put("name", "outbox-relay-" + db);
        props.put("database.hostname", "localhost");
        props.put("database.port", String.valueOf(pgPort));
        props.put("database.user", "postgres");
        props.put("database.password", "postgres");
        props.put("database.dbname", db);
        props.put("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore");
        props.put("offset.storage.file.filename", offsetsDir.resolve(db + ".offsets").toString());
        props.put("offset.flush.interval.ms", "1000");
        // Debezium's in-memory queue without the busy last millisecond of every poll (QuietQueueProvider); local only
        props.put("queue.provider.type", QuietQueueProvider.NAME);

        CountDownLatch started = new CountDownLatch(1);
        DebeziumEngine<ChangeEvent<SourceRecord, SourceRecord>> engine = DebeziumEngine.create(Connect.class)
                .using(props)
                .using(new DebeziumEngine.ConnectorCallback() {
                    @Override
                    public void taskStarted() {
                        started.countDown();
                    }
                })
                .using((success, message, error) -> {
                    if (!success) {
                        LOG.error("outbox relay for database {} stopped: {}", db, message, error);
                    }
                    started.countDown();
                })
                .notifying(this::handleBatch)
                .build();
        engines.add(engine);
        executor.execute(engine);
        if (!started.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("outbox relay for database " + db + " did not start within 60 s");
        }
        LOG.info("outbox relay streaming {}.public.outbox_event", db);
    }

    private void handleBatch(List<ChangeEvent<SourceRecord, SourceRecord>> batch,
                             DebeziumEngine.RecordCommitter<ChangeEvent<SourceRecord, SourceRecord>> committer)
            throws InterruptedException {
        List<Future<RecordMetadata>> sent = new ArrayList<>(batch.size());
        for (ChangeEvent<SourceRecord, SourceRecord> event : batch) {
            ProducerRecord<byte[], byte[]> record = toProducerRecord(event.value());
            sent.add(record == null ? null : producer.send(record));
        }
        for (int i = 0; i < batch.size(); i++) {
            awaitAck(sent.get(i), batch.get(i).value());
            committer.markProcessed(batch.get(i));
        }
        committer.markBatchFinished();
    }

    /** Blocks until Kafka acknowledged; a failed send is retried so the batch is never skipped. */
    private void awaitAck(Future<RecordMetadata> f, SourceRecord source) throws InterruptedException {
        while (f != null) {
            try {
                f.get();
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                LOG.warn("relay send to {} failed, retrying: {}", source.topic(), e.getCause().toString());
                Thread.sleep(500);
                f = producer.send(toProducerRecord(source));
            }
        }
    }

    /** Maps an EventRouter output record to a Kafka record; null for anything that is not an outbox event. */
    static ProducerRecord<byte[], byte[]> toProducerRecord(SourceRecord r) {
        if (r.value() == null || r.topic() == null || r.topic().startsWith("__debezium")) {
            return null;
        }
        RecordHeaders headers = new RecordHeaders();
        for (Header h : r.headers()) {
            // As Kafka Connect's SimpleHeaderConverter does: a NULL column becomes a header with a null value.
            headers.add(h.key(), h.value() == null ? null : h.value().toString().getBytes(StandardCharsets.UTF_8));
        }
        byte[] key = r.key() == null ? null : r.key().toString().getBytes(StandardCharsets.UTF_8);
        byte[] value = r.value().toString().getBytes(StandardCharsets.UTF_8);
        return new ProducerRecord<>(r.topic(), null, key, value, headers);
    }

    @Override
    public void close() {
        for (DebeziumEngine<?> e : engines) {
            try {
                e.close();
            } catch (IOException ex) {
                LOG.warn("closing relay engine", ex);
            }
        }
        executor.shutdown();
        try {
            executor.awaitTermination(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(java.time.Duration.ofSeconds(5));
    }

    static Map<String, String> describe(List<String> dbs) {
        return Map.of("relay.databases", String.join(",", dbs));
    }
}
