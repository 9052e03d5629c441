package io.partnerflow.infra.demo;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The finance part of the demo: payout profiles (SEPA for euro partners, ACH for dollar partners, manual otherwise;
 * a couple with an expired tax form to show holds), approval of earnings whose hold window ended, a payout run
 * created by one finance user and approved by another, its export files, the GL journal export and statements.
 */
final class DemoPayouts {
    private final DemoClient api;
    private final DemoWorld world;
    private final Map<Integer, String> partnerIds;
    private final String maker;
    private final String checker;
    private final Path outputDir;
    private final PrintStream out;
    final Map<String, Object> results = new LinkedHashMap<>();

    DemoPayouts(DemoClient api, DemoWorld world, Map<Integer, String> partnerIds, String maker, String checker, Path outputDir,
                PrintStream out) {
        this.api = api;
        this.world = world;
        this.partnerIds = partnerIds;
        this.maker = maker;
        this.checker = checker;
        this.outputDir = outputDir;
        this.out = out;
    }

    void profiles() {
        for (DemoWorld.Partner p : world.partners) {
            Map<String, Object> body = new LinkedHashMap<>();
            boolean expired = p.index() % 17 == 5;
            String taxType = "US".equals(p.country()) ? "W-9" : "CA".equals(p.country()) ? "W-8BEN-E" : "EU_VAT_ID";
            if ("GB".equals(p.country()) || "JP".equals(p.country())) {
                taxType = "W-8BEN-E";
            }
            String reference = "EU_VAT_ID".equals(taxType) ? p.country() + String.format("%09d", 100_000_000 + p.index())
                    : "TAX-" + p.key();
            body.put("taxForm", Map.of("type", taxType, "reference", reference,
                    "expiresOn", expired ? "2026-06-30" : "2028-12-31"));
            body.put("minimumPayout", Map.of("amount", minimum(p.payoutCurrency()), "currency", p.payoutCurrency()));
            body.put("accountHolder", p.name());
            body.put("business", true);
            switch (p.payoutCurrency()) {
                case "EUR" -> {
                    body.put("method", "SEPA");
                    body.put("iban", germanIban(p.index()));
                    body.put("bic", "COBADEFFXXX");
                }
                case "USD" -> {
                    body.put("method", "ACH");
                    body.put("abaRouting", "021000021");
                    body.put("accountNumber", String.format("%012d", 4_000_000L + p.index()));
                    body.put("accountType", "CHECKING");
                }
                default -> body.put("method", "MANUAL");
            }
            api.put("payout", "/partners/" + partnerIds.get(p.index()) + "/payout-profile", maker, body)
                    .expectOk("payout profile " + p.key());
        }
    }

    private static String minimum(String currency) {
        return "JPY".equals(currency) ? "5000" : "50.00";
    }

    /** A valid German IBAN (bank code 37040044, a distinct account per partner). */
    static String germanIban(int index) {
        String bban = "37040044" + String.format("%010d", 532013000L + index);
        String numeric = bban + "131400"; // "DE" = 13 14, then "00"
        int check = 98 - new BigInteger(numeric).mod(BigInteger.valueOf(97)).intValue();
        return "DE" + String.format("%02d", check) + bban;
    }

    Map<String, Object> runAndExport() throws Exception {
        JsonNode approved = api.post("payout", "/earnings/approvals", maker, null).expectOk("approve due earnings").body();
        out.printf("    earnings approved after their hold window: %s%n", approved.path("approved").asText());
        LocalDate cutoff = LocalDate.now(ZoneOffset.UTC);
        String key = "demo-run-" + cutoff;
        JsonNode run = api.post("payout", "/payout-runs", maker, Map.of("cutoff", cutoff.toString()), Map.of("Idempotency-Key", key))
                .expectOk("payout run").body();
        String runId = run.path("runId").asText();
        // maker-checker: the creator may not approve it; a second finance user does
        int selfApproval = api.post("payout", "/payout-runs/" + runId + "/approve", maker, null).status();
        out.printf("    run %s created by demo-finance-maker; approval by the same user → HTTP %d (maker-checker)%n", runId, selfApproval);
        run = api.post("payout", "/payout-runs/" + runId + "/approve", checker, null).expectOk("approve run").body();
        Path dir = outputDir.resolve("payout-run-" + cutoff);
        Files.createDirectories(dir);
        Map<String, Path> files = new LinkedHashMap<>();
        for (String[] f : new String[][] {{"items.csv", "items.csv"}, {"pain001.xml", "pain001.xml"}, {"nacha.txt", "nacha.txt"}}) {
            DemoClient.Reply r = api.get("payout", "/payout-runs/" + runId + "/exports/" + f[0], checker);
            if (r.ok()) {
                Path file = dir.resolve(f[1]);
                Files.writeString(file, r.raw(), StandardCharsets.UTF_8);
                files.put(f[1], file);
            }
        }
        DemoClient.Reply gl = api.get("payout", "/journals/export.csv", checker);
        if (gl.ok()) {
            Path file = dir.resolve("journals.csv");
            Files.writeString(file, gl.raw(), StandardCharsets.UTF_8);
            files.put("journals.csv", file);
        }
        results.put("run.id", runId);
        results.put("run.status", run.path("status").asText());
        results.put("run.items", run.path("items").size());
        results.put("run.held", run.path("held").size());
        StringBuilder totals = new StringBuilder();
        for (JsonNode t : run.path("totals")) {
            totals.append(totals.length() == 0 ? "" : ", ").append(t.path("amount").asText()).append(' ').append(t.path("currency").asText());
        }
        results.put("run.totals", totals.toString());
        Map<String, Integer> heldReasons = new java.util.TreeMap<>();
        for (JsonNode h : run.path("held")) {
            heldReasons.merge(h.path("reason").asText(), 1, Integer::sum);
        }
        results.put("run.heldReasons", heldReasons);
        results.put("run.files", files);
        return results;
    }

    /** Statements of the last history month for every partner, as JSON and CSV files. */
    Path statements(String period) throws Exception {
        Path dir = outputDir.resolve("statements-" + period);
        Files.createDirectories(dir);
        for (DemoWorld.Partner p : world.partners) {
            String id = partnerIds.get(p.index());
            DemoClient.Reply json = api.get("payout", "/partners/" + id + "/statements/" + period, checker);
            if (json.ok()) {
                Files.writeString(dir.resolve(p.key() + ".json"), json.raw(), StandardCharsets.UTF_8);
            }
            DemoClient.Reply csv = api.get("payout", "/partners/" + id + "/statements/" + period + "/csv", checker);
            if (csv.ok()) {
                Files.writeString(dir.resolve(p.key() + ".csv"), csv.raw(), StandardCharsets.UTF_8);
            }
        }
        return dir;
    }

    static List<String> currencies() {
        return List.of("EUR", "USD", "GBP");
    }
}
