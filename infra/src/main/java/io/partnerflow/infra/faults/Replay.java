package io.partnerflow.infra.faults;

import io.partnerflow.infra.Launcher;
import io.partnerflow.infra.demo.DemoClient;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Replays the topics into FRESH databases: a second copy of attribution-, incentive- and payout-service, each on a new
 * empty database, with the same configuration (the same program and FX rate posted to the incentive copy through its
 * REST API, as the originals got them), reading the real topics from offset 0 under new consumer groups. The copies
 * are chained through {@code replay.*} topics (the relay publishes their outboxes there), so the incentive copy
 * consumes what the attribution copy derived, and the payout copy what the incentive copy derived — nothing is
 * mixed into the real topics. The run passes when attribution, earnings and event-booked ledger hash the same.
 */
final class Replay {
    static final String PREFIX = "replay.";
    /** Consumers of the payout copy's earnings channel: the topics' partitions ({@code KafkaServer.PARTITIONS}). */
    static final int PAYOUT_CONSUMERS = 3;

    private final Launcher system;
    private final Invariants inv;
    private final Topics topics;
    private final String admin;
    private final Map<String, Object> program;
    private final Map<String, Object> fx;
    private final PrintStream out;
    private final long limitMinutes;
    private double seconds;
    private double caughtUpSeconds = Double.NaN; // never seen caught up (the limit ran out)

    Replay(Launcher system, Invariants inv, Topics topics, String admin, Map<String, Object> program, Map<String, Object> fx,
           PrintStream out) {
        this(system, inv, topics, admin, program, fx, out, 10);
    }

    /** {@code limitMinutes}: how long the copies may take to catch up before the hashes are compared anyway. */
    Replay(Launcher system, Invariants inv, Topics topics, String admin, Map<String, Object> program, Map<String, Object> fx,
           PrintStream out, long limitMinutes) {
        this.limitMinutes = limitMinutes;
        this.system = system;
        this.inv = inv;
        this.topics = topics;
        this.admin = admin;
        this.program = program;
        this.fx = fx;
        this.out = out;
    }

