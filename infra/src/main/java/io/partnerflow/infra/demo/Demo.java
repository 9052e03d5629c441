package io.partnerflow.infra.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.partnerflow.infra.DevTokens;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;

/**
 * The demo the run command plays on a fresh platform: configures a sample program (tier ladder, attribution
 * model rules, FX rates, incentive programs, payout profiles), replays a generated CRM history month by month
 * through SIGNED webhooks (with tier evaluations at each month end), submits live deal registrations (some
 * conflicting), closes the periods, runs and approves a payout run, exports its files — and prints a summary.
 * Only public REST APIs and webhooks are used; Kafka is only read, to show progress.
 */
public final class Demo {
    public static final String WEBHOOK_SOURCE = "demo";
    private static final com.fasterxml.jackson.databind.ObjectMapper SORTED_JSON = new com.fasterxml.jackson.databind.ObjectMapper()
            .enable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /** What the demo needs from the running platform. */
    public record Target(Map<String, String> urls, String kafkaBootstrapServers, Path keysDir, Path outputDir,
                         String webhookSecret) {
    }

    public record Settings(long seed, int partners, int deals, LocalDate historyStart, int quarters) {
        public static Settings defaults() {
            return new Settings(42, 40, 2000, LocalDate.of(2024, 10, 1), 8); // two years: 2024-Q4 … 2026-Q3
        }
    }

    private final Target target;
    private final Settings settings;
    private final PrintStream out;
    private final DemoClient api;
    private final DevTokens tokens;
    private final String admin;
    private final String cm;
    private final String financeMaker;
    private final String financeChecker;
    /** partner index → Partnerflow partner id. */
    private final Map<Integer, String> partnerIds = new TreeMap<>();
    private final DemoWorld world;
    final Map<String, Object> results = new LinkedHashMap<>();
    private DemoAnalytics analytics;

    public Demo(Target target, Settings settings, PrintStream out) throws java.io.IOException {
        this.target = target;
        this.settings = settings;
        this.out = out;
        this.api = new DemoClient(target.urls());
        this.tokens = DevTokens.ensureKeys(target.keysDir());
        this.admin = mint("demo-admin", "admin");
        this.cm = mint("demo-channel-manager", "channel-manager");
        this.financeMaker = mint("demo-finance-maker", "finance");
        this.financeChecker = mint("demo-finance-checker", "finance");
        this.world = DemoWorld.generate(settings.seed(), settings.partners(), settings.deals(), settings.historyStart(),
                settings.quarters());
    }

    private String mint(String sub, String role) {
        return tokens.mint(sub, Set.of(role), null, Duration.ofHours(12));
    }

    private String partnerToken(int index) {
        return tokens.mint("demo-partner-user-" + index, Set.of("partner"), partnerIds.get(index), Duration.ofHours(12));
    }

    public DemoWorld world() {
        return world;
    }

    public Map<String, String> partnerIds() {
        Map<String, String> m = new LinkedHashMap<>();
        partnerIds.forEach((i, id) -> m.put(world.partners.get(i).key(), id));
        return m;
    }

