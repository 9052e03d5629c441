package io.partnerflow.infra.faults;

import io.partnerflow.infra.demo.DemoClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The CRM side of the fault run: an OPEN-LOOP sender of signed closed-won deals (3 partner touches each, every fourth
 * deal in EUR) at a fixed rate, which behaves like a real CRM's webhook delivery: a delivery that is not answered
 * with 2xx (the service is down, the broker is away, a timeout) is retried with back-off under the SAME webhook id
 * until it is accepted. A deal counts as accepted only once deal-service answered 2xx.
 */
final class CrmLoad {
    /** One signed delivery as sent (so that it can be duplicated or replayed byte for byte). */
    record Delivery(String crmDealId, String webhookId, String body, long timestamp, String signature, String currency,
                    String amount) {
    }

    private final Supplier<String> dealUrl;
    private final String secret;
    private final List<String> accounts;
    private final String run;
    // HTTP/1.1 as CRMs send webhooks (over one HTTP/2 connection the JDK client refuses requests beyond the server's
    // concurrent-stream limit, which counted as "no answer" without the system being at fault)
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).executor(Executors.newFixedThreadPool(8)).build();
    private final ExecutorService senders = Executors.newFixedThreadPool(256, r -> { // mostly asleep between retries
        Thread t = new Thread(r, "crm-sender");
        t.setDaemon(true);
        return t;
    });
    final Map<String, Delivery> accepted = new ConcurrentHashMap<>();
    final List<Delivery> sent = java.util.Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger attempts = new AtomicInteger();
    final AtomicInteger retried = new AtomicInteger();
    final Set<String> gaveUp = ConcurrentHashMap.newKeySet();
    final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private volatile boolean running = true;
    private Thread thread;

    CrmLoad(Supplier<String> dealUrl, String secret, List<String> accounts, String run) {
        this.dealUrl = dealUrl;
        this.secret = secret;
        this.accounts = accounts;
        this.run = run;
    }

    void start(double ratePerSecond) {
        thread = new Thread(() -> {
            long start = System.nanoTime();
            for (int i = 0; running; i++) {
                long due = start + (long) (i * 1e9 / ratePerSecond);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    DemoClient.sleep(TimeUnit.NANOSECONDS.toMillis(wait));
                }
                Delivery d = delivery(i);
                sent.add(d);
                senders.execute(() -> deliverUntilAccepted(d));
            }
        }, "crm-load");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops creating deals; deliveries still being retried carry on. */
    void stop() throws InterruptedException {
        running = false;
        thread.join();
    }

    /** Waits until every sent deal was accepted (or given up after 10 minutes of retries). */
    boolean awaitSettled(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (accepted.size() + gaveUp.size() >= sent.size()) {
                return true;
            }
            DemoClient.sleep(250);
        }
        return false;
    }

    private Delivery delivery(int i) {
        String crm = "FR-" + run + "-" + i;
        Instant closed = Instant.now().minus(40, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String currency = i % 4 == 3 ? "EUR" : "USD";
        // amounts with odd cents: three-way splits must round, and still sum to the deal
        String amount = new java.math.BigDecimal(1000 + (i * 37) % 9000).add(new java.math.BigDecimal(i % 100).movePointLeft(2))
                .add(new java.math.BigDecimal("0.01")).setScale(2).toPlainString();
        List<Map<String, Object>> events = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            String tp = crm + "-T" + t;
            events.add(Map.of("id", tp, "type", "touchpoint.recorded", "version", 1, "data", Map.of(
                    "touchpointId", tp, "dealId", crm, "partnerAccountId", accounts.get((i + t * 5) % accounts.size()),
                    "type", t == 0 ? "referral" : t == 1 ? "demo" : "resale",
                    "occurredAt", closed.minus(30 - t * 7L, ChronoUnit.DAYS).toString())));
        }
        Map<String, Object> deal = new LinkedHashMap<>();
        deal.put("dealId", crm);
        deal.put("name", "Fault-run deal " + i);
        deal.put("customer", Map.of("name", "Fault-run customer " + i, "country", i % 2 == 0 ? "US" : "DE"));
        deal.put("currency", currency);
        deal.put("amount", amount);
        deal.put("stage", "Closed Won");
        deal.put("createdAt", closed.minus(60, ChronoUnit.DAYS).toString());
        deal.put("closedAt", closed.toString());
        deal.put("lines", List.of(Map.of("sku", "NWC-PLAT-ENT-1Y", "category", "software", "quantity", "5", "amount", amount)));
        events.add(Map.of("id", crm, "type", "deal.upserted", "version", 1, "data", deal));
        String body = DemoClient.write(Map.of("events", events));
        return sign("fr-" + crm, body, crm, currency, amount);
    }

    private Delivery sign(String webhookId, String body, String crm, String currency, String amount) {
        long ts = Instant.now().getEpochSecond();
        return new Delivery(crm, webhookId, body, ts, "v1," + DemoClient.sign(secret, webhookId + "." + ts + "." + body),
                currency, amount);
    }

    /** A CRM's retry loop: same webhook id, re-signed with a fresh timestamp, back-off 0.5 s → 8 s, for 10 minutes. */
    private void deliverUntilAccepted(Delivery first) {
        Delivery d = first;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        long backoff = 500;
        while (true) {
            int status = post(d);
            if (status / 100 == 2) {
                accepted.put(d.crmDealId(), d);
                return;
            }
            if (System.nanoTime() > deadline || (status / 100 == 4 && status != 408 && status != 429)) {
                gaveUp.add(d.crmDealId() + " (last status " + status + ")");
                return;
            }
            retried.incrementAndGet();
            DemoClient.sleep(backoff);
            backoff = Math.min(8000, backoff * 2);
            d = sign(d.webhookId(), d.body(), d.crmDealId(), d.currency(), d.amount());
        }
    }

    /** Sends one delivery exactly as given (webhook id, timestamp, signature); returns the status, 0 = no answer. */
    int post(Delivery d) {
        attempts.incrementAndGet();
        HttpRequest req = HttpRequest.newBuilder(URI.create(dealUrl.get() + "/webhooks/crm/generic"))
                .timeout(Duration.ofSeconds(15)).header("Content-Type", "application/json")
                .header("webhook-id", d.webhookId()).header("webhook-timestamp", Long.toString(d.timestamp()))
                .header("webhook-signature", d.signature()).POST(HttpRequest.BodyPublishers.ofString(d.body())).build();
        int status;
        try {
            status = http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            status = 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 0;
        }
        statuses.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
        return status;
    }

    /** The same events under a NEW webhook id, freshly signed: a CRM that re-sends what it already delivered. */
    Delivery resentUnderNewId(Delivery d, String suffix) {
        return sign(d.webhookId() + "-" + suffix, d.body(), d.crmDealId(), d.currency(), d.amount());
    }

    void shutdown() {
        senders.shutdownNow();
    }
}
