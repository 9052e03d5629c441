package io.partnerflow.infra.demo;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads the platform's REST APIs after the demo and prints what happened, in words and exact numbers. */
final class DemoSummary {
    private final DemoClient api;
    private final String staff;
    private final DemoWorld world;
    private final Map<Integer, String> partnerIds;
    private final Map<String, Object> results;
    private final PrintStream out;

    DemoSummary(DemoClient api, String staff, DemoWorld world, Map<Integer, String> partnerIds, Map<String, Object> results,
                PrintStream out) {
        this.api = api;
        this.staff = staff;
        this.world = world;
        this.partnerIds = partnerIds;
        this.results = results;
        this.out = out;
    }

    void print() {
        out.println();
        out.println("================================ Partnerflow demo summary ================================");
        out.printf("CRM history: %s deals sent through signed webhooks (%s with partner touches, %s refunded/cancelled), %s–%s%n",
                results.get("deals.sent"), results.get("deals.attributed"), results.get("deals.reversed"), world.historyStart,
                world.historyEnd.minusDays(1));
        tiers();
        revenue();
        earnings();
        payouts();
        out.printf("Deal registrations: %s submitted, %s approved, %s rejected by the first-to-register conflict rule%n",
                results.get("registrations.submitted"), results.get("registrations.approved"),
                results.get("registrations.rejectedByConflict"));
        out.printf("Demo took %s s.%n", results.get("demo.seconds"));
        out.println("===========================================================================================");
        out.flush();
    }

    private void tiers() {
        Map<String, Integer> perTier = new TreeMap<>();
        List<String> moves = new ArrayList<>();
        for (Map.Entry<Integer, String> e : partnerIds.entrySet()) {
            JsonNode p = api.get("partner", "/partners/" + e.getValue(), staff).expectOk("partner").body();
            String tier = p.path("tier").asText("none");
            perTier.merge(tier, 1, Integer::sum);
            JsonNode history = api.get("partner", "/partners/" + e.getValue() + "/tier-history", staff).expectOk("tier history").body();
            StringBuilder path = new StringBuilder();
            for (JsonNode h : history) {
                if (!h.path("from").isNull() && !h.path("from").isMissingNode()) {
                    path.append(path.length() == 0 ? h.path("from").path("code").asText() : "")
                            .append(" → ").append(h.path("to").path("code").asText())
                            .append(" (").append(h.path("effectiveAt").asText().substring(0, 10)).append(')');
                }
            }
            if (path.length() > 0) {
                moves.add(world.partners.get(e.getKey()).name() + ": " + path);
            }
        }
        results.put("tiers", perTier);
        results.put("tiers.moved", moves.size());
        out.println("Partners per tier: " + perTier);
        out.println("Who moved (" + moves.size() + "):");
        moves.stream().limit(12).forEach(m -> out.println("  " + m));
        if (moves.size() > 12) {
            out.println("  … and " + (moves.size() - 12) + " more (GET /partners/{id}/tier-history)");
        }
    }

    private void earnings() {
        Map<String, BigDecimal> byKind = new TreeMap<>();
        Map<String, BigDecimal> perPartner = new TreeMap<>();
        Map<String, String> currencyOf = new TreeMap<>();
        int count = 0;
        for (Map.Entry<Integer, String> e : partnerIds.entrySet()) {
            JsonNode list = api.get("incentive", "/partners/" + e.getValue() + "/earnings", staff).expectOk("earnings").body();
            String name = world.partners.get(e.getKey()).name();
            for (JsonNode earning : list) {
                count++;
                String currency = earning.path("amount").path("currency").asText();
                BigDecimal amount = new BigDecimal(earning.path("amount").path("amount").asText());
                String kind = earning.path("kind").asText() + (amount.signum() < 0 ? " (clawbacks/deltas)" : "");
                byKind.merge(kind + " " + currency, amount, BigDecimal::add);
                perPartner.merge(name, amount, BigDecimal::add);
                currencyOf.put(name, currency);
            }
        }
        results.put("earnings.count", count);
        results.put("earnings.byKind", byKind);
        out.println("Earnings by kind (" + count + " earning lines, each with its explanation: GET incentive /earnings/{id}/explanation):");
        byKind.forEach((k, v) -> out.printf("  %-40s %,18.2f%n", k, v));
        out.println("Top partners by net earnings:");
        perPartner.entrySet().stream().sorted(Map.Entry.<String, BigDecimal>comparingByValue().reversed()).limit(5)
                .forEach(en -> out.printf("  %-34s %,14.2f %s%n", en.getKey(), en.getValue(), currencyOf.get(en.getKey())));
    }

    private void payouts() {
        if (!results.containsKey("run.id")) {
            return;
        }
        out.printf("Payout run %s (%s): %s items, totals %s; %s partners held/carried %s%n", results.get("run.id"),
                results.get("run.status"), results.get("run.items"), results.get("run.totals"), results.get("run.held"),
                results.get("run.heldReasons"));
        @SuppressWarnings("unchecked")
        Map<String, Object> files = (Map<String, Object>) results.get("run.files");
        files.forEach((name, path) -> out.printf("  %-14s %s%n", name, path));
        out.println("Statements (JSON + CSV per partner): " + results.get("statements.dir"));
    }

    private void revenue() {
        String from = world.historyStart.atStartOfDay().toInstant(ZoneOffset.UTC).toString();
        String to = LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).toString();
        Map<String, BigDecimal> byRoleCurrency = new TreeMap<>();
        Map<String, Long> deals = new TreeMap<>();
        for (String id : partnerIds.values()) {
            JsonNode report = api.get("attribution", "/reports/partners/" + id + "?from=" + from + "&to=" + to, staff)
                    .expectOk("report").body();
            for (JsonNode t : report.path("totals")) {
                String key = t.path("role").asText() + " " + t.path("currency").asText();
                byRoleCurrency.merge(key, new BigDecimal(t.path("amount").asText()), BigDecimal::add);
                deals.merge(t.path("role").asText(), t.path("deals").asLong(), Long::sum);
            }
        }
        results.put("revenue", byRoleCurrency);
        out.println("Partner-sourced vs partner-influenced revenue (credited, net of refunds):");
        byRoleCurrency.forEach((k, v) -> out.printf("  %-16s %,18.2f%n", k, v));
        out.println("  credited partner-deals by role: " + deals);
    }
}
