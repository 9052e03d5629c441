package io.partnerflow.infra.faults;

import io.partnerflow.infra.Infra;
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
 * REST API, as the originals got them), under new consumer groups reading from offset 0. Two forms:
 * <ul>
 * <li><b>from the topics</b> ({@code --from-topics}, {@code --partners-late} in the rebuild benchmark): each copy reads
 * the real topics its service consumes, as the rebuild of a lost database would — the three work in parallel and
 * nothing they write is relayed;</li>
 * <li><b>chained</b> (the fault run, and the rebuild benchmark's default): the copies are chained through
 * {@code replay.*} topics (the relay publishes their outboxes there), so the incentive copy consumes what the
 * attribution copy derived, and the payout copy what the incentive copy derived — stronger (the re-derived events give
 * the same result downstream), and dearer (every copy's output goes through the relay and Kafka once more).</li>
 * </ul>
 * Nothing is mixed into the real topics. The run passes when attribution, earnings and event-booked ledger hash the same.
 */
final class Replay {
    static final String PREFIX = "replay.";
    /** Consumers of the payout copy's earnings channel: one per partition of its topic. */
    static final int COPY_CONSUMERS = Infra.TOPIC_PARTITIONS;
    private static final Map<String, String> ATTRIBUTION_CHANNELS = Map.of("deal-events", "deal.events", "partner-events",
            "partner.events");
    private static final Map<String, String> INCENTIVE_CHANNELS = Map.of("attribution-events", "attribution.events",
            "partner-events", "partner.events", "analytics-events", "analytics.events");
    private static final Map<String, String> PAYOUT_CHANNELS = Map.of("incentive-earnings", "incentive.earnings",
            "partner-events", "partner.events");

    private final Launcher system;
    private final Invariants inv;
    private final Topics topics;
    private final String admin;
    private final Map<String, Object> program;
    private final Map<String, Object> fx;
    private final PrintStream out;
    private final long limitMinutes;
    private final Form form;

    /** How the copies are fed (the class comment). */
    enum Form {
        /** Each copy reads what the previous copy derived (the fault run's form). */
        CHAINED,
        /** Each copy reads the real topics, the incentive and payout copies partner.events first (a rebuild's order). */
        FROM_TOPICS,
        /**
         * Each copy reads the real topics, partner.events beside the money topics: attributions and earnings arrive
         * before their partners and wait, thousands per partner — the waiting-work path under a rebuild's load.
         */
        PARTNERS_LATE
    }
    private double seconds;
    private double caughtUpSeconds = Double.NaN; // never seen caught up (the limit ran out)

    Replay(Launcher system, Invariants inv, Topics topics, String admin, Map<String, Object> program, Map<String, Object> fx,
           PrintStream out) {
        this(system, inv, topics, admin, program, fx, out, 10, Form.CHAINED);
    }

    /**
     * {@code limitMinutes}: how long the copies may take to catch up before the hashes are compared anyway;
     * {@code form}: how the copies are fed.
     */
    Replay(Launcher system, Invariants inv, Topics topics, String admin, Map<String, Object> program, Map<String, Object> fx,
           PrintStream out, long limitMinutes, Form form) {
        this.limitMinutes = limitMinutes;
        this.form = form;
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
        if (form == Form.CHAINED) {
            startChained();
        } else {
            startFromTopics(form == Form.PARTNERS_LATE);
        }
        out.printf("replay: copies of incentive, payout and attribution ready after %.1f s; replaying…%n", (System.nanoTime() - t0) / 1e9);

        // caught up = no lag, and each copy holds as many attributions, earnings and booked journals as the original (a
        // group that has not committed on a partition yet shows no lag there: the lag alone said "done" too early)
        Map<String, String> counts = new LinkedHashMap<>();
        counts.put("attribution", "select count(*) from attribution");
        counts.put("incentive", "select count(*) from earning");
        counts.put("payout", "select count(*) from journal where lower(kind) = 'earning_booked'");
        Map<String, Long> expected = new LinkedHashMap<>();
        for (var c : counts.entrySet()) {
            expected.put(c.getKey(), inv.count(c.getKey(), c.getValue()));
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(limitMinutes);
        int stable = 0;
        Map<String, Long> last = Map.of();
        long polls = 0;
        while (System.nanoTime() < deadline && stable < 5) {
            Map<String, Long> lags = new LinkedHashMap<>();
            for (String group : List.of("attribution-service-replay", "incentive-service-replay", "payout-service-replay")) {
                lags.put(group.replace("-service-replay", ""), topics.lag(group).values().stream().mapToLong(Long::longValue).sum());
            }
            long lag = lags.values().stream().mapToLong(Long::longValue).sum();
            boolean report = ++polls % 15 == 0;
            // the counts scan the copies' tables (up to 100,000s of rows): not every second while the copies work,
            // where it took PostgreSQL time from them (session 19)
            Map<String, Long> now = new LinkedHashMap<>();
            if (lag == 0 || report) {
                for (var c : counts.entrySet()) {
                    now.put(c.getKey(), inv.count(c.getKey() + "_replay", c.getValue()));
                }
            }
            boolean complete = !now.isEmpty() && expected.keySet().stream().allMatch(k -> now.get(k) >= expected.get(k));
            stable = lag == 0 && complete && now.equals(last) ? stable + 1 : 0;
            if (stable == 1) {
                caughtUpSeconds = (System.nanoTime() - t0) / 1e9; // first seen caught up: counts unchanged, lag 0
            }
            if (report) {
                out.printf("replay: %.0f s, attributions / earnings / earning journals %s of %s, consumer lag %s%n",
                        (System.nanoTime() - t0) / 1e9, now.values(), expected.values(), lags);
            }
            last = now;
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

    private void startChained() throws Exception {
        // only the copies whose outboxes feed the next copy are relayed: booking earnings writes no outbox row in payout,
        // and a relay on payout_replay would only decode its WAL (≈ 1 GB per 100,000 deals) to find nothing (session 20)
        List<String> relayed = List.of("attribution_replay", "incentive_replay");
        system.infra().relayTo(relayed, PREFIX);
        out.println("replay, chained: the outboxes of " + relayed + " relayed to " + PREFIX + "* topics");

        // incentive and payout start together; incentive's configuration must be in place before the first attribution
        // reaches it, so the attribution copy starts once the program and the rate are posted
        // every incoming channel of a copy is listed: one left out kept the LIVE group and joined it (session 20)
        Launcher.Copy incentiveCopy = system.launchCopy("incentive", "incentive_replay", consumerConfig(INCENTIVE_CHANNELS,
                Map.of("attribution-events", PREFIX + "attribution.events"), "incentive-service"));
        Map<String, String> payoutConfig = consumerConfig(PAYOUT_CHANNELS, Map.of("incentive-earnings", PREFIX + "incentive.earnings"),
                "payout-service");
        // the last copy of the chain books at the pace the incentive copy derives earnings, then works off the rest alone:
        // one consumer per partition of its topic, each with its own stream and transactions (as three replicas would),
        // so that tail is not one connection's pace. Not "partitions": its consumers feed ONE stream, applied one batch
        // after the other, and three consumers' prefetch then filled the copy's heap (session 20)
        payoutConfig.put("mp.messaging.incoming.incentive-earnings.concurrency", String.valueOf(COPY_CONSUMERS));
        Launcher.Copy payoutCopy = system.launchCopy("payout", "payout_replay", payoutConfig);
        configure(incentiveCopy.awaitReady());
        Launcher.Copy attributionCopy = system.launchCopy("attribution", "attribution_replay",
                consumerConfig(ATTRIBUTION_CHANNELS, Map.of(), "attribution-service"));
        payoutCopy.awaitReady();
        attributionCopy.awaitReady();
    }

    /**
     * Every copy on the real topics its service consumes, started once. The attribution copy reads them at once. The
     * incentive and payout copies start with their money channels paused ({@code pausable}, {@code pausable.initially-paused}):
     * they read the reference data alone — partner.events and analytics.events — and the incentive copy gets its program
     * and rate; then the money channels are resumed through each copy's {@code /admin/consumers} (what the runbook's
     * "Recover a service from Kafka" does). Reading the partners first is the faster order: an attribution or earning
     * that arrives before its partner waits, and what waited is run a chunk per transaction (the registration's, then
     * the services' sweeps every 10 s). {@code partnersLate} takes that path on purpose: only the incentive copy's
     * configuration comes first, partner.events is read beside the money topics.
     */
    private void startFromTopics(boolean partnersLate) throws Exception {
        out.println("replay, from the topics: every copy reads the real topics, nothing relayed; "
                + (partnersLate ? "partner.events beside the money topics" : "partner.events first"));
        Launcher.Copy attributionCopy = system.launchCopy("attribution", "attribution_replay",
                consumerConfig(ATTRIBUTION_CHANNELS, Map.of(), "attribution-service"));
        // the incentive copy with one consumer: three (one per partition, as three replicas) made the 100,000-deal replay
        // slower, not faster (408 s against 352 s, session 22)
        Map<String, String> incentiveConfig = consumerConfig(INCENTIVE_CHANNELS, Map.of(), "incentive-service");
        List<String> incentivePaused = partnersLate ? List.of("attribution-events", "partner-events") : List.of("attribution-events");
        incentivePaused.forEach(channel -> paused(incentiveConfig, channel));
        Map<String, String> payoutConfig = consumerConfig(PAYOUT_CHANNELS, Map.of(), "payout-service");
        payoutConfig.put("mp.messaging.incoming.incentive-earnings.concurrency", String.valueOf(COPY_CONSUMERS));
        if (!partnersLate) {
            paused(payoutConfig, "incentive-earnings");
        }
        Launcher.Copy incentiveCopy = system.launchCopy("incentive", "incentive_replay", incentiveConfig);
        Launcher.Copy payoutCopy = system.launchCopy("payout", "payout_replay", payoutConfig);
        String incentiveUrl = incentiveCopy.awaitReady();
        configure(incentiveUrl);
        String payoutUrl = payoutCopy.awaitReady();
        if (!partnersLate) {
            awaitPartners(List.of("incentive", "payout"));
            resume(payoutUrl, "incentive-earnings");
        }
        for (String channel : incentivePaused) {
            resume(incentiveUrl, channel);
        }
        attributionCopy.awaitReady();
    }

    private static void paused(Map<String, String> config, String channel) {
        config.put("mp.messaging.incoming." + channel + ".pausable", "true");
        config.put("mp.messaging.incoming." + channel + ".pausable.initially-paused", "true");
    }

    private void resume(String copyUrl, String channel) {
        new DemoClient(Map.of("copy", copyUrl)).post("copy", "/admin/consumers/" + channel + "/resume", admin, null)
                .expectOk("resume " + channel + " on " + copyUrl);
    }

    /** Until each service's copy knows as many partners as the original (three minutes at most). */
    private void awaitPartners(List<String> services) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        String sql = "select count(*) from partner";
        for (String svc : services) {
            long expected = inv.count(svc, sql);
            while (inv.count(svc + "_replay", sql) < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the " + svc + " copy did not learn the " + expected + " partners within 3 minutes");
                }
                DemoClient.sleep(250);
            }
        }
    }

    /** The incentive copy gets the program and the FX rate the original got, through its REST API. */
    private void configure(String incentiveUrl) {
        DemoClient copyApi = new DemoClient(Map.of("incentive", incentiveUrl));
        copyApi.post("incentive", "/programs", admin, program).expectOk("program on the replay copy");
        copyApi.post("incentive", "/fx-rates", admin, fx).expectOk("fx rate on the replay copy");
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
