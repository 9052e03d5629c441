package io.partnerflow.infra.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.partnerflow.infra.demo.DemoClient;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the fault run and the rebuild benchmark configure through the public APIs before any deal: {@code n} ACTIVE
 * partners with a CRM account and an ACH payout profile each, a commission program (10 % sourced / 5 % influenced)
 * and an EUR→USD rate — then waits until deal-service knows every partner.
 */
record RunSetup(List<String> partnerIds, List<String> accounts, Map<String, Object> program, Map<String, Object> fx) {

    static RunSetup configure(DemoClient api, String admin, String financeMaker, String run, String label, int n) {
        List<String> ids = new ArrayList<>();
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String account = "FR-" + run + "-ACC-" + i;
            JsonNode p = api.post("partner", "/partners", admin, Map.of("name", label + " partner " + run + " " + i, "type",
                    i % 3 == 0 ? "REFERRAL" : "RESELLER", "country", "US", "payoutCurrency", "USD",
                    "crmAccounts", List.of(Map.of("system", "generic", "accountId", account)))).expectOk("partner").body();
            String id = p.path("id").asText();
            api.post("partner", "/partners/" + id + "/status", admin, Map.of("status", "ONBOARDING")).expectOk("onboarding");
            api.post("partner", "/partners/" + id + "/status", admin, Map.of("status", "ACTIVE")).expectOk("active");
            api.put("payout", "/partners/" + id + "/payout-profile", financeMaker, Map.of("method", "ACH", "abaRouting", "021000021",
                    "accountNumber", String.format("%012d", 7_000_000L + i), "accountType", "CHECKING", "accountHolder",
                    label + " partner " + i, "business", true, "minimumPayout", Map.of("amount", "10.00", "currency", "USD"),
                    "taxForm", Map.of("type", "W-9", "reference", "TAX-FR-" + i, "expiresOn", "2030-12-31"))).expectOk("profile");
            accounts.add(account);
            ids.add(id);
        }
        Map<String, Object> program = Map.of("code", "fault-run-commission", "name", "Fault-run commission", "effectiveFrom",
                "2020-01-01T00:00:00Z", "rules", List.of(Map.of("key", "commission", "name", "Commission", "kind", "commission",
                        "commission", Map.of("rates", List.of(Map.of("tier", "*", "category", "*", "sourced", "0.10", "influenced", "0.05"))))));
        api.post("incentive", "/programs", admin, program).expectOk("program");
        Map<String, Object> fx = Map.of("date", LocalDate.now(ZoneOffset.UTC).minusDays(90).toString(), "from", "EUR", "to", "USD",
                "rate", "1.0842", "source", "fault-run");
        api.post("incentive", "/fx-rates", admin, fx).expectOk("fx rate");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!ids.stream().allMatch(id -> api.get("deal", "/partner-directory/" + id, admin).ok())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("deal-service did not learn the partners in time");
            }
            DemoClient.sleep(500);
        }
        return new RunSetup(List.copyOf(ids), List.copyOf(accounts), program, fx);
    }
}
