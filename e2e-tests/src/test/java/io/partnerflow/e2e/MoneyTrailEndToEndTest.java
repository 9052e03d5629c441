package io.partnerflow.e2e;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The money trail through all five services, driven only through REST and SIGNED webhooks, with exact cents at every
 * hop: deal (deal-service) → credits (attribution, linear model chosen by rule) → commission earnings in each
 * partner's payout currency with FX at the close-date rate (incentive) → ledger lines and balances (payout) → payout
 * run (maker-checker) → pain.001 / NACHA / CSV lines; then a refund → clawbacks at the original rate → negative
 * balances carried forward (held in the next run) → the statement reconciles. Partner tokens never see another
 * partner's money.
 */
class MoneyTrailEndToEndTest {
    private static SystemUnderTest sut;

    @BeforeAll
    static void startSystem() throws Exception {
        sut = SystemUnderTest.get();
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private static RequestSpecification as(String service, String bearer) {
        return Crm.as(sut, service, bearer);
    }

    @Test
    void aWonDealIsPaidToTheCentAndARefundIsClawedBackAndCarriedForward() {
        String uniq = UUID.randomUUID().toString().substring(0, 8);
        String cm = sut.bearer("cm-money", "channel-manager");
        String maker = sut.bearer("finance-maker-" + uniq, "finance");
        String checker = sut.bearer("finance-checker-" + uniq, "finance");
        Instant closed = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        LocalDate rateDate = closed.atZone(ZoneOffset.UTC).toLocalDate().minusDays(1);

        // ---- configuration: linear attribution for Icelandic customers, a commission program for them, one FX rate
        as("attribution", cm).body(Map.of("name", "e2e-linear-" + uniq, "effectiveFrom", "2020-01-01T00:00:00Z",
                "config", Map.of("kind", "LINEAR"))).post("/models").then().statusCode(201);
        as("attribution", cm).body(Map.of("priority", 1, "country", "IS", "modelName", "e2e-linear-" + uniq))
                .post("/model-rules").then().statusCode(201);
        as("incentive", cm).body(Map.of("code", "e2e-money-" + uniq, "name", "E2E commission", "effectiveFrom", "2020-01-01T00:00:00Z",
                "rules", List.of(Map.of("key", "commission", "name", "Commission", "kind", "commission",
                        "eligibility", Map.of("customerCountries", List.of("IS")),
                        "commission", Map.of("rates", List.of(
                                Map.of("tier", "*", "category", "*", "sourced", "0.10", "influenced", "0.05"),
                                Map.of("tier", "*", "category", "services", "sourced", "0.05", "influenced", "0.025")))))))
                .post("/programs").then().statusCode(201);
        as("incentive", maker).body(Map.of("date", rateDate.toString(), "from", "EUR", "to", "USD", "rate", "1.0842", "source", "e2e"))
                .post("/fx-rates").then().statusCode(201);

        // ---- two partners: A (Germany, paid in EUR by SEPA), B (US, paid in USD by ACH)
        String accountA = "MT-" + uniq + "-A";
        String accountB = "MT-" + uniq + "-B";
        String a = Crm.activePartner(sut, "Money Trail A " + uniq, "DE", "EUR", accountA);
        String b = Crm.activePartner(sut, "Money Trail B " + uniq, "US", "USD", accountB);
        as("payout", maker).body(Map.of("method", "SEPA", "accountHolder", "Money Trail A", "iban", "DE89370400440532013000",
                        "bic", "COBADEFFXXX", "business", true,
                        "taxForm", Map.of("type", "EU_VAT_ID", "reference", "DE123456789", "expiresOn", "2030-12-31"),
                        "minimumPayout", Map.of("amount", "10.00", "currency", "EUR")))
                .put("/partners/" + a + "/payout-profile").then().statusCode(200);
        as("payout", maker).body(Map.of("method", "ACH", "accountHolder", "Money Trail B", "abaRouting", "021000021",
                        "accountNumber", "000123456789", "accountType", "CHECKING", "business", true,
                        "taxForm", Map.of("type", "W-9", "reference", "12-3456789", "expiresOn", "2030-12-31"),
                        "minimumPayout", Map.of("amount", "10.00", "currency", "USD")))
                .put("/partners/" + b + "/payout-profile").then().statusCode(200);

        // ---- the CRM: a won deal of 12,500.00 EUR; A referred it (sourced), B gave a demo (influenced)
        String crm = "MT-" + uniq;
        Map<String, Object> deal = Crm.wonDeal(crm, "EUR", closed, "NWC-PLAT-1Y", "software", "10000.00", "NWC-PS-ONB", "services", "2500.00");
        deal.put("customer", Map.of("name", "Reykjavik Fisheries " + uniq, "country", "IS"));
        List<Map<String, Object>> events = new ArrayList<>();
        events.add(Crm.event(crm + "-tA", "touchpoint.recorded", 1, Crm.touch(crm + "-tA", crm, accountA, "referral", closed.minus(Duration.ofDays(20)))));
        events.add(Crm.event(crm + "-tB", "touchpoint.recorded", 1, Crm.touch(crm + "-tB", crm, accountB, "demo", closed.minus(Duration.ofDays(10)))));
        events.add(Crm.event(crm + "-v1", "deal.upserted", 1, deal));
        Crm.deliver(sut, "mt-" + uniq + "-won", events).then().statusCode(202);

        // attribution: linear, 50/50 per line
        String dealId = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() ->
                as("deal", cm).get("/deals?crmSystem=generic&crmDealId=" + crm).then().statusCode(200).extract().jsonPath()
                        .getString("id"), id -> id != null);
        JsonPath attribution = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() ->
                as("attribution", cm).get("/attributions/deals/" + dealId).then().statusCode(200).extract().jsonPath(), j -> j != null);
        assertEquals("6250.00", creditOf(attribution, a, "amount.amount"));
        assertEquals("6250.00", creditOf(attribution, b, "amount.amount"));
        assertEquals("sourced", creditOf(attribution, a, "role"));
        assertEquals("influenced", creditOf(attribution, b, "role"));