    /** Plays the whole scenario; returns the printed summary's facts. */
    public Map<String, Object> run() throws Exception {
        long t0 = System.nanoTime();
        Files.createDirectories(target.outputDir());
        try (EventCounter events = new EventCounter(target.kafkaBootstrapServers())) {
            Instant start = world.historyStart.minusDays(14).atStartOfDay().toInstant(ZoneOffset.UTC);
            step("Moving the platform's clock to " + start + " to replay history (PUT /admin/clock on every service)");
            setClock(start);
            step("Configuring the sample program (tier ladder, attribution models, incentive program)");
            configure();
            step("Registering " + world.partners.size() + " partners of every type");
            registerPartners();
            replayHistory(events);
            step("Back to the present: " + Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            setClock(Instant.now());
            step("Live deal registrations (" + world.registrations.size() + ", some conflicting)");
            registrations(events);
            step("Partner activities and market development funds");
            activitiesAndMdf();
            step("Waiting for earnings to reach payout-service's ledger");
            waitQuiet(events);
            step("Closing the quarters (rebates, accelerators, caps, MDF expiry)");
            closePeriods();
            waitQuiet(events);
            DemoPayouts payouts = new DemoPayouts(api, world, partnerIds, financeMaker, financeChecker, target.outputDir(), out);
            step("Payout profiles (SEPA, ACH, manual; tax forms; thresholds)");
            payouts.profiles();
            step("Payout run: created by one finance user, approved by another, exported");
            results.putAll(payouts.runAndExport());
            String lastMonth = YearMonth.from(world.historyEnd.minusDays(1)).toString();
            step("Statements for " + lastMonth);
            results.put("statements.dir", payouts.statements(lastMonth));
            step("Analytics: segments, quarter badges, prediction model (trained through " + lastQuarter() + ")");
            analytics = new DemoAnalytics(api, cm, partnerNames(), out);
            try {
                analytics.trigger(lastQuarter());
            } catch (RuntimeException e) { // a small history (--demo-deals 120) may be too short to train on: say so, go on
                out.println("    analytics not complete: " + e.getMessage());
            }
        }
        results.put("demo.seconds", (System.nanoTime() - t0) / 1_000_000_000L);
        new DemoSummary(api, cm, world, partnerIds, results, out).print();
        if (analytics != null) {
            try {
                analytics.print(lastQuarter());
            } catch (RuntimeException e) {
                out.println("Analytics: " + e.getMessage());
            }
        }
        return results;
    }

    /** The launcher's {@code backtest} command: analytics-service's backtest of a running system, with a staff token. */
    public static void printBacktest(String analyticsUrl, Path keysDir, String through, PrintStream out) throws java.io.IOException {
        String token = DevTokens.ensureKeys(keysDir).mint("demo-backtest", Set.of("channel-manager"), null, Duration.ofMinutes(10));
        DemoAnalytics.backtest(new DemoClient(Map.of("analytics", analyticsUrl)), token, through, out);
    }

    private String lastQuarter() {
        LocalDate last = world.historyEnd.minusDays(1);
        return last.getYear() + "-Q" + ((last.getMonthValue() - 1) / 3 + 1);
    }

    private Map<String, String> partnerNames() {
        Map<String, String> m = new LinkedHashMap<>();
        partnerIds.forEach((i, id) -> m.put(id, world.partners.get(i).name() + " (" + world.partners.get(i).lifecycle() + ")"));
        return m;
    }

    // ------------------------------------------------------------------ configuration

    private void configure() {
        api.put("partner", "/tier-ladder", admin, DemoProgram.ladder()).expectOk("tier ladder");
        for (Map<String, Object> model : DemoProgram.models()) {
            api.post("attribution", "/models", cm, model).expectOk("attribution model " + model.get("name"));
        }
        for (Map<String, Object> rule : DemoProgram.modelRules()) {
            api.post("attribution", "/model-rules", cm, rule).expectOk("model rule");
        }
        api.post("incentive", "/programs", cm, DemoProgram.incentiveProgram()).expectOk("incentive program");
    }

    private void publishFx(YearMonth month) {
        for (Map<String, Object> rate : DemoProgram.fxRates(month)) {
            api.post("incentive", "/fx-rates", financeMaker, rate).expectOk("fx rate");
        }
    }

    /**
     * Activity rewards reported by channel managers (go-lives, adoption milestones), and an MDF cycle for every
     * partner with funds in the last quarter: request, approval, claim with proof, approval → reimbursement.
     */
    private void activitiesAndMdf() {
        int activities = 0;
        for (DemoWorld.Partner p : world.partners) {
            if (p.index() % 3 != 0) {
                continue;
            }
            String type = p.index() % 2 == 0 ? "implementation_go_live" : "adoption_milestone";
            api.post("incentive", "/partners/" + partnerIds.get(p.index()) + "/activities", cm, Map.of(
                    "activityId", "demo-" + p.key() + "-1", "type", type,
                    "occurredAt", world.historyEnd.minusDays(20).atStartOfDay().toInstant(ZoneOffset.UTC).toString(),
                    "description", "customer go-live reported by the channel manager")).expectOk("activity");
            activities++;
        }
        String lastQuarter = world.historyEnd.minusDays(1).getYear() + "-Q" + ((world.historyEnd.minusDays(1).getMonthValue() - 1) / 3 + 1);
        int claims = 0;
        for (DemoWorld.Partner p : world.partners) {
            String id = partnerIds.get(p.index());
            JsonNode funds = api.post("incentive", "/mdf/allocations", cm, Map.of("partnerId", id, "period", lastQuarter)).body();
            if (funds == null || !funds.isArray() || funds.isEmpty() || p.index() % 2 == 1) {
                continue; // not eligible (tier) — or a partner that leaves its funds unclaimed (they expire at close)
            }
            String fundId = funds.get(0).path("fundId").asText();
            String currency = funds.get(0).path("currency").asText("USD");
            String partner = partnerToken(p.index());
            Map<String, Object> ask = Map.of("amount", "2500.00", "currency", currency);
            if (!api.post("incentive", "/mdf/funds/" + fundId + "/requests", partner, Map.of("requestId", "webinar", "amount", ask)).ok()) {
                continue;
            }
            api.post("incentive", "/mdf/funds/" + fundId + "/requests/webinar/approve", cm, Map.of()).expectOk("approve MDF request");
            api.post("incentive", "/mdf/funds/" + fundId + "/claims", partner, Map.of("claimId", "webinar-invoice", "requestId", "webinar",
                    "amount", Map.of("amount", "1875.40", "currency", currency), "proofRef", "invoices/" + p.key() + "-webinar.pdf"))
                    .expectOk("MDF claim");
            api.post("incentive", "/mdf/funds/" + fundId + "/claims/webinar-invoice/approve", financeChecker, Map.of())
                    .expectOk("approve MDF claim");
            claims++;
        }
        out.printf("    %d activities reported, %d MDF claims reimbursed (%s)%n", activities, claims, lastQuarter);
        results.put("activities", activities);
        results.put("mdf.claims", claims);
    }

    /** Period close of the history's quarters (rebates, accelerators, caps, MDF settle there). */
    private void closePeriods() {
        YearMonth m = YearMonth.from(world.historyStart);
        while (m.atDay(1).isBefore(world.historyEnd)) {
            String quarter = m.getYear() + "-Q" + ((m.getMonthValue() - 1) / 3 + 1);
            if ((m.getMonthValue() - 1) % 3 == 2) {
                DemoClient.Reply r = api.post("incentive", "/periods/" + quarter + "/close", admin, Map.of()).expectOk("close " + quarter);
                out.printf("    %s closed: %d settlements%n", quarter, r.body().path("settlements").size());
            }
            m = m.plusMonths(1);
        }
    }

    /** Until no new earning has appeared for a few seconds and payout-service has no earning waiting. */
    private void waitQuiet(EventCounter events) {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        long last = -1;
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long now = events.countPrefix("earning.");
            if (now != last) {
                last = now;
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince > Duration.ofSeconds(8).toNanos()) {
                break;
            }
            DemoClient.sleep(500);
        }
        out.printf("    %d earning events on incentive.earnings%n", last);
        results.put("earnings.events", last);
    }

