package io.partnerflow.infra.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.partnerflow.infra.DevTokens;
import io.partnerflow.infra.demo.DemoClient;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open-loop load on the whole system (a command, not a test): starts Partnerflow on free ports with fresh state,
 * registers partners, then for each target rate sends signed CRM webhooks carrying closed-won deals with 3 partner
 * touches at FIXED intended times (latency is measured from the intended send time, so a slow system cannot slow
 * the load down — no coordinated omission). It observes each deal on Kafka — deal.closed-won, deal.attributed, its
 * first earning on incentive.earnings — and in payout-service's ledger, and prints per-hop latency percentiles
 * (HdrHistogram), sustained deals/s, max consumer lag per service group and CPU-ms per deal — once when the step's
 * last deal reached the ledger, once "settled" (every consumer group at lag 0: analytics and partner are not on the
 * ledger path, and what they still owe a step would otherwise be paid in the next one), with each process's share;
 * then calibrates the machine (pgbench TPS on the same PostgreSQL, Kafka producer throughput on the same broker).
 * <p>
 * The system runs as a child process ({@link BenchSystem}: the launcher with PostgreSQL, Kafka, the relay and the
 * services); this JVM is only the load side, so its CPU is reported apart ("load generator") from the system's.
 * <pre>
 * bench/pipeline-bench.sh [--rates 5,10,20,40] [--seconds 30] [--partners 30] [--service-jvm-options "-Xmx256m …"]
 *                          [--no-calibration]   (skip pgbench / Kafka calibration, e.g. for before/after runs)
 * Services run with the launcher's flags ({@link #BENCH_SERVICE_JVM_OPTIONS}) unless {@code --service-jvm-options} says otherwise.
 * </pre>
 */
public final class PipelineBench {
    private static final String[] HOPS = {"closed-won", "attributed", "earning", "ledger"};

    private final BenchSystem system;
    private final DemoClient api;
    /** One client for the whole run: its connections are reused (keep-alive) from step to step. */
    // HTTP/1.1 as CRMs send webhooks: a connection per request in flight. Over one HTTP/2 connection the JDK client
    // refuses a request beyond the server's concurrent-stream limit ("too many concurrent streams") — refusals that
    // were the load generator's, not the system's.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(16)).build();
    private Admin admin;
    private final String secret;
    private final String cm;
    private final List<String> partnerAccounts = new ArrayList<>();
    private final List<String> partnerIds = new ArrayList<>();
    private final Map<String, Long> intended = new ConcurrentHashMap<>();
    private final Map<String, String> crmByDealId = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Long>> reached = new ConcurrentHashMap<>();
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private volatile boolean observing = true;
    private int steps;