        // incentive: A 5000.00 x 10% + 1250.00 x 5% = 562.50 EUR; B (5000.00 x 5% + 1250.00 x 2.5%) x 1.0842 = 304.93125 → 304.93 USD
        JsonPath earnA = earnings(cm, a, 1);
        assertEquals("562.50", earnA.getString("[0].amount.amount"));
        assertEquals("EUR", earnA.getString("[0].amount.currency"));
        assertTrue(!earnA.getString("[0].explanation.summary").isBlank(), "explained");
        JsonPath earnB = earnings(cm, b, 1);
        assertEquals("304.93", earnB.getString("[0].amount.amount"));
        assertEquals("USD", earnB.getString("[0].amount.currency"));
        assertEquals("281.25", earnB.getString("[0].originalAmount.amount"));
        assertEquals("1.0842", earnB.getString("[0].fx.rate"));
        assertEquals(rateDate.toString(), earnB.getString("[0].fx.rateDate"));

        // payout: the lines land in the ledger as pending (hold window from the close), finance approves them
        approveAll(maker, a, 1, "562.50");
        approveAll(maker, b, 1, "304.93");

        // run 1: maker creates (idempotent), checker approves, files carry the exact amounts
        LocalDate cutoff = LocalDate.now(ZoneOffset.UTC);
        String runKey = "mt-run1-" + uniq;
        String runId = as("payout", maker).header("Idempotency-Key", runKey).body(Map.of("cutoff", cutoff.toString()))
                .post("/payout-runs").then().statusCode(201).extract().path("runId");
        String again = as("payout", maker).header("Idempotency-Key", runKey).body(Map.of("cutoff", cutoff.toString()))
                .post("/payout-runs").then().statusCode(200).extract().path("runId");
        assertEquals(runId, again, "a retry with the same key returns the same run");
        as("payout", maker).post("/payout-runs/" + runId + "/approve").then().statusCode(org.hamcrest.Matchers.anyOf(
                org.hamcrest.Matchers.is(403), org.hamcrest.Matchers.is(409)));
        JsonPath run = as("payout", checker).post("/payout-runs/" + runId + "/approve").then().statusCode(200).extract().jsonPath();
        assertEquals("562.50", itemOf(run, a, "amount.amount"));
        assertEquals("304.93", itemOf(run, b, "amount.amount"));
        String pain = as("payout", checker).get("/payout-runs/" + runId + "/exports/pain001.xml").then().statusCode(200).extract().asString();
        assertTrue(pain.contains("<InstdAmt Ccy=\"EUR\">562.50</InstdAmt>"), pain);
        String nacha = as("payout", checker).get("/payout-runs/" + runId + "/exports/nacha.txt").then().statusCode(200).extract().asString();
        assertTrue(nacha.lines().anyMatch(l -> l.startsWith("6") && l.substring(29, 39).equals("0000030493")), nacha);
        String csv = as("payout", checker).get("/payout-runs/" + runId + "/exports/items.csv").then().statusCode(200).extract().asString();
        assertTrue(csv.contains("562.50") && csv.contains("304.93"), csv);
        for (String p : List.of(a, b)) {
            String itemId = itemOf(run, p, "itemId");
            as("payout", checker).body(Map.of("outcome", "paid", "bankReference", "BANK-" + uniq + "-" + p.substring(0, 4)))
                    .post("/payout-runs/" + runId + "/items/" + itemId + "/settlement").then().statusCode(200);
        }

