package io.partnerflow.infra.faults;

import io.partnerflow.infra.DevTokens;
import io.partnerflow.infra.InfraOptions;
import io.partnerflow.infra.Launcher;
import io.partnerflow.infra.demo.DemoClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The rebuild benchmark (issue #16): how long replaying the topics of N won deals into FRESH attribution-, incentive-
 * and payout-service databases takes, and whether it gives the same ledger.
 * <pre>
 * bench/rebuild-bench.sh [--deals 100000] [--partners 30] [--limit-minutes 30] [--service-jvm-options "…"] [--from-topics | --partners-late]
 * </pre>
 * Starts the whole system on free ports with fresh state ({@code .partnerflow/rebuild}, PostgreSQL durable), configures
 * it through the public APIs ({@link RunSetup}), then writes N {@code deal.closed-won} events (3 partner touches each,
 * every fourth deal in EUR, odd cents so three-way splits must round) straight onto {@code deal.events} — as
 * deal-service's outbox would, without the CRM side, which the pipeline benchmark measures. The live attribution,
 * incentive and payout services work through them (timed: the live catch-up); then {@link Replay} starts second copies
 * of the three on EMPTY databases reading the topics from offset 0 and compares the attribution, earnings and ledger
 * hashes. By default the copies are chained: each reads what the previous copy derived (the fault run's form);
 * {@code --from-topics} has each copy read the topics its service consumes, all three at once, partner.events first
 * (the rebuild of a lost database); {@code --partners-late} the same with partner.events read beside the money topics,
 * so that work waits for its partners ({@link Replay}).
 * Prints the times and exits 0 only if the hashes are equal.
 */
public final class RebuildBench {
    private static final PrintStream OUT = System.out;
    private static final String[] TOUCHES = {"referral", "demo", "resale"};
    /**
     * The services' JVM flags in this benchmark (live and replay copies): C2 and the SerialGC, as deploy/kubernetes runs
     * them — a rebuild is minutes of bulk work, where C2's compilations pay for themselves (the launcher's C1 default
     * is for start-up and short bursts: docs/benchmarks.md, "C1 or C2"). {@code --service-jvm-options} overrides.
     */
    static final String REBUILD_SERVICE_JVM_OPTIONS = "-Xmx256m -XX:+UseSerialGC -Xss512k";

    public static void main(String[] args) throws Exception {
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        int deals = 100_000;
        int partners = 30;
        long limitMinutes = 30;
        String jvm = REBUILD_SERVICE_JVM_OPTIONS;
        Replay.Form form = Replay.Form.CHAINED;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--deals" -> deals = Integer.parseInt(args[++i]);
                case "--partners" -> partners = Integer.parseInt(args[++i]);
                case "--limit-minutes" -> limitMinutes = Long.parseLong(args[++i]);
                case "--service-jvm-options" -> jvm = args[++i];
                case "--from-topics", "--partners-late" -> {
                    if (form != Replay.Form.CHAINED) {
                        throw new IllegalArgumentException("--from-topics and --partners-late are two forms: give one");
                    }
                    form = args[i].equals("--from-topics") ? Replay.Form.FROM_TOPICS : Replay.Form.PARTNERS_LATE;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "\nusage: bench/rebuild-bench.sh [--deals 100000] [--partners 30] [--limit-minutes 30]"
                        + " [--service-jvm-options \"" + REBUILD_SERVICE_JVM_OPTIONS + "\"] [--from-topics | --partners-late]");
            }
        }
        Launcher system = Launcher.start(InfraOptions.parse(new String[] {"--free-ports", "--clean", "--state-dir",
                ".partnerflow/rebuild", "--service-jvm-options", jvm}));
        OUT.println("rebuild bench: service JVM options " + jvm);
        boolean passed = false;
        try {
            passed = run(system, deals, partners, limitMinutes, form);
        } catch (Exception e) {
            e.printStackTrace();
        } finally {
            OUT.flush();
            System.exit(passed ? 0 : 1);
        }
    }

    private static boolean run(Launcher system, int deals, int partners, long limitMinutes, Replay.Form form) throws Exception {
        DevTokens tokens = DevTokens.ensureKeys(system.options().stateDir().resolve("keys"));
        String admin = tokens.mint("rebuild-admin", Set.of("admin", "channel-manager", "finance"), null, Duration.ofHours(4));
        String maker = tokens.mint("rebuild-finance", Set.of("finance"), null, Duration.ofHours(4));
        String run = UUID.randomUUID().toString().substring(0, 6);
        RunSetup setup = RunSetup.configure(new DemoClient(system.urls()), admin, maker, run, "Rebuild", partners);
        OUT.printf("rebuild bench %s: %d partners configured; writing %d won deals onto deal.events%n", run, partners, deals);

        long t0 = System.nanoTime();
        produce(system.infra().kafkaBootstrapServers(), setup.partnerIds(), deals);
        double produced = (System.nanoTime() - t0) / 1e9;
        OUT.printf("produced %d deal.closed-won events in %.1f s%n", deals, produced);

        Topics topics = new Topics(system.infra().kafkaBootstrapServers());
        Invariants inv = new Invariants(system.infra()::postgresPort, topics);
        double live = awaitLive(inv, topics, limitMinutes);
        long booked = inv.count("payout", "select count(*) from journal where lower(kind) = 'earning_booked'");
        OUT.printf("live pipeline caught up %.1f s after the last deal was written (%d earnings booked)%n", live, booked);
        // the replay must not share the two cores with the live read models' backlog (in the 100k run of session 11
        // analytics-service was still catching up during the whole replay): wait for them too, and say how long
        double others = awaitLag(topics, List.of("analytics-service", "partner-service"), limitMinutes);
        OUT.printf("live analytics and partner consumers caught up %.1f s later%n", others);

        Replay replay = new Replay(system, inv, topics, admin, setup.program(), setup.fx(), OUT, limitMinutes, form);
        Invariants.Check check = replay.run();
        OUT.printf("%nREBUILD: %d deals (%d booked earnings) replayed into fresh attribution/incentive/payout databases (%s) in"
                        + " %.1f s = %.0f deals/s (first seen caught up after %.1f s, then confirmed for 5 s); live catch-up"
                        + " after the write %.1f s%n%s  %s%n    %s%n", deals, booked, form.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
                replay.seconds(), deals / replay.seconds(),
                replay.caughtUpSeconds(), live, check.passed() ? "PASS" : "FAIL", check.name(), check.detail());
        return check.passed();
    }

    /** N won deals, keyed by deal id, in large compressed producer batches (acks=all, idempotent). */
    private static void produce(String bootstrap, List<String> partners, int deals) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(512 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        Instant closedBase = Instant.now().minus(Duration.ofDays(60));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < deals; i++) {
                String dealId = UUID.randomUUID().toString();
                Instant closed = closedBase.plusSeconds(i % 86_400L * 30);
                RecordHeaders h = new RecordHeaders();
                Map.of("ce_id", UUID.randomUUID().toString(), "ce_type", "partnerflow.deal.closed-won.v1",
                        "ce_source", "/partnerflow/deal-service", "ce_time", closed.toString(), "ce_subject", dealId,
                        "ce_specversion", "1.0").forEach((k, v) -> h.add(k, v.getBytes(StandardCharsets.UTF_8)));
                producer.send(new ProducerRecord<>("deal.events", null, dealId, closedWon(dealId, i, closed, partners), h));
            }
            producer.flush();
        }
    }

    /** A won deal: three touches by three partners over the month before the close, one line, odd cents. */
    static String closedWon(String dealId, int i, Instant closed, List<String> partners) {
        String currency = i % 4 == 3 ? "EUR" : "USD";
        String amount = (1_000 + i % 9_000) + "." + String.format("%02d", 1 + i % 97);
        StringBuilder touches = new StringBuilder();
        for (int t = 0; t < 3; t++) {
            String partner = partners.get((i + t * 7) % partners.size());
            touches.append(t == 0 ? "" : ",").append("""
                    {"touchpointId":"%s","partnerId":"%s","touchType":"%s","occurredAt":"%s","source":"crm","crmRef":"RB-%d-%d"}"""
                    .formatted(UUID.nameUUIDFromBytes((dealId + t).getBytes(StandardCharsets.UTF_8)), partner, TOUCHES[t],
                            closed.minus(Duration.ofDays(30 - t * 10)), i, t));
        }
        return """
                {"dealId":"%s","crmDealId":"RB-%d","crmSystem":"generic","revision":1,"name":"Rebuild deal %d",
                 "dealType":"new_business","customer":{"crmAccountId":"RB-C-%d","name":"Customer %d","country":"US"},
                 "amount":{"amount":"%s","currency":"%s"},
                 "lines":[{"lineNumber":1,"sku":"RB-SKU","productName":"Platform","category":"software","quantity":"1",
                           "unitPrice":{"amount":"%s","currency":"%s"},"amount":{"amount":"%s","currency":"%s"}}],
                 "createdAt":"%s","closedAt":"%s","registration":null,"touchpoints":[%s]}"""
                .formatted(dealId, i, i, i % 500, i % 500, amount, currency, amount, currency, amount, currency,
                        closed.minus(Duration.ofDays(45)), closed, touches);
    }

    /** Seconds until the groups' lag is 0 in 3 polls in a row (a second apart). */
    private static double awaitLag(Topics topics, List<String> groups, long limitMinutes) throws Exception {
        long t0 = System.nanoTime();
        long deadline = t0 + TimeUnit.MINUTES.toNanos(limitMinutes);
        int stable = 0;
        while (System.nanoTime() < deadline && stable < 3) {
            stable = lag(topics, groups) == 0 ? stable + 1 : 0;
            DemoClient.sleep(1000);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** The records the groups have yet to consume, over all their partitions. */
    private static long lag(Topics topics, List<String> groups) throws Exception {
        long lag = 0;
        for (String group : groups) {
            lag += topics.lag(group).values().stream().mapToLong(Long::longValue).sum();
        }
        return lag;
    }

    /** Seconds until the live services' lag is 0 and the ledger stopped growing (≈ 5 s of quiet polls included). */
    private static double awaitLive(Invariants inv, Topics topics, long limitMinutes) throws Exception {
        long t0 = System.nanoTime();
        long deadline = t0 + TimeUnit.MINUTES.toNanos(limitMinutes);
        long last = -1;
        int stable = 0;
        while (System.nanoTime() < deadline && stable < 5) {
            long lag = lag(topics, List.of("attribution-service", "incentive-service", "payout-service"));
            // counting the journals is a scan of a table of up to 100,000s of rows: only once nothing is left to consume
            long booked = lag == 0 ? inv.count("payout", "select count(*) from journal where lower(kind) = 'earning_booked'") : -1;
            stable = lag == 0 && booked == last && booked > 0 ? stable + 1 : 0;
            last = booked;
            DemoClient.sleep(1000);
        }
        return (System.nanoTime() - t0) / 1e9;
    }
}