    private PipelineBench(BenchSystem system) throws Exception {
        this.system = system;
        this.api = new DemoClient(system.urls());
        Path state = system.stateDir();
        this.secret = Files.readString(state.resolve("demo/webhook-secret")).trim();
        this.cm = DevTokens.ensureKeys(state.resolve("keys")).mint("bench", Set.of("channel-manager", "admin"), null,
                Duration.ofHours(4));
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        List<Integer> rates = List.of(5, 10, 20, 40);
        int seconds = 30;
        int partners = 30;
        String jvm = BENCH_SERVICE_JVM_OPTIONS;
        boolean calibrate = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rates" -> rates = Arrays.stream(args[++i].split(",")).map(String::trim).map(Integer::parseInt).toList();
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--partners" -> partners = Integer.parseInt(args[++i]);
                case "--service-jvm-options" -> jvm = args[++i];
                case "--no-calibration" -> calibrate = false;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.println("service JVM options: " + jvm);
        BenchSystem system = BenchSystem.start(Path.of(BENCH_STATE), jvm, 360);
        Runtime.getRuntime().addShutdownHook(new Thread(system::close, "bench-system-stop"));
        try {
            PipelineBench bench = new PipelineBench(system);
            Properties ap = new Properties();
            ap.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafkaBootstrapServers());
            bench.admin = Admin.create(ap);
            bench.setup(partners);
            Thread observer = new Thread(bench::observe, "bench-observer");
            observer.setDaemon(true);
            observer.start();
            Thread ledger = new Thread(bench::pollLedger, "bench-ledger");
            ledger.setDaemon(true);
            ledger.start();
            DemoClient.sleep(2000);
            List<String> report = new ArrayList<>();
            for (int rate : rates) {
                report.add(bench.step(rate, seconds));
            }
            bench.observing = false;
            try {
                if (calibrate) {
                    report.add(calibrate(system));
                }
            } catch (Exception e) {
                report.add("calibration failed: " + e);
                e.printStackTrace();
            }
            bench.admin.close(Duration.ofSeconds(5));
            System.out.println("\n==================== pipeline benchmark ====================");
            System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
                    + ManagementFactory.getOperatingSystemMXBean().getName() + ", java " + Runtime.version());
            report.forEach(System.out::println);
        } catch (Exception e) {
            e.printStackTrace();
            throw e;
        } finally {
            System.out.flush();
            system.close();
            System.exit(0);
        }
    }

    // ------------------------------------------------------------------ setup

    private void setup(int n) {
        for (int i = 0; i < n; i++) {
            String account = "BENCH-" + run + "-" + i;
            JsonNode p = api.post("partner", "/partners", cm, Map.of("name", "Bench Partner " + run + " " + i, "type", "RESELLER",
                    "country", "US", "payoutCurrency", "USD", "crmAccounts", List.of(Map.of("system", "generic", "accountId", account))))
                    .expectOk("partner").body();
            String id = p.path("id").asText();
            api.post("partner", "/partners/" + id + "/status", cm, Map.of("status", "ONBOARDING")).expectOk("onboarding");
            api.post("partner", "/partners/" + id + "/status", cm, Map.of("status", "ACTIVE")).expectOk("active");
            partnerAccounts.add(account);
            partnerIds.add(id);
        }
        BenchPrograms.configure(api, cm);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (partnersKnown()) {
                return;
            }
            DemoClient.sleep(500);
        }
        throw new IllegalStateException("deal-service did not learn the partners in time");
    }

    /** deal-service resolves touches by partner account: it must know every partner (from partner.events). */
    private boolean partnersKnown() {
        return partnerIds.stream().allMatch(id -> api.get("deal", "/partner-directory/" + id, cm).ok());
    }

    // ------------------------------------------------------------------ load

    private String step(int rate, int seconds) throws Exception {
        int total = rate * seconds;
        int step = ++steps; // ids unique per step, so a repeated rate (noise check) sends new deals, not duplicates
        System.out.printf("--> %d deals/s for %d s (%d deals)%n", rate, seconds, total);
        List<String> ids = new ArrayList<>();
        // every delivery is built (JSON) and signed BEFORE the step's clock starts, so the load side only sends; the
        // signature's timestamp must stay within deal-service's tolerance (deal.webhooks.tolerance, 5 min) until sent
        boolean presign = seconds <= PRESIGN_MAX_SECONDS;
        List<String> bodies = new ArrayList<>(total);
        List<HttpRequest> requests = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            String crmId = "BENCH-" + run + "-S" + step + "-R" + rate + "-" + i;
            ids.add(crmId);
            String body = DemoClient.write(Map.of("events", events(crmId, i)));
            if (presign) {
                requests.add(signed(crmId, body));
            } else {
                bodies.add(body);
            }
        }
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        Map<String, Integer> refusedBy = new ConcurrentHashMap<>(); // HTTP status or the client's exception
        Histogram webhook = new Histogram(3_600_000_000L, 3);
        Map<String, Long> cpuBy0 = cpuByProcess();
        ConsumerBusy.Sample busy0 = ConsumerBusy.sample(http, system.urls());
        long busyFrom = System.nanoTime();
        Map<String, Long> maxLag = new ConcurrentHashMap<>();
        ScheduledExecutorService lagSampler = Executors.newSingleThreadScheduledExecutor();
        lagSampler.scheduleAtFixedRate(() -> sampleLag(maxLag), 0, LAG_SAMPLE_SECONDS, TimeUnit.SECONDS);
        long start = System.nanoTime() + 200_000_000L;
        for (int i = 0; i < total; i++) {
            String crmId = ids.get(i);
            long due = start + (long) (i * (1_000_000_000.0 / rate));
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            intended.put(crmId, due);
            HttpRequest request = presign ? requests.get(i) : signed(crmId, bodies.get(i));
            http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                if (e == null && r.statusCode() / 100 == 2) {
                    accepted.incrementAndGet();
                    webhook.recordValue(Math.max(0, (System.nanoTime() - due) / 1000));
                } else {
                    refused.incrementAndGet();
                    refusedBy.merge(e == null ? "HTTP " + r.statusCode() : rootCause(e), 1, Integer::sum);
                }
            });
            // touches in the same delivery would be simpler; they go first so the close sees them
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        // drain: wait until every deal reached the last hop seen so far, at most 90 s
        long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String lastHop = "attributed";
        while (System.nanoTime() < drainDeadline) {
            lastHop = lastObservedHop();
            String hop = lastHop;
            long done = ids.stream().filter(id -> reached.getOrDefault(id, Map.of()).containsKey(hop)).count();
            if (done >= accepted.get() && accepted.get() + refused.get() >= total) {
                break;
            }
            DemoClient.sleep(250);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        lagSampler.shutdownNow();
        Map<String, Long> cpuAtLedger = cpuByProcess();
        long cpu = systemCpu(cpuAtLedger) - systemCpu(cpuBy0);
        // the ledger is the last hop, not the last consumer: analytics and partner may still be behind, and what they
        // owe this step would otherwise be paid in the next one (or never, after the last step)
        Map<String, Long> lagAtLedger = new java.util.TreeMap<>();
        sampleLag(lagAtLedger);
        double settleSeconds = settle();
        Map<String, Long> cpuBy = cpuByProcess();
        ConsumerBusy.Sample busy1 = ConsumerBusy.sample(http, system.urls());
        double busySeconds = (System.nanoTime() - busyFrom) / 1e9;
        long settledCpu = systemCpu(cpuBy) - systemCpu(cpuBy0);
        long loadCpu = cpuBy.getOrDefault(LOAD, 0L) - cpuBy0.getOrDefault(LOAD, 0L);
        StringBuilder out = new StringBuilder();
        out.append(String.format("rate %d/s × %d s: sent in %.1f s, accepted %d, refused %d%s; webhook ack p50 %s p99 %s%n", rate,
                seconds, sendSeconds, accepted.get(), refused.get(), refusedBy.isEmpty() ? "" : " " + new java.util.TreeMap<>(refusedBy),
                ms(webhook, 50), ms(webhook, 99)));
        for (String hop : HOPS) {
            Histogram h = new Histogram(3_600_000_000L, 3);
            int n = 0;
            long lastAt = 0;
            for (String id : ids) {
                Long at = reached.getOrDefault(id, Map.of()).get(hop);
                if (at != null) {
                    h.recordValue(Math.max(0, (at - intended.get(id)) / 1000));
                    n++;
                    lastAt = Math.max(lastAt, at);
                }
            }
            if (n == 0) {
                out.append(String.format("  webhook → %-10s not observed%n", hop));
                continue;
            }
            out.append(String.format("  webhook → %-10s %5d/%d deals · p50 %s · p95 %s · p99 %s · max %s ms · %.1f deals/s%n", hop, n,
                    total, ms(h, 50), ms(h, 95), ms(h, 99), String.format("%.0f", h.getMaxValue() / 1000.0),
                    n / Math.max(0.001, (lastAt - start) / 1e9)));
        }
        out.append("  max consumer lag (records): ").append(new java.util.TreeMap<>(maxLag)).append('\n');
        out.append(String.format("  CPU: %.1f ms per deal (system: all services + Kafka + PostgreSQL + relay; %.1f s CPU over %.1f s)%n",
                cpu / 1e6 / Math.max(1, accepted.get()), cpu / 1e9, elapsed));
        out.append(String.format("  CPU settled: %.1f ms per deal (the same, until every consumer group is at lag 0: %.1f s more;"
                + " lag when the ledger was reached: %s)%n", settledCpu / 1e6 / Math.max(1, accepted.get()), settleSeconds,
                lagAtLedger.entrySet().stream().filter(e -> e.getValue() > 0).map(e -> e.getKey() + " " + e.getValue()).toList()));
        out.append(String.format("  CPU load generator: %.1f ms per deal (its own JVM: HTTP client, observers, lag sampler, ledger poller;"
                + " %.1f s CPU; not in the system figure)%n", loadCpu / 1e6 / Math.max(1, accepted.get()), loadCpu / 1e9));
        out.append(ConsumerBusy.report(busy0, busy1, busySeconds));
        out.append("  CPU per process, settled (ms per deal):");
        cpuBy.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - cpuBy0.getOrDefault(e.getKey(), 0L)))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> out.append(String.format(" %s %.1f", e.getKey(), e.getValue() / 1e6 / Math.max(1, accepted.get()))));
        out.append('\n');
        System.out.print(out);
        return out.toString();
    }

    /** One delivery: the deal's 3 touchpoints (so the close sees them), then the closed-won deal. */
    private List<Map<String, Object>> events(String crmId, int i) {
        Instant closed = Instant.now().minusSeconds(60);
        List<Map<String, Object>> events = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            String touchpointId = crmId + "-T" + t;
            events.add(Map.of("id", touchpointId, "type", "touchpoint.recorded", "version", 1, "data", Map.of(
                    "touchpointId", touchpointId, "dealId", crmId,
                    "partnerAccountId", partnerAccounts.get((i * 3 + t) % partnerAccounts.size()),
                    "type", t == 0 ? "referral" : t == 1 ? "demo" : "resale",
                    "occurredAt", closed.minusSeconds(86400L * (20 - t * 5)).toString())));
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("dealId", crmId);
        d.put("name", "Bench deal " + crmId);
        d.put("customer", Map.of("name", "Bench Customer " + i, "country", "US"));
        d.put("currency", "USD");
        d.put("amount", "12000.00");
        d.put("stage", "Closed Won");
        d.put("createdAt", closed.minusSeconds(86400 * 30).toString());
        d.put("closedAt", closed.toString());
        d.put("lines", List.of(Map.of("sku", "NWC-PLAT-ENT-1Y", "category", "software", "quantity", "50", "amount", "9000.00"),
                Map.of("sku", "NWC-PS-ONB", "category", "services", "amount", "3000.00")));
        events.add(Map.of("id", crmId, "type", "deal.upserted", "version", 1, "data", d));
        return events;
    }

    private HttpRequest signed(String crmId, String body) {
        long ts = Instant.now().getEpochSecond();
        String deliveryId = "bench-" + crmId;
        return HttpRequest.newBuilder(URI.create(system.urls().get("deal") + "/webhooks/crm/generic"))
                .header("Content-Type", "application/json").header("webhook-id", deliveryId)
                .header("webhook-timestamp", Long.toString(ts))
                .header("webhook-signature", "v1," + DemoClient.sign(secret, deliveryId + "." + ts + "." + body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    // ------------------------------------------------------------------ observation

    private String lastObservedHop() {
        String last = "closed-won";
        for (String hop : HOPS) {
            String h = hop;
            if (reached.values().stream().anyMatch(m -> m.containsKey(h))) {
                last = hop;
            }
        }
        return last;
    }

    private void mark(String crmId, String hop) {
        if (crmId != null && intended.containsKey(crmId)) {
            reached.computeIfAbsent(crmId, k -> new ConcurrentHashMap<>()).putIfAbsent(hop, System.nanoTime());
        }
    }

    private void observe() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafkaBootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> tps = new ArrayList<>();
            for (String t : List.of("deal.events", "attribution.events", "incentive.earnings")) {
                var infos = c.partitionsFor(t, Duration.ofSeconds(10));
                if (infos != null) {
                    infos.forEach(i -> tps.add(new TopicPartition(t, i.partition())));
                }
            }
            c.assign(tps);
            c.seekToEnd(tps);
            while (observing) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(100))) {
                    Header h = r.headers().lastHeader("ce_type");
                    String type = h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
                    try {
                        if (type.contains("deal.closed-won")) {
                            String[] d = JsonFields.of(r.value(), "dealId", "crmDealId");
                            if (d[0] != null && d[1] != null) {
                                crmByDealId.put(d[0], d[1]);
                            }
                            mark(d[1], "closed-won");
                        } else if (type.contains("deal.attributed")) {
                            mark(JsonFields.of(r.value(), "deal.crmDealId")[0], "attributed");
                        } else if (type.contains("earning.accrued")) {
                            String dealId = JsonFields.of(r.value(), "source.dealId")[0];
                            mark(dealId == null ? null : crmByDealId.get(dealId), "earning");
                        }
                    } catch (Exception ignored) {
                        // not ours
                    }
                }
            }
        }
    }


    /** The ledger hop: payout-service's journals that reference a deal (read straight from its database). */
    private void pollLedger() {
        String url = "jdbc:postgresql://localhost:" + system.postgresPort("payout") + "/payout";
        while (observing) {
            try (var conn = java.sql.DriverManager.getConnection(url, "payout", system.databasePassword("payout"))) {
                long seq = 0;
                var ps = conn.prepareStatement(BenchPrograms.LEDGER_DEALS_QUERY);
                while (observing) {
                    ps.setLong(1, seq);
                    try (var rs = ps.executeQuery()) {
                        while (rs.next()) {
                            seq = rs.getLong(1);
                            String dealId = rs.getString(2);
                            if (dealId != null) {
                                mark(crmByDealId.get(dealId), "ledger");
                            }
                        }
                    }
                    DemoClient.sleep(100);
                }
            } catch (Exception e) {
                DemoClient.sleep(2000); // the schema may not exist (yet)
            }
        }
    }

    /** Waits (at most 90 s) until every consumer group's lag is 0; returns the seconds waited. */
    private double settle() {
        long from = System.nanoTime();
        long deadline = from + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            Map<String, Long> lag = new LinkedHashMap<>();
            sampleLag(lag);
            if (!lag.isEmpty() && lag.values().stream().allMatch(l -> l == 0)) {
                break;
            }
            DemoClient.sleep(250);
        }
        return (System.nanoTime() - from) / 1e9;
    }

    /** Consumer lag per group, with the run's one Admin client (every {@link #LAG_SAMPLE_SECONDS} s). */
    private void sampleLag(Map<String, Long> maxLag) {
        try {
            for (ConsumerGroupListing g : admin.listConsumerGroups().all().get(5, TimeUnit.SECONDS)) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(g.groupId())
                        .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
                committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                var ends = admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS);
                long lag = 0;
                for (var e : committed.entrySet()) {
                    if (e.getValue() != null && ends.get(e.getKey()) != null) {
                        lag += Math.max(0, ends.get(e.getKey()).offset() - e.getValue().offset());
                    }
                }
                maxLag.merge(g.groupId(), lag, Math::max);
            }
        } catch (Exception ignored) {
            // a sample missed
        }
    }

    private static final String BENCH_STATE = ".partnerflow/bench";
    private static final long LAG_SAMPLE_SECONDS = 5;
    /** Longest step whose deliveries are all signed before it starts (deal-service's tolerance is 5 min). */
    private static final int PRESIGN_MAX_SECONDS = 240;
    private static final String LOAD = "load generator";
    /**
     * The bench's service flags: the launcher's own default (C1 only, as ./run.sh). Session 8 chose C2 here, when the
     * services cost ≈ 27–37 ms per deal and C2 won once warm; at ≈ 19 ms per deal C2's compiler threads were still the
     * services' biggest CPU users minutes into the run, and C1 measured the same or better at every step
     * (docs/benchmarks.md, "C1 again"). {@code --service-jvm-options} overrides it.
     */
    static final String BENCH_SERVICE_JVM_OPTIONS = io.partnerflow.infra.InfraOptions.DEFAULT_SERVICE_JVM_OPTIONS;

    /** System CPU: every process group but the load generator's JVM. */
    private static long systemCpu(Map<String, Long> byProcess) {
        return byProcess.entrySet().stream().filter(e -> !e.getKey().equals(LOAD)).mapToLong(Map.Entry::getValue).sum();
    }

    /**
     * CPU time per process group: this JVM ("load generator": HTTP client, observers, lag sampler, ledger poller), the
     * launcher JVM (Kafka broker, relay), each service, PostgreSQL (all its processes; a backend that ended during the
     * step is missed). Before 2026-12-04 PostgreSQL was NOT counted, and until the harness moved out of the launcher
     * (2026-12-04, later) the load generator was counted inside "launcher".
     */
    private Map<String, Long> cpuByProcess() {
        Map<String, Long> by = new java.util.TreeMap<>();
        long launcherPid = system.pid();
        ProcessHandle.current().info().totalCpuDuration().ifPresent(d -> by.merge(LOAD, d.toNanos(), Long::sum));
        ProcessHandle.current().descendants().forEach(ph -> ph.info().totalCpuDuration().ifPresent(d -> {
            String cmd = ph.info().commandLine().orElse(ph.info().command().orElse("?"));
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("([a-z]+-service)").matcher(cmd);
            String group = ph.pid() == launcherPid ? "launcher"
                    : m.find() ? m.group(1) : cmd.contains("postgres") ? "postgresql" : "other";
            by.merge(group, d.toNanos(), Long::sum);
        }));
        // the embedded PostgreSQL daemonizes (its parent is init): its postmaster is found by the bench's data directory
        ProcessHandle.allProcesses()
                .filter(ph -> ph.info().commandLine().map(c -> c.contains("postgres") && c.contains(BENCH_STATE + "/"))
                        .orElse(false))
                .forEach(pm -> java.util.stream.Stream.concat(java.util.stream.Stream.of(pm), pm.descendants())
                        .forEach(ph -> ph.info().totalCpuDuration()
                                .ifPresent(d -> by.merge("postgresql", d.toNanos(), Long::sum))));
        return by;
    }

    /** The innermost cause's class and message (why the client got no answer). */
    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + (m.length() > 60 ? m.substring(0, 60) : m));
    }

    private static String ms(Histogram h, double pct) {
        return String.format("%.0f", h.getValueAtPercentile(pct) / 1000.0);
    }

    // ------------------------------------------------------------------ calibration

    private static String calibrate(BenchSystem system) throws Exception {
        StringBuilder out = new StringBuilder("calibration (same machine, same servers):\n");
        int pg = system.postgresPort("payout"); // pgbench in a database of its own, on the busiest server
        String pgbench = Files.exists(Path.of("/usr/bin/pgbench")) ? "/usr/bin/pgbench" : "pgbench";
        try {
            try (var conn = java.sql.DriverManager.getConnection("jdbc:postgresql://localhost:" + pg + "/postgres", "postgres", "")) {
                conn.createStatement().execute("DROP DATABASE IF EXISTS pgbench");
                conn.createStatement().execute("CREATE DATABASE pgbench");
            }
            run(List.of(pgbench, "-i", "-q", "-s", "10", "-h", "localhost", "-p", String.valueOf(pg), "-U", "postgres", "pgbench"));
            String result = run(List.of(pgbench, "-c", "4", "-j", "2", "-T", "20", "-h", "localhost", "-p", String.valueOf(pg),
                    "-U", "postgres", "pgbench"));
            String tps = result.lines().filter(l -> l.startsWith("tps")).findFirst().orElse("tps: ?");
            out.append("  pgbench (TPC-B-like, scale 10, 4 clients, 20 s): ").append(tps.trim()).append('\n');
            System.out.print(out);
        } catch (Exception e) {
            out.append("  pgbench: not run (").append(e.getMessage()).append("; install: apt-get install -y postgresql-contrib)\n");
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafkaBootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        Properties ap = new Properties();
        ap.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafkaBootstrapServers());
        try (Admin admin = Admin.create(ap)) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic("bench.calibration", 3, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException alreadyThere) {
            // created by an earlier run
        }
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000"); // ≥ linger.ms + request.timeout.ms
        int n = 200_000;
        byte[] value = new byte[1024];
        long t0 = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (int i = 0; i < n; i++) {
                producer.send(new ProducerRecord<>("bench.calibration", Integer.toString(i % 64).getBytes(), value));
            }
            producer.flush();
        }
        double s = (System.nanoTime() - t0) / 1e9;
        out.append(String.format("  Kafka producer (acks=all, 1 KiB records, %d records): %.0f records/s, %.1f MiB/s%n", n, n / s,
                n / 1024.0 / s));
        return out.toString();
    }

    private static String run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        StringBuilder sb = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            r.lines().forEach(l -> sb.append(l).append('\n'));
        }
        if (p.waitFor() != 0) {
            throw new IllegalStateException(cmd.get(0) + " exited " + p.exitValue() + ": " + sb);
        }
        return sb.toString();
    }
}