    private void registerPartners() {
        for (DemoWorld.Partner p : world.partners) {
            DemoClient.Reply r = api.post("partner", "/partners", cm, Map.of(
                    "name", p.name(), "type", p.type(), "country", p.country(), "payoutCurrency", p.payoutCurrency(),
                    "webDomains", List.of(p.domain()),
                    "crmAccounts", List.of(Map.of("system", "generic", "accountId", p.crmAccountId())),
                    "primaryContact", Map.of("name", "Channel lead " + p.key(), "email", "lead@" + p.domain())));
            r.expectOk("partner " + p.key());
            String id = r.body().path("id").asText();
            partnerIds.put(p.index(), id);
            api.post("partner", "/partners/" + id + "/status", cm, Map.of("status", "ONBOARDING", "reason", "demo"))
                    .expectOk("onboarding " + p.key());
            api.post("partner", "/partners/" + id + "/status", cm, Map.of("status", "ACTIVE", "reason", "demo"))
                    .expectOk("activate " + p.key());
        }
        // deal-service must know every partner before touches arrive (they would wait visibly otherwise)
        waitFor("partners known to deal-service", Duration.ofSeconds(120), () -> partnerIds.values().stream()
                .filter(id -> api.get("deal", "/partner-directory/" + id, cm).ok()).count(), partnerIds.size());
    }