        // ---- a refund of 1,000.00 EUR on the software line: clawbacks of A -50.00 EUR, B -25.00 EUR x 1.0842 = -27.105 → -27.10 USD
        Map<String, Object> refund = Crm.event(crm + "-refund", "deal.refunded", 2, Map.of("dealId", crm, "currency", "EUR",
                "reason", "10 seats returned", "lines", List.of(Map.of("lineNumber", 1, "amount", "1000.00"))));
        refund.put("occurredAt", Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString());
        Crm.deliver(sut, "mt-" + uniq + "-refund", List.of(refund)).then().statusCode(202);
        JsonPath clawA = earnings(cm, a, 2);
        JsonPath clawB = earnings(cm, b, 2);
        assertEquals("-50.00", clawA.getString("[1].amount.amount"));
        assertEquals("-27.10", clawB.getString("[1].amount.amount"));
        assertEquals(earnA.getString("[0].earningId"), clawA.getString("[1].reversesEarningId"));
        approveAll(maker, a, 2, "-50.00");
        approveAll(maker, b, 2, "-27.10");

        // run 2: both balances are negative → held with the reason, carried forward
        JsonPath run2 = as("payout", maker).header("Idempotency-Key", "mt-run2-" + uniq).body(Map.of("cutoff", cutoff.toString()))
                .post("/payout-runs").then().statusCode(201).extract().jsonPath();
        assertTrue(run2.getList("items.partnerId").stream().noneMatch(p -> p.equals(a) || p.equals(b)), "nothing paid twice");
        List<Map<String, Object>> held = run2.getList("held");
        assertTrue(held.stream().anyMatch(h -> a.equals(h.get("partnerId")) && String.valueOf(h.get("reason")).contains("negative")),
                "A held for its negative balance: " + held);
        JsonPath balanceA = as("payout", cm).get("/partners/" + a + "/balance").then().statusCode(200).extract().jsonPath();
        assertTrue(balanceA.prettify().contains("-50.00"), balanceA.prettify());

        // the statement of this month reconciles: opening + movements = closing
        String period = cutoff.toString().substring(0, 7);
        JsonPath statement = as("payout", cm).get("/partners/" + a + "/statements/" + period + "?currency=EUR").then().statusCode(200)
                .extract().jsonPath();
        String text = statement.prettify();
        assertTrue(text.contains("562.50") && text.contains("-50.00"), text);

