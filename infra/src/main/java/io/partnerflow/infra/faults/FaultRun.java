package io.partnerflow.infra.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.partnerflow.infra.DevTokens;
import io.partnerflow.infra.InfraOptions;
import io.partnerflow.infra.Launcher;
import io.partnerflow.infra.demo.DemoClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The FULL fault-injection suite (issue #8), one command with a printed report:
 * <pre>
 * bench/fault-injection.sh [--rate 3] [--phase-seconds 20] [--partners 12]
 * </pre>
 * It starts the whole system on free ports with fresh state — PostgreSQL durable ({@code synchronous_commit=on},
 * fsync on), the Kafka broker as ITS OWN PROCESS — and, while a CRM streams signed closed-won deals at a fixed rate
 * (retrying unanswered deliveries as a CRM does), injects one fault after another: kill -9 of each of the five
 * services in turn (the launcher restarts them), a payout run created three times concurrently then payout-service
 * killed before its approval, a Kafka broker restart, a PostgreSQL restart, the outbox relay stopped for a while,
 * duplicate and replayed webhooks, poison on every topic. Then it proves the invariants (every accepted deal reached
 * the ledger exactly once; every journal balances; no earning paid twice; produced = processed + dead-lettered) and
 * replays the topics into FRESH databases of attribution-, incentive- and payout-service (same configuration,
 * started as second copies reading from offset 0 under new consumer groups, publishing to {@code replay.*} topics)
 * and compares attribution, earnings and ledger hashes. Exit status 0 only if every check passed.
 */
public final class FaultRun {
    private static final PrintStream OUT = System.out;

    private final Launcher system;
    private final DemoClient api;
    private final String admin;
    private final String maker;
    private final String checker;
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final List<String> accounts = new ArrayList<>();
    private final List<String> timeline = new ArrayList<>();
    private final long t0 = System.nanoTime();
    private final int phaseSeconds;
    private CrmLoad load;
    private Map<String, Object> programBody;
    private Map<String, Object> fxBody;

    private FaultRun(Launcher system, int phaseSeconds) throws Exception {
        this.system = system;
        this.phaseSeconds = phaseSeconds;
        this.api = new DemoClient(system.urls());
        DevTokens tokens = DevTokens.ensureKeys(system.options().stateDir().resolve("keys"));
        this.admin = tokens.mint("fault-admin", Set.of("admin", "channel-manager", "finance"), null, Duration.ofHours(4));
        this.maker = tokens.mint("fault-finance-maker", Set.of("finance"), null, Duration.ofHours(4));
        this.checker = tokens.mint("fault-finance-checker", Set.of("finance"), null, Duration.ofHours(4));
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        double rate = 3;
        int phaseSeconds = 20;
        int partners = 12;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rate" -> rate = Double.parseDouble(args[++i]);
                case "--phase-seconds" -> phaseSeconds = Integer.parseInt(args[++i]);
                case "--partners" -> partners = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "\nusage: bench/fault-injection.sh [--rate 3] [--phase-seconds 20] [--partners 12]");
            }
        }
        // durable PostgreSQL (synchronous_commit on) is the launcher's default; the broker runs as its own process
        InfraOptions o = InfraOptions.parse(new String[] {"--free-ports", "--clean", "--state-dir", ".partnerflow/faults",
                "--kafka-process"});
        Launcher system = Launcher.start(o);
        boolean passed = false;
        try {
            passed = new FaultRun(system, phaseSeconds).play(rate, partners);
        } catch (Exception e) {
            e.printStackTrace();
        } finally {
            OUT.flush();
            System.exit(passed ? 0 : 1);
        }
    }

    private boolean play(double rate, int partners) throws Exception {
        setup(partners);
        load = new CrmLoad(() -> system.urls().get("deal"), Files.readString(system.options().stateDir().resolve("demo/webhook-secret")).trim(),
                accounts, run);
        OUT.printf("%nfault run %s: %.1f deals/s open loop, %d s of steady load around each fault%n", run, rate, phaseSeconds);
        load.start(rate);
        phase("steady load", () -> { });
        for (String svc : Launcher.SERVICES) {
            phase("kill -9 " + svc + "-service (the launcher restarts it)", () -> killAndAwaitRestart(svc));
        }
        phase("payout run created 3× concurrently (2 keys), payout-service killed -9 before approval, then approved and paid",
                this::payoutRunUnderFault);
        phase("Kafka broker restarted (own process, SIGTERM → start)", () -> {
            long start = System.nanoTime();
            system.infra().restartKafka(false);
            note(String.format("broker answering again after %.1f s", (System.nanoTime() - start) / 1e9));
        });
        phase("PostgreSQL crashed (SIGQUIT = immediate shutdown) and restarted (crash recovery, synchronous_commit on)",
                () -> note("away " + system.infra().crashRestartPostgres() + " ms"));
        phase("outbox relay stopped for " + phaseSeconds + " s, then started", () -> {
            system.infra().stopRelay();
            DemoClient.sleep(phaseSeconds * 1000L);
            system.infra().startRelay();
        });
        phase("duplicate and replayed webhooks", this::duplicatesAndReplays);
        phase("poison on every topic", this::poisonEverywhere);
        load.stop();
        boolean settled = load.awaitSettled(Duration.ofMinutes(5));
        mark("load stopped: " + load.sent.size() + " deals sent, " + load.accepted.size() + " accepted, " + load.gaveUp.size()
                + " given up" + (settled ? "" : " (deliveries still retrying)") + "; " + load.attempts.get() + " HTTP attempts, "
                + load.retried.get() + " retried; statuses " + new java.util.TreeMap<>(load.statuses));

        Topics topics = new Topics(system.infra().kafkaBootstrapServers());
        Invariants inv = new Invariants(system.infra()::postgresPort, topics);
        awaitDrained(inv, topics);
        payoutRun("final", false);
        List<String> flow = new ArrayList<>();
        List<Invariants.Check> checks = new ArrayList<>();
        checks.add(inv.everyAcceptedDealInTheLedgerExactlyOnce(load.accepted, "FR-" + run + "-"));
        checks.add(inv.everyJournalBalances());
        checks.add(inv.noEarningPaidTwice());
        checks.add(inv.producedEqualsProcessedPlusDeadLettered(flow));
        checks.add(new Replay(system, inv, topics, admin, programBody, fxBody, OUT).run());
        load.shutdown();
        return report(checks, flow);
    }

    // ------------------------------------------------------------------ setup

    private void setup(int n) {
        RunSetup setup = RunSetup.configure(api, admin, maker, run, "Fault-run", n);
        accounts.addAll(setup.accounts());
        programBody = setup.program();
        fxBody = setup.fx();
        mark("setup: " + n + " active partners with ACH payout profiles, a commission program (10 % sourced / 5 % influenced),"
                + " EUR→USD 1.0842");
    }

    // ------------------------------------------------------------------ faults

    interface Action {
        void run() throws Exception;
    }

    private void phase(String name, Action action) throws Exception {
        int acceptedBefore = load.accepted.size();
        long start = System.nanoTime();
        mark("▶ " + name);
        action.run();
        long took = (System.nanoTime() - start) / 1_000_000;
        DemoClient.sleep(phaseSeconds * 1000L);
        mark(String.format("  done in %.1f s; %d more deals accepted since it began (%d in all)", took / 1000.0,
                load.accepted.size() - acceptedBefore, load.accepted.size()));
    }

    private void killAndAwaitRestart(String svc) throws Exception {
        long old = system.process(svc).pid();
        system.kill9(svc);
        long killedAt = System.nanoTime();
        long deadline = killedAt + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            Process p = system.process(svc);
            if (p.pid() != old && p.isAlive() && system.ready(svc)) {
                note(String.format("pid %d killed; pid %d ready %.1f s later", old, p.pid(), (System.nanoTime() - killedAt) / 1e9));
                return;
            }
            DemoClient.sleep(250);
        }
        throw new IllegalStateException(svc + "-service did not come back within 180 s");
    }

    private void payoutRunUnderFault() throws Exception {
        payoutRun("mid-run", true);
    }

    /**
     * Approves the earnings whose hold window ended, creates a run THREE times at once (key A twice, key B once — a
     * double-click and a second finance user), optionally kills payout-service right after, then approves the runs
     * (maker-checker: another user) and settles every item as paid.
     */
    private void payoutRun(String label, boolean killBetween) throws Exception {
        api.post("payout", "/earnings/approvals", maker, null).expectOk("approve due earnings");
        String cutoff = LocalDate.now(ZoneOffset.UTC).toString();
        String keyA = "fault-" + run + "-" + label + "-A";
        String keyB = "fault-" + run + "-" + label + "-B";
        List<CompletableFuture<DemoClient.Reply>> creations = new ArrayList<>();
        for (String key : List.of(keyA, keyA, keyB)) {
            creations.add(CompletableFuture.supplyAsync(() -> api.post("payout", "/payout-runs", maker, Map.of("cutoff", cutoff),
                    Map.of("Idempotency-Key", key))));
        }
        Map<String, Integer> runs = new LinkedHashMap<>();
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<DemoClient.Reply> f : creations) {
            DemoClient.Reply r = f.get(120, TimeUnit.SECONDS);
            statuses.add(r.status());
            if (r.ok()) {
                runs.put(r.body().path("runId").asText(), r.body().path("items").size());
            }
        }
        note(label + " run creations → HTTP " + statuses + "; distinct runs " + runs.size() + " with items " + runs.values());
        if (killBetween) {
            killAndAwaitRestart("payout");
        }
        int paid = 0;
        for (String runId : runs.keySet()) {
            JsonNode approved = api.post("payout", "/payout-runs/" + runId + "/approve", checker, null).expectOk("approve run").body();
            for (JsonNode item : approved.path("items")) {
                api.post("payout", "/payout-runs/" + runId + "/items/" + item.path("itemId").asText() + "/settlement", checker,
                        Map.of("outcome", "paid", "bankReference", "FR-" + item.path("itemId").asText().substring(0, 8),
                                "valueDate", cutoff)).expectOk("settle item");
                paid++;
            }
        }
        note(label + " runs approved by a second finance user; " + paid + " items settled as paid");
    }

    private void duplicatesAndReplays() throws Exception {
        List<CrmLoad.Delivery> earlier = new ArrayList<>(load.accepted.values()).subList(0, Math.min(30, load.accepted.size()));
        List<CompletableFuture<Integer>> same = new ArrayList<>();
        List<CompletableFuture<Integer>> resent = new ArrayList<>();
        for (CrmLoad.Delivery d : earlier) {
            // byte-for-byte replay of the signed request as it was first sent (old timestamp, same webhook id)
            same.add(CompletableFuture.supplyAsync(() -> load.post(d)));
            // the CRM sends the same events again under a new webhook id
            resent.add(CompletableFuture.supplyAsync(() -> load.post(load.resentUnderNewId(d, "again"))));
        }
        Map<Integer, Integer> sameStatus = new java.util.TreeMap<>();
        Map<Integer, Integer> resentStatus = new java.util.TreeMap<>();
        for (CompletableFuture<Integer> f : same) {
            sameStatus.merge(f.get(60, TimeUnit.SECONDS), 1, Integer::sum);
        }
        for (CompletableFuture<Integer> f : resent) {
            resentStatus.merge(f.get(60, TimeUnit.SECONDS), 1, Integer::sum);
        }
        note(earlier.size() + " replayed requests (same webhook id, original signature) → " + sameStatus + "; "
                + earlier.size() + " re-sent under new webhook ids → " + resentStatus);
    }

    private void poisonEverywhere() throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, system.infra().kafkaBootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        int n = 0;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (String topic : Invariants.CONSUMERS.keySet()) {
                // 1: CloudEvents headers of a real type, body not JSON; 2: JSON without any headers at all
                ProducerRecord<String, String> badBody = new ProducerRecord<>(topic, "poison-" + run + "-" + topic + "-1", "{not json");
                badBody.headers().add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8))
                        .add("ce_type", typeOn(topic).getBytes(StandardCharsets.UTF_8))
                        .add("ce_source", "fault-run".getBytes(StandardCharsets.UTF_8))
                        .add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
                producer.send(badBody).get(30, TimeUnit.SECONDS);
                producer.send(new ProducerRecord<>(topic, "poison-" + run + "-" + topic + "-2", "{\"hello\":\"world\"}"))
                        .get(30, TimeUnit.SECONDS);
                n += 2;
            }
        }
        note(n + " poison records on " + Invariants.CONSUMERS.size() + " topics");
    }

    /** A type each topic's consumers handle, so the poison reaches their parsers. */
    private static String typeOn(String topic) {
        return switch (topic) {
            case "crm.webhooks" -> "partnerflow.crm.delivery-received.v1";
            case "partner.events" -> "partnerflow.partner.registered.v1";
            case "deal.events" -> "partnerflow.deal.closed-won.v1";
            case "attribution.events" -> "partnerflow.deal.attributed.v1";
            case "reference.events" -> "partnerflow.fx.rate-published.v1";
            case "incentive.earnings" -> "partnerflow.earning.accrued.v1";
            case "analytics.events" -> "partnerflow.challenge.completed.v1";
            default -> "partnerflow.payout.paid.v1";
        };
    }

    // ------------------------------------------------------------------ drain and report

    /** Waits until every consumer group has consumed its topics to the end and the ledger stopped growing. */
    private void awaitDrained(Invariants inv, Topics topics) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        long lastJournals = -1;
        int stable = 0;
        while (System.nanoTime() < deadline) {
            long lag = 0;
            for (String svc : Launcher.SERVICES) {
                lag += topics.lag(svc + "-service").values().stream().mapToLong(Long::longValue).sum();
            }
            long journals = inv.count("payout", "select count(*) from journal");
            stable = lag == 0 && journals == lastJournals ? stable + 1 : 0;
            lastJournals = journals;
            if (stable >= 5) {
                mark("drained: every consumer group at the end of its topics, " + journals + " journals");
                return;
            }
            DemoClient.sleep(1000);
        }
        mark("NOT drained within 10 minutes");
    }

    private void mark(String line) {
        String s = String.format("[%6.1f s] %s", (System.nanoTime() - t0) / 1e9, line);
        timeline.add(s);
        OUT.println(s);
    }

    private void note(String line) {
        mark("    " + line);
    }

    private boolean report(List<Invariants.Check> checks, List<String> flow) throws Exception {
        StringBuilder r = new StringBuilder("\n==================== fault-injection report ====================\n");
        r.append("machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(ManagementFactory.getOperatingSystemMXBean().getName()).append(", java ").append(Runtime.version())
                .append("; PostgreSQL synchronous_commit=on, fsync=on; Kafka broker in its own process\n");
        r.append("restarts by the launcher's supervisor: ").append(new java.util.TreeMap<>(system.restarts())).append("\n\ntimeline:\n");
        timeline.forEach(l -> r.append(l).append('\n'));
        r.append("\nevents per topic and consumer:\n");
        flow.forEach(l -> r.append(l).append('\n'));
        r.append("\ninvariants:\n");
        boolean all = true;
        for (Invariants.Check c : checks) {
            all &= c.passed();
            r.append(c.passed() ? "  PASS  " : "  FAIL  ").append(c.name()).append("\n        ").append(c.detail()).append('\n');
        }
        r.append(all ? "\nALL INVARIANTS HOLD\n" : "\nSOME INVARIANTS FAILED\n");
        OUT.print(r);
        Path file = system.options().stateDir().resolve("fault-report-" + run + ".txt");
        Files.writeString(file, r.toString());
        OUT.println("report written to " + file);
        return all;
    }
}