    private void recordCertifications(YearMonth month) {
        for (DemoWorld.Certification c : world.certifications) {
            if (!YearMonth.from(c.completedAt().atZone(ZoneOffset.UTC)).equals(month)) {
                continue;
            }
            api.post("partner", "/partners/" + partnerIds.get(c.partnerIndex()) + "/certifications", cm, Map.of(
                    "personId", c.personId(), "personName", c.personName(), "certificationCode", c.code(),
                    "certificationName", c.name(), "completedAt", c.completedAt().toString(), "source", "LMS"))
                    .expectOk("certification");
        }
    }

    // ------------------------------------------------------------------ the CRM history, month by month

    private void replayHistory(EventCounter events) throws Exception {
        Map<YearMonth, List<DemoWorld.Deal>> byMonth = new TreeMap<>();
        for (DemoWorld.Deal d : world.deals) {
            byMonth.computeIfAbsent(YearMonth.from(d.closedAt().atZone(ZoneOffset.UTC)), k -> new ArrayList<>()).add(d);
        }
        List<DemoWorld.Deal> refunds = world.deals.stream().filter(d -> d.refund() != null)
                .sorted(java.util.Comparator.comparing(d -> d.refund().at())).toList();
        int sent = 0;
        long expectedWon = 0;
        long expectedAttributed = 0;
        long expectedReversed = 0;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (Map.Entry<YearMonth, List<DemoWorld.Deal>> month : byMonth.entrySet()) {
                setClock(month.getKey().plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));
                publishFx(month.getKey());
                recordCertifications(month.getKey());
                step("CRM history " + month.getKey() + ": " + month.getValue().size() + " won deals through signed webhooks");
                List<Future<?>> futures = new ArrayList<>();
                for (DemoWorld.Deal d : month.getValue()) {
                    futures.add(pool.submit(() -> sendDeal(d)));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
                sent += month.getValue().size();
                expectedWon += month.getValue().size();
                // a refund is sent once its deal is in (deliveries are keyed by delivery id, so a refund sent at the
                // same time could overtake its won deal and be recorded as a failed, replayable delivery)
                long wonSoFar = expectedWon;
                waitFor("deal.closed-won", Duration.ofMinutes(5), () -> events.count("deal.closed-won"), wonSoFar);
                futures.clear();
                for (DemoWorld.Deal d : refunds) {
                    if (YearMonth.from(d.refund().at().atZone(ZoneOffset.UTC)).equals(month.getKey())) {
                        futures.add(pool.submit(() -> sendRefund(d)));
                        expectedReversed++;
                    }
                }
                for (Future<?> f : futures) {
                    f.get();
                }
                expectedAttributed += month.getValue().stream().filter(d -> !d.touches().isEmpty()).count();
                long won = expectedWon;
                long attributed = expectedAttributed;
                long reversed = expectedReversed;
                waitFor("deal.closed-won", Duration.ofMinutes(5), () -> events.count("deal.closed-won"), won);
                waitFor("deal.attributed", Duration.ofMinutes(5), () -> events.count("deal.attributed"), attributed);
                waitFor("deal.attribution-reversed", Duration.ofMinutes(5), () -> events.count("deal.attribution-reversed"), reversed);
                progress(events, sent);
                LocalDate monthEnd = month.getKey().atEndOfMonth();
                JsonNode eval = evaluateTiers(cm, monthEnd);
                out.printf("    tier evaluation as of %s: %d evaluated, %d changed%n", monthEnd, eval.path("evaluated").asInt(),
                        eval.path("changed").asInt());
            }
        } finally {
            pool.shutdown();
        }
        results.put("deals.sent", sent);
        results.put("deals.attributed", expectedAttributed);
        results.put("deals.reversed", expectedReversed);
    }

    /**
     * The month-end tier evaluation. partner-service's scheduled evaluation may hold the evaluation lock at that moment
     * (409 "in progress on another instance"): wait for it and ask again, up to a minute.
     */
    private JsonNode evaluateTiers(String cm, LocalDate monthEnd) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            DemoClient.Reply reply = api.post("partner", "/tier-evaluations", cm, Map.of("asOf", monthEnd.toString()));
            if (reply.status() != 409 || attempt >= 60) {
                return reply.expectOk("tier evaluation").body();
            }
            Thread.sleep(1000);
        }
    }

    private void progress(EventCounter events, int sent) {
        out.printf("    sent %d deals · closed-won %d · attributed %d · reversed %d · earnings %d · payout events %d%n", sent,
                events.count("deal.closed-won"), events.count("deal.attributed"), events.count("deal.attribution-reversed"),
                events.countPrefix("earning."), events.countPrefix("payout.") + events.count("statement.issued"));
    }

    private Void sendDeal(DemoWorld.Deal d) {
        api.webhook(deliveryId(d), target.webhookSecret(), dealDelivery(world, d)).expectOk("webhook " + d.crmDealId());
        return null;
    }

    static String deliveryId(DemoWorld.Deal d) {
        return "demo-" + d.crmDealId() + "-won";
    }

    /** The signed webhook body of a won deal (upsert, touches, closed-won): a pure function of the generated world. */
    static String dealDelivery(DemoWorld world, DemoWorld.Deal d) {
        List<Map<String, Object>> evts = new ArrayList<>();
        evts.add(event(d.crmDealId() + "-v1", "deal.upserted", 1, dealData(d, "Negotiation")));
        for (DemoWorld.Touch t : d.touches()) {
            DemoWorld.Partner p = world.partners.get(t.partnerIndex());
            evts.add(event(t.touchpointId(), "touchpoint.recorded", 1, Map.of("touchpointId", t.touchpointId(),
                    "dealId", d.crmDealId(), "partnerAccountId", p.crmAccountId(), "type", t.type(),
                    "occurredAt", t.occurredAt().toString())));
        }
        evts.add(event(d.crmDealId() + "-v2", "deal.upserted", 2, dealData(d, "Closed Won")));
        try { // keys sorted: Map.of's iteration order changes from one JVM to the next; the bytes must not
            return SORTED_JSON.writeValueAsString(Map.of("events", evts));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Void sendRefund(DemoWorld.Deal d) {
        DemoWorld.Refund r = d.refund();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("dealId", d.crmDealId());
        data.put("currency", d.currency());
        data.put("reason", r.reason());
        String type = "refund".equals(r.kind()) ? "deal.refunded" : "deal.cancelled";
        if (r.amount() != null) {
            data.put("lines", List.of(Map.of("lineNumber", r.lineNumber(), "amount", r.amount().toPlainString(),
                    "quantity", Integer.toString(r.quantity()))));
        }
        Map<String, Object> e = event(d.crmDealId() + "-v3", type, 3, data);
        e.put("occurredAt", r.at().toString());
        api.webhook("demo-" + d.crmDealId() + "-" + r.kind(), target.webhookSecret(), DemoClient.write(Map.of("events", List.of(e))))
                .expectOk("webhook refund " + d.crmDealId());
        return null;
    }

    private static Map<String, Object> event(String id, String type, int version, Map<String, Object> data) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", id);
        e.put("type", type);
        e.put("version", version);
        e.put("data", data);
        return e;
    }

    static Map<String, Object> dealData(DemoWorld.Deal d, String stage) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dealId", d.crmDealId());
        m.put("name", d.name());
        m.put("type", d.dealType());
        m.put("customer", Map.of("name", d.customerName(), "domain", d.customerDomain(), "country", d.country(),
                "accountId", "ACC-" + d.customerDomain()));
        m.put("currency", d.currency());
        m.put("amount", d.amount().toPlainString());
        m.put("stage", stage);
        m.put("createdAt", d.createdAt().toString());
        if (!"Negotiation".equals(stage)) {
            m.put("closedAt", d.closedAt().toString());
        } else {
            m.put("expectedCloseDate", d.closedAt().atZone(ZoneOffset.UTC).toLocalDate().toString());
        }
        List<Map<String, Object>> lines = new ArrayList<>();
        for (DemoWorld.Line l : d.lines()) {
            lines.add(Map.of("lineNumber", l.lineNumber(), "sku", l.sku(), "productName", l.name(), "category", l.category(),
                    "quantity", Integer.toString(l.quantity()), "unitPrice", l.unitPrice().toPlainString(),
                    "amount", l.amount().toPlainString()));
        }
        m.put("lines", lines);
        return m;
    }

    // ------------------------------------------------------------------ live registrations

    private void registrations(EventCounter events) {
        List<String> ids = new ArrayList<>();
        int rejected = 0;
        for (DemoWorld.RegistrationPlan plan : world.registrations) {
            DemoClient.Reply r = api.post("deal", "/registrations", partnerToken(plan.partnerIndex()), Map.of(
                    "customer", Map.of("name", plan.customerName(), "domain", plan.customerDomain(), "country", plan.country()),
                    "productCategories", plan.categories(),
                    "expectedAmount", Map.of("amount", plan.expectedAmount().setScale(scale(plan.currency())).toPlainString(),
                            "currency", plan.currency()),
                    "expectedCloseDate", LocalDate.now(ZoneOffset.UTC).plusMonths(2).toString(),
                    "dealName", plan.customerName() + " expansion"));
            r.expectOk("registration");
            String status = r.body().path("status").asText();
            if ("rejected".equals(status)) {
                rejected++;
                out.printf("    conflict: %s registered %s after %s → rejected (%s)%n",
                        world.partners.get(plan.partnerIndex()).name(), plan.customerName(),
                        world.partners.get(world.registrations.get(plan.conflictsWith()).partnerIndex()).name(),
                        r.body().path("decisionNote").asText(r.body().path("decisionReason").asText("first to register wins")));
                ids.add(null);
            } else {
                ids.add(r.body().path("id").asText());
            }
        }
        int approved = 0;
        for (String id : ids) {
            if (id != null) {
                api.post("deal", "/registrations/" + id + "/approve", cm, Map.of("note", "approved in the demo")).expectOk("approve");
                approved++;
            }
        }
        results.put("registrations.submitted", world.registrations.size());
        results.put("registrations.approved", approved);
        results.put("registrations.rejectedByConflict", rejected);
        out.printf("    %d submitted, %d approved, %d rejected by conflict%n", world.registrations.size(), approved, rejected);
    }

    static int scale(String currency) {
        return java.util.Currency.getInstance(currency).getDefaultFractionDigits();
    }

    // ------------------------------------------------------------------ helpers

    /** Moves every service's clock (the demo runs with {@code partnerflow.clock.adjustable=true}). */
    private void setClock(Instant instant) {
        for (String svc : target.urls().keySet()) {
            api.put(svc, "/admin/clock", admin, Map.of("instant", instant.toString())).expectOk("clock of " + svc);
        }
        api.clockOffset(Duration.between(Instant.now(), instant));
    }

    private void step(String what) {
        out.println("==> " + what);
        out.flush();
    }

    private void waitFor(String what, Duration timeout, LongSupplier actual, long expected) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextProgress = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            long now = actual.getAsLong();
            if (now >= expected) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what + ": " + now + " of " + expected);
            }
            if (System.nanoTime() > nextProgress) {
                out.printf("    … %s %d of %d%n", what, now, expected);
                out.flush();
                nextProgress = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            }
            DemoClient.sleep(300);
        }
    }

    static String compact(JsonNode n) {
        String s = n.toString();
        return s.length() > 160 ? s.substring(0, 157) + "…" : s;
    }

}