    Invariants.Check run() throws Exception {
        long t0 = System.nanoTime();
        List<String> dbs = List.of("attribution_replay", "incentive_replay", "payout_replay");
        system.infra().ensureDatabases(dbs);
        // only the copies whose outboxes feed the next copy are relayed: booking earnings writes no outbox row in payout,
        // and a relay on payout_replay would only decode its WAL (≈ 1 GB per 100,000 deals) to find nothing (session 20)
        List<String> relayed = List.of("attribution_replay", "incentive_replay");
        system.infra().relayTo(relayed, PREFIX);
        out.println("replay: fresh databases " + dbs + ", the outboxes of " + relayed + " relayed to " + PREFIX + "* topics");

        // incentive and payout start together; incentive's configuration must be in place before the first attribution
        // reaches it, so the attribution copy starts once the program and the rate are posted
        // every incoming channel of a copy is listed: one left out kept the LIVE group and joined it (session 20)
        Launcher.Copy incentiveCopy = system.launchCopy("incentive", "incentive_replay", consumerConfig(Map.of(
                "attribution-events", "attribution.events", "partner-events", "partner.events", "analytics-events",
                "analytics.events"), Map.of("attribution-events",
                PREFIX + "attribution.events"), "incentive-service"));
        Map<String, String> payoutConfig = consumerConfig(Map.of("incentive-earnings", "incentive.earnings", "partner-events",
                "partner.events"), Map.of("incentive-earnings", PREFIX + "incentive.earnings"), "payout-service");
        // the last copy of the chain books at the pace the incentive copy derives earnings, then works off the rest alone:
        // one consumer per partition of its topic, each with its own stream and transactions (as three replicas would),
        // so that tail is not one connection's pace. Not "partitions": its consumers feed ONE stream, applied one batch
        // after the other, and three consumers' prefetch then filled the copy's heap (session 20)
        payoutConfig.put("mp.messaging.incoming.incentive-earnings.concurrency", String.valueOf(PAYOUT_CONSUMERS));
        Launcher.Copy payoutCopy = system.launchCopy("payout", "payout_replay", payoutConfig);
        String incentive = incentiveCopy.awaitReady();
        DemoClient copyApi = new DemoClient(Map.of("incentive", incentive));
        copyApi.post("incentive", "/programs", admin, program).expectOk("program on the replay copy");
        copyApi.post("incentive", "/fx-rates", admin, fx).expectOk("fx rate on the replay copy");
        Launcher.Copy attributionCopy = system.launchCopy("attribution", "attribution_replay", consumerConfig(
                Map.of("deal-events", "deal.events", "partner-events", "partner.events"), Map.of(), "attribution-service"));
        payoutCopy.awaitReady();
        attributionCopy.awaitReady();
        out.printf("replay: copies of incentive, payout and attribution ready after %.1f s; replaying…%n", (System.nanoTime() - t0) / 1e9);

        String bookedSql = "select count(*) from journal where lower(kind) = 'earning_booked'";
        long expected = inv.count("payout", bookedSql);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(limitMinutes);
        int stable = 0;
        long last = -1;
        long polls = 0;
        while (System.nanoTime() < deadline && stable < 5) {
            Map<String, Long> lags = new LinkedHashMap<>();
            for (String group : List.of("attribution-service-replay", "incentive-service-replay", "payout-service-replay")) {
                lags.put(group.replace("-service-replay", ""), topics.lag(group).values().stream().mapToLong(Long::longValue).sum());
            }
            long lag = lags.values().stream().mapToLong(Long::longValue).sum();
            boolean report = ++polls % 15 == 0;
            // the count scans the copy's journal table (up to 100,000s of rows): not every second while the copies work,
            // where it took PostgreSQL time from them (session 19)
            long booked = lag == 0 || report ? inv.count("payout_replay", bookedSql) : -1;
            stable = booked == last && lag == 0 && booked >= expected ? stable + 1 : 0;
            if (stable == 1) {
                caughtUpSeconds = (System.nanoTime() - t0) / 1e9; // first seen caught up: booked unchanged, lag 0
            }
            if (report) {
                out.printf("replay: %.0f s, %d of %d earning journals booked, consumer lag %s%n",
                        (System.nanoTime() - t0) / 1e9, booked, expected, lags);
            }
            last = booked;
            DemoClient.sleep(1000);
        }
        // includes starting the copies and the ≈ 5 s of quiet polls that confirm the catch-up (conservative)
        seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, String[]> hashes = new LinkedHashMap<>();
        hashes.put("attribution", new String[] {inv.attributionHash("attribution"), inv.attributionHash("attribution_replay")});
        hashes.put("earnings", new String[] {inv.earningsHash("incentive"), inv.earningsHash("incentive_replay")});
        hashes.put("ledger", new String[] {inv.ledgerHash("payout"), inv.ledgerHash("payout_replay")});
        boolean same = hashes.values().stream().allMatch(h -> h[0].equals(h[1]));
        StringBuilder detail = new StringBuilder(String.format("replayed in %.0f s; ", seconds));
        hashes.forEach((what, h) -> detail.append(what).append(' ').append(h[0])
                .append(h[0].equals(h[1]) ? " = replay" : " ≠ replay " + h[1]).append("; "));
        return new Invariants.Check("replaying the topics into fresh attribution/incentive/payout databases gives the same hashes",
                same, detail.append("(ledger = every journal booked from an event with its postings; runs and approvals are REST"
                        + " commands, not events)").toString());
    }

    /** Seconds from creating the fresh databases until the copies are confirmed caught up (after {@link #run}). */
    double seconds() {
        return seconds;
    }

    /** Seconds from creating the fresh databases until the copies were first seen caught up (the confirmation excluded). */
    double caughtUpSeconds() {
        return caughtUpSeconds;
    }

    /**
     * The copy's consumer settings: every incoming channel gets a new group (so it reads from offset 0), its own
     * dead-letter topic and catch-up polls; {@code topics} moves a channel onto a {@code replay.*} topic.
     */
    private static Map<String, String> consumerConfig(Map<String, String> channelTopics, Map<String, String> topics, String service) {
        Map<String, String> c = new LinkedHashMap<>();
        channelTopics.forEach((channel, topic) -> {
            String source = topics.getOrDefault(channel, topic);
            String prefix = "mp.messaging.incoming." + channel + ".";
            c.put(prefix + "topic", source);
            c.put(prefix + "group.id", service + "-replay");
            c.put(prefix + "dead-letter-queue.topic", (source.startsWith(PREFIX) ? "" : PREFIX) + source + ".dlq." + service);
            // a catch-up consumer: polls of up to 1,000 records (the live default is 500), so fewer, fuller transactions
            c.put(prefix + "max.poll.records", "1000");
            c.put(prefix + "max.partition.fetch.bytes", String.valueOf(4 << 20));
        });
        return c;
    }
}
