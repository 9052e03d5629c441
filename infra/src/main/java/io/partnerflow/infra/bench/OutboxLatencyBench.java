package io.partnerflow.infra.bench;

import io.partnerflow.infra.DevTokens;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Outbox → consumer latency against a running system ({@code ./run.sh}): registers N partners through
 * partner-service's REST API, then for each event measures
 * {@code deal.processed_event.processed_at − partner.outbox_event.created_at}: from the business
 * transaction that wrote the outbox row to the transaction in which deal-service applied it (through
 * Debezium, Kafka and the consumer's inbox). Both timestamps come from the same PostgreSQL server clock.
 * <pre>
 * java -cp infra/target/partnerflow-infra.jar io.partnerflow.infra.bench.OutboxLatencyBench [--events 1000] [--concurrency 4]
 * </pre>
 */
public final class OutboxLatencyBench {
    public static void main(String[] args) throws Exception {
        int events = 1000;
        int concurrency = 4;
        String partnerUrl = "http://localhost:8081";
        int pgPort = 15432;
        Path stateDir = Path.of(".partnerflow", "data");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--events" -> events = Integer.parseInt(args[++i]);
                case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
                case "--partner-url" -> partnerUrl = args[++i];
                case "--postgres-port" -> pgPort = Integer.parseInt(args[++i]);
                case "--state-dir" -> stateDir = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        String token = DevTokens.ensureKeys(stateDir.resolve("keys"))
                .mint("bench", Set.of("channel-manager"), null, Duration.ofHours(1));
        HttpClient http = HttpClient.newHttpClient();
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> partnerIds = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Future<?>> futures = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < events; i++) {
            int n = i;
            String url = partnerUrl;
            futures.add(pool.submit(() -> {
                String body = "{\"name\":\"Bench " + run + " " + n + "\",\"type\":\"RESELLER\",\"country\":\"DE\",\"payoutCurrency\":\"EUR\"}";
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/partners"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 201) {
                    throw new IllegalStateException("POST /partners → " + r.statusCode() + " " + r.body());
                }
                String id = r.body().replaceFirst("(?s).*\"id\"\\s*:\\s*\"([0-9a-f-]{36})\".*", "$1");
                partnerIds.add(id);
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        double postSeconds = (System.nanoTime() - t0) / 1e9;

        Map<String, Instant> written = new HashMap<>();
        try (Connection partner = DriverManager.getConnection("jdbc:postgresql://localhost:" + pgPort + "/partner", "partner", "partner");
             PreparedStatement st = partner.prepareStatement(
                     "select id::text, created_at from outbox_event where aggregate_id = any (?)")) {
            st.setArray(1, partner.createArrayOf("varchar", partnerIds.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    written.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                }
            }
        }
        Map<String, Instant> applied = new HashMap<>();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        try (Connection deal = DriverManager.getConnection("jdbc:postgresql://localhost:" + pgPort + "/deal", "deal", "deal");
             PreparedStatement st = deal.prepareStatement(
                     "select event_id, processed_at from processed_event where consumer = 'deal-service' and event_id = any (?)")) {
            st.setArray(1, deal.createArrayOf("varchar", written.keySet().toArray()));
            while (applied.size() < written.size() && System.nanoTime() < deadline) {
                applied.clear();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        Timestamp ts = rs.getTimestamp(2);
                        applied.put(rs.getString(1), ts.toInstant());
                    }
                }
                if (applied.size() < written.size()) {
                    Thread.sleep(200);
                }
            }
        }
        List<Long> micros = new ArrayList<>();
        for (var e : applied.entrySet()) {
            micros.add(Duration.between(written.get(e.getKey()), e.getValue()).toNanos() / 1000);
        }
        Collections.sort(micros);
        double total = (System.nanoTime() - t0) / 1e9;
        System.out.printf("events: %d posted in %.1f s (%.0f/s, concurrency %d); applied by deal-service: %d of %d%n",
                events, postSeconds, events / postSeconds, concurrency, applied.size(), written.size());
        if (!micros.isEmpty()) {
            System.out.printf("outbox → consumer latency (ms): p50 %.1f  p90 %.1f  p99 %.1f  max %.1f  min %.1f%n",
                    pct(micros, 50), pct(micros, 90), pct(micros, 99), micros.get(micros.size() - 1) / 1000.0, micros.get(0) / 1000.0);
        }
        System.out.printf("end to end wall time: %.1f s%n", total);
        if (applied.size() < written.size()) {
            System.exit(1);
        }
    }

    private static double pct(List<Long> sorted, int p) {
        int idx = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(idx, sorted.size() - 1))) / 1000.0;
    }
}