        // partners see their own money only
        String tokenB = sut.partnerBearer("b-user-" + uniq, b);
        as("incentive", tokenB).get("/partners/" + a + "/earnings").then().statusCode(404);
        as("incentive", tokenB).get("/earnings/" + earnA.getString("[0].earningId")).then().statusCode(404);
        as("payout", tokenB).get("/partners/" + a + "/balance").then().statusCode(404);
        as("payout", tokenB).get("/partners/" + a + "/statements/" + period).then().statusCode(404);
        as("payout", tokenB).get("/partners/" + a + "/payout-profile").then().statusCode(404);
        as("attribution", tokenB).get("/partners/" + a + "/credits").then().statusCode(404);
        as("partner", tokenB).get("/partners/" + a).then().statusCode(404);
        as("payout", tokenB).get("/partners/" + b + "/balance").then().statusCode(200);

        // ---- analytics-service saw it all from the topics alone: the deal (net of the refund) in the quarter of its
        // close, the earnings, the clawback and the payment in the quarter they happened (per currency: exact, whatever
        // other tests publish as EUR/USD rates)
        String closeQuarter = quarter(closed.atZone(ZoneOffset.UTC).toLocalDate());
        String nowQuarter = quarter(LocalDate.now(ZoneOffset.UTC));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            as("analytics", cm).get("/scorecards/" + a + "?period=" + closeQuarter).then().statusCode(200)
                    .body("perCurrency.find { it.currency == 'EUR' }.sourcedRevenue.amount", org.hamcrest.Matchers.equalTo("5750.00"))
                    .body("dealsWon", org.hamcrest.Matchers.equalTo(1));
            as("analytics", cm).get("/scorecards/" + b + "?period=" + closeQuarter).then().statusCode(200)
                    .body("perCurrency.find { it.currency == 'EUR' }.influencedRevenue.amount", org.hamcrest.Matchers.equalTo("5750.00"));
            as("analytics", cm).get("/scorecards/" + a + "?period=" + nowQuarter).then().statusCode(200)
                    .body("perCurrency.find { it.currency == 'EUR' }.earningsAccrued.amount", org.hamcrest.Matchers.equalTo("562.50"))
                    .body("perCurrency.find { it.currency == 'EUR' }.earningsClawedBack.amount", org.hamcrest.Matchers.equalTo("-50.00"))
                    .body("perCurrency.find { it.currency == 'EUR' }.paid.amount", org.hamcrest.Matchers.equalTo("562.50"));
        });
        as("analytics", tokenB).get("/scorecards/" + a + "?period=" + closeQuarter).then().statusCode(404);
        as("analytics", tokenB).get("/scorecards/" + b + "?period=" + closeQuarter).then().statusCode(200);
    }

    private static String quarter(LocalDate d) {
        return d.getYear() + "-Q" + ((d.getMonthValue() - 1) / 3 + 1);
    }

    private static String creditOf(JsonPath attribution, String partnerId, String field) {
        return attribution.getString("credits.find { it.partnerId == '" + partnerId + "' }." + field);
    }

    private static String itemOf(JsonPath run, String partnerId, String field) {
        return run.getString("items.find { it.partnerId == '" + partnerId + "' }." + field);
    }

    private static JsonPath earnings(String bearer, String partnerId, int atLeast) {
        return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                as("incentive", bearer).get("/partners/" + partnerId + "/earnings").then().statusCode(200).extract().jsonPath(),
                j -> j.getList("$").size() >= atLeast);
    }

    /** Waits for the partner's ledger lines, checks the newest amount, approves every pending one. */
    private static void approveAll(String finance, String partnerId, int lines, String newestAmount) {
        JsonPath list = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                as("payout", finance).get("/partners/" + partnerId + "/earnings").then().statusCode(200).extract().jsonPath(),
                j -> j.getList("$").size() >= lines);
        List<String> amounts = list.getList("amount.amount");
        assertTrue(amounts.stream().anyMatch(x -> new BigDecimal(x).compareTo(new BigDecimal(newestAmount)) == 0),
                "ledger line " + newestAmount + " in " + amounts);
        List<Map<String, Object>> all = list.getList("$");
        for (Map<String, Object> e : all) {
            if ("pending".equals(e.get("status"))) {
                as("payout", finance).body(Map.of("reason", "e2e: approved before the hold window ends"))
                        .post("/earnings/" + e.get("earningId") + "/approve").then().statusCode(200);
            }
        }
    }
}
