package io.partnerflow.analytics;

import io.partnerflow.contracts.EventType;
import io.partnerflow.testing.TestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;

import static io.partnerflow.analytics.Events.Credit;
import static io.partnerflow.analytics.Events.count;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Rebuild speed (issue #17), NOT part of the suite (the name matches no surefire include; run it with
 * {@code bench/analytics-rebuild-bench.sh} or {@code -Dtest=RebuildBenchmark}): generates N events across the six
 * topics analytics reads (partners, FX rates, deal registrations, attributions, earnings, payouts — the golden samples
 * with fresh ids, partners, days), lets the live consumers apply them, then rebuilds TWICE into the emptied read
 * models and writes {@code target/rebuild-bench.json}: events, seconds, events/s of each rebuild, and whether the
 * read-model hash of both rebuilds equals the live one.
 */
@QuarkusTest
class RebuildBenchmark {
    private static final String T_PARTNER = "00000000-0000-4000-8000-00000000aaaa";
    private static final String T_DEAL = "00000000-0000-4000-8000-00000000bbbb";
    private static final String T_DAY = "2035-01-15T10:00:00Z";

    @Test
    void rebuildSpeed() throws Exception {
        int n = Integer.getInteger("rebuild.bench.events", 100_000);
        int partners = Math.max(10, n / 100);
        Random random = new Random(42);
        String[] ids = new String[partners];
        for (int i = 0; i < partners; i++) {
            ids[i] = new UUID(0x5eedL, i).toString();
        }
        String registered = Events.registered(T_PARTNER, "Bench Partner", "DE", "silver");
        String attributed = Events.attributed(Events.attr(T_DEAL), T_DEAL, Instant.parse(T_DAY), "EUR",
                List.of(new Credit(T_PARTNER, "sourced", "1200.00")));
        String earning = Events.earning(EventType.EARNING_ACCRUED, T_PARTNER, "42.00", Instant.parse(T_DAY));
        String paid = Events.paid(T_PARTNER, "40.00", Instant.parse(T_DAY));
        String submitted = Events.registration(EventType.DEAL_REGISTRATION_SUBMITTED, T_DEAL, T_PARTNER, Instant.parse(T_DAY));

        long started = System.nanoTime();
        int sent = 0;
        try (KafkaProducer<String, String> producer = producer()) {
            for (int i = 0; i < partners; i++, sent++) {
                send(producer, EventType.PARTNER_REGISTERED, ids[i], registered.replace(T_PARTNER, ids[i]));
            }
            for (int d = 0; d < 365; d++, sent++) {
                LocalDate day = LocalDate.parse("2035-01-01").plusDays(d);
                send(producer, EventType.FX_RATE_PUBLISHED, "EUR/USD", Events.fxRate("EUR", "USD", day, "1.08"));
            }
            while (sent < n) {
                String partner = ids[random.nextInt(partners)];
                String day = LocalDate.parse("2035-01-01").plusDays(random.nextInt(365)) + "T10:00:00Z";
                String deal = UUID.randomUUID().toString();
                int kind = random.nextInt(10);
                if (kind < 4) {
                    send(producer, EventType.DEAL_ATTRIBUTED, deal, attributed.replace(T_PARTNER, partner)
                            .replace(Events.attr(T_DEAL), Events.attr(deal)).replace(T_DEAL, deal).replace(T_DAY, day));
                } else if (kind < 7) {
                    send(producer, EventType.EARNING_ACCRUED, partner, earning.replace(T_PARTNER, partner)
                            .replace(T_DAY, day).replaceFirst("\"earningId\":\"[^\"]+\"", "\"earningId\":\"" + deal + "\""));
                } else if (kind < 8) {
                    send(producer, EventType.PAYOUT_PAID, partner, paid.replace(T_PARTNER, partner).replace(T_DAY, day)
                            .replaceFirst("\"payoutId\":\"[^\"]+\"", "\"payoutId\":\"" + deal + "\""));
                } else {
                    send(producer, EventType.DEAL_REGISTRATION_SUBMITTED, deal, submitted.replace(T_PARTNER, partner)
                            .replace(T_DEAL, deal).replace(T_DAY, day));
                }
                sent++;
            }
            producer.flush();
        }
        double produceSeconds = (System.nanoTime() - started) / 1e9;
        long liveStarted = System.nanoTime();
        final int total = sent;
        await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofSeconds(1)).until(() ->
                count("select count(*) from processed_event where consumer = 'analytics-service'") >= total);
        double liveSeconds = (System.nanoTime() - liveStarted) / 1e9;
        JsonPath first = RebuildScenario.rebuild(Duration.ofMinutes(20));
        JsonPath second = RebuildScenario.rebuild(Duration.ofMinutes(20));
        String liveHash = first.getString("readModelHashBefore"); // taken with the live consumers held, all applied
        assertEquals(liveHash, first.getString("readModelHashAfter"), "first rebuild = live read models");
        assertEquals(liveHash, second.getString("readModelHashAfter"), "second rebuild = the same");
        assertEquals(total, first.getLong("events"));

        String json = String.format(java.util.Locale.ROOT, """
                {"events": %d, "partners": %d, "produce_seconds": %.1f, "live_apply_seconds_after_produce": %.1f,
                 "rebuild_1": {"seconds": %s, "events_per_s": %s}, "rebuild_2": {"seconds": %s, "events_per_s": %s},
                 "read_model_rows": %s, "hash": "%s", "hash_equal_live_rebuild1_rebuild2": true}
                """, total, partners, produceSeconds, liveSeconds, first.getString("seconds"), first.getString("eventsPerSecond"),
                second.getString("seconds"), second.getString("eventsPerSecond"), second.getString("readModelRows"), liveHash);
        Files.writeString(Path.of("target", "rebuild-bench.json"), json, StandardCharsets.UTF_8);
        System.out.println("REBUILD-BENCH " + json.replace('\n', ' '));
    }

    private static KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestSupport.kafkaBootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    private static void send(KafkaProducer<String, String> producer, EventType type, String key, String json) {
        RecordHeaders h = new RecordHeaders();
        h.add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        h.add("ce_type", type.type().getBytes(StandardCharsets.UTF_8));
        h.add("ce_source", ("/partnerflow/" + type.producer()).getBytes(StandardCharsets.UTF_8));
        h.add("ce_time", Instant.now().toString().getBytes(StandardCharsets.UTF_8));
        h.add("ce_subject", key.getBytes(StandardCharsets.UTF_8));
        h.add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
        producer.send(new ProducerRecord<>(type.topic(), null, key, json, h));
    }
}
