package io.partnerflow.payout;

import io.partnerflow.contracts.EventJson;
import io.partnerflow.contracts.payout.DisputeResolved;
import io.partnerflow.contracts.payout.StatementIssued;
import io.partnerflow.platform.time.AdjustableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.partnerflow.payout.Api.accrue;
import static io.partnerflow.payout.Api.awaitEarning;
import static io.partnerflow.payout.Api.checker;
import static io.partnerflow.payout.Api.finance;
import static io.partnerflow.payout.Api.knownPartner;
import static io.partnerflow.payout.Api.partnerUser;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Statements reconcile and never change once their period is closed; disputes hold a line until finance decides. */
@QuarkusTest
class StatementAndDisputeTest {
    static final Instant LONG_AGO = Instant.parse("2025-01-10T10:00:00Z");

    @Inject
    AdjustableClock clock;

    @BeforeEach
    void tokens() {
        Api.token("fin-maker", "finance");
        Api.token("fin-checker", "finance");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    static BigDecimal dec(JsonPath s, String field) {
        return new BigDecimal(s.getString(field + ".amount"));
    }

    static void assertReconciles(JsonPath s) {
        BigDecimal movements = BigDecimal.ZERO;
        for (Map<String, Object> l : s.<Map<String, Object>>getList("lines")) {
            @SuppressWarnings("unchecked") Map<String, Object> a = (Map<String, Object>) l.get("amount");
            movements = movements.add(new BigDecimal((String) a.get("amount")));
        }
        assertEquals(0, dec(s, "openingBalance").add(movements).compareTo(dec(s, "closingBalance")), "opening + lines = closing");
        assertEquals(0, dec(s, "openingBalance").add(dec(s, "accrued")).add(dec(s, "reversed")).add(dec(s, "adjusted"))
                .subtract(dec(s, "paid")).compareTo(dec(s, "closingBalance")), "opening + accrued + reversed + adjusted - paid = closing");
    }

    @Test
    void aMonthlyStatementExplainsEveryCentReconcilesAndNeverChangesOnceIssued() throws Exception {
        clock.setInstant(Instant.parse("2031-01-20T10:00:00Z"));
        String p = knownPartner("DE", "EUR");
        Profiles.put(p, Profiles.sepa(null, "EU_VAT_ID", null));
        String before = accrue(p, "40.00", "EUR", LONG_AGO); // January: the opening balance of February
        awaitEarning(before);

        clock.setInstant(Instant.parse("2031-02-10T10:00:00Z"));
        String e1 = accrue(p, "100.00", "EUR", LONG_AGO);
        awaitEarning(e1);
        String claw = Api.clawback(p, e1, "-30.00", "EUR");
        awaitEarning(claw);
        String adj = Api.adjust(p, e1, "5.50", "EUR");
        awaitEarning(adj);
        // a payout in February of everything approved so far: 40 + 100 - 30 + 5.50
        String runId = finance().header("Idempotency-Key", Api.newId()).body(Map.of("cutoff", "2031-02-10")).post("/payout-runs")
                .then().statusCode(201).extract().path("runId");
        List<Map<String, Object>> items = checker().post("/payout-runs/" + runId + "/approve").then().statusCode(200)
                .extract().jsonPath().getList("items");
        Map<String, Object> item = items.stream().filter(i -> p.equals(i.get("partnerId"))).findFirst().orElseThrow();
        finance().body(Map.of("outcome", "paid", "bankReference", "FEB-PAY-1"))
                .post("/payout-runs/" + runId + "/items/" + item.get("itemId") + "/settlement").then().statusCode(200);

        clock.setInstant(Instant.parse("2031-03-03T09:00:00Z"));
        finance().post("/partners/" + p + "/statements/2031-03/issue").then().statusCode(409); // March is not over
        // a partner payout-service does not know is a 404 problem and nothing is issued: neither a made-up id nor one no
        // partner can have (longer than the column: it was a failed insert, found by the e2e fuzz test)
        String stranger = java.util.UUID.randomUUID().toString();
        for (String unknown : List.of(stranger, "x".repeat(2000))) {
            finance().post("/partners/" + unknown + "/statements/2031-02/issue").then().statusCode(404)
                    .contentType("application/problem+json");
        }
        assertEquals(0, Api.count("select count(*) from statement where partner_id = ?", stranger));
        JsonPath feb = finance().post("/partners/" + p + "/statements/2031-02/issue").then().statusCode(200).extract().jsonPath();
        assertEquals("issued", feb.getString("status"));
        assertEquals("40.00", feb.getString("openingBalance.amount"));
        assertEquals("100.00", feb.getString("accrued.amount"));
        assertEquals("-30.00", feb.getString("reversed.amount"));
        assertEquals("5.50", feb.getString("adjusted.amount"));
        assertEquals("115.50", feb.getString("paid.amount"));
        assertEquals("0.00", feb.getString("closingBalance.amount"));
        assertReconciles(feb);
        List<Map<String, Object>> lines = feb.getList("lines");
        assertEquals(List.of("accrued", "reversed", "adjusted", "paid"), lines.stream().map(l -> l.get("category")).toList());
        Map<String, Object> first = lines.get(0);
        assertEquals("8% commission on ACME", first.get("explanation"));
        @SuppressWarnings("unchecked") Map<String, Object> links = (Map<String, Object>) first.get("links");
        assertEquals("/earnings/" + e1, links.get("earning"));
        assertTrue(((String) links.get("deal")).startsWith("deal:"));
        assertTrue(((String) links.get("attribution")).startsWith("attribution:"));
        assertEquals("FEB-PAY-1", lines.get(3).get("reference"));

        // issuing every partner's February (what the monthly job does) keeps the one already issued
        List<String> ids = finance().post("/statements/2031-02/issue").then().statusCode(200).extract().jsonPath().getList("statementIds");
        assertTrue(ids.contains(feb.getString("statementId")), "the issued statement is among them");
        finance().post("/statements/2031-03/issue").then().statusCode(409);

        // a later correction lands in March; February's statement stays as issued
        String late = Api.adjust(p, e1, "-2.25", "EUR");
        awaitEarning(late);
        String again = partnerUser(p).get("/partners/" + p + "/statements/2031-02").then().statusCode(200).extract().asString();
        assertEquals(EventJson.writeString(feb.getMap("$")), EventJson.writeString(new JsonPath(again).getMap("$")));
        finance().post("/partners/" + p + "/statements/2031-02/issue").then().statusCode(200)
                .body("issuedAt", equalTo(feb.getString("issuedAt")));
        JsonPath march = finance().get("/partners/" + p + "/statements/2031-03").then().statusCode(200).extract().jsonPath();
        assertEquals("open", march.getString("status"));
        assertEquals("0.00", march.getString("openingBalance.amount"));
        assertEquals("-2.25", march.getString("adjusted.amount"));
        assertEquals("-2.25", march.getString("closingBalance.amount"));
        assertReconciles(march);
        JsonPath jan = finance().get("/partners/" + p + "/statements/2031-01").then().statusCode(200).extract().jsonPath();
        assertEquals("closed", jan.getString("status"));
        assertEquals("40.00", jan.getString("closingBalance.amount"));
        assertEquals(jan.getString("closingBalance.amount"), feb.getString("openingBalance.amount"));

        String csv = partnerUser(p).get("/partners/" + p + "/statements/2031-02/csv").then().statusCode(200).extract().asString();
        assertTrue(csv.contains(p + ",2031-02,EUR,issued,40.00,100.00,-30.00,5.50,115.50,0.00"), csv);
        assertTrue(csv.contains(",paid,-115.50,EUR,"), csv);

        var ev = Api.payoutEvents(p, "partnerflow.statement.issued.v1", 1).get(0);
        StatementIssued issued = EventJson.readString(ev.value(), StatementIssued.class);
        assertEquals("0.00", issued.closingBalance().amountString());
        assertEquals(4, issued.lineCount());
        // the database refuses to change an issued statement
        try (var c = io.partnerflow.testing.TestSupport.jdbc(); var st = c.createStatement()) {
            org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                    () -> st.executeUpdate("update statement set closing = 1 where partner_id = '" + p + "'"));
        }
    }

    @Test
    void aDisputedLineIsHeldUntilFinanceDecidesAndThePartnerSeesTheOutcome() throws Exception {
        String p = knownPartner("DE", "EUR");
        String e1 = accrue(p, "80.00", "EUR", LONG_AGO);
        String e2 = accrue(p, "20.00", "EUR", LONG_AGO);
        awaitEarning(e1);
        awaitEarning(e2);

        // another partner cannot dispute this line (404), the partner can
        partnerUser(Api.newId()).body(Map.of("earningId", e1, "reason", "x")).post("/partners/" + p + "/disputes").then().statusCode(404);
        String other = knownPartner("DE", "EUR");
        partnerUser(other).body(Map.of("earningId", e1, "reason", "mine?")).post("/partners/" + other + "/disputes").then().statusCode(404);
        JsonPath d = partnerUser(p).body(Map.of("earningId", e1, "reason", "the deal was 10% larger"))
                .post("/partners/" + p + "/disputes").then().statusCode(201).extract().jsonPath();
        String disputeId = d.getString("disputeId");
        partnerUser(p).body(Map.of("earningId", e1, "reason", "again")).post("/partners/" + p + "/disputes").then().statusCode(409);
        assertEquals("held", finance().get("/earnings/" + e1).then().extract().path("status"));
        assertEquals("20.00", EarningLifecycleTest.amount(EarningLifecycleTest.balance(p, "EUR"), "available"));
        // a run lists the disputed line as held with its reason (and keeps it out)
        JsonPath run = finance().header("Idempotency-Key", Api.newId())
                .body(Map.of("cutoff", java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString())).post("/payout-runs")
                .then().statusCode(201).extract().jsonPath();
        assertTrue(run.<Map<String, Object>>getList("held").stream().anyMatch(h -> p.equals(h.get("partnerId"))
                && "open_dispute".equals(h.get("reason")) && e1.equals(h.get("earningId"))), run.prettify());
        finance().body(Map.of("reason", "test over")).post("/payout-runs/" + run.getString("runId") + "/cancel").then().statusCode(200);

        // the partner cannot resolve its own dispute
        partnerUser(p).body(Map.of("outcome", "accepted", "resolution", "yes", "adjustment", Map.of("amount", "8.00", "currency", "EUR")))
                .post("/disputes/" + disputeId + "/resolve").then().statusCode(403);
        finance().body(Map.of("outcome", "accepted", "resolution", "deal amount confirmed by sales ops"))
                .post("/disputes/" + disputeId + "/resolve").then().statusCode(400);
        JsonPath resolved = finance().body(Map.of("outcome", "accepted", "resolution", "deal amount confirmed by sales ops",
                        "adjustment", Map.of("amount", "8.00", "currency", "EUR")))
                .post("/disputes/" + disputeId + "/resolve").then().statusCode(200).extract().jsonPath();
        assertEquals("accepted", resolved.getString("status"));
        finance().body(Map.of("outcome", "rejected", "resolution", "no")).post("/disputes/" + disputeId + "/resolve").then().statusCode(409);

        // the partner sees the outcome; the line is released and the adjustment is payable
        JsonPath seen = partnerUser(p).get("/disputes/" + disputeId).then().statusCode(200).extract().jsonPath();
        assertEquals("accepted", seen.getString("status"));
        assertEquals("8.00", seen.getString("adjustment.amount"));
        assertEquals("approved", finance().get("/earnings/" + e1).then().extract().path("status"));
        JsonPath b = EarningLifecycleTest.balance(p, "EUR");
        assertEquals("108.00", EarningLifecycleTest.amount(b, "payable"));
        assertEquals("108.00", EarningLifecycleTest.amount(b, "available"));
        String journal = seen.getString("adjustmentJournalId");
        assertEquals(2, Api.count("select count(*) from posting where journal_id = cast(? as uuid)", journal));

        var ev = Api.payoutEvents(p, "partnerflow.dispute.resolved.v1", 1).get(0);
        DisputeResolved data = EventJson.readString(ev.value(), DisputeResolved.class);
        assertEquals("accepted", data.outcome());
        assertEquals(journal, data.adjustmentJournalId());

        // a rejected dispute posts nothing and releases the line
        String d2 = partnerUser(p).body(Map.of("earningId", e2, "reason", "wrong rate")).post("/partners/" + p + "/disputes")
                .then().statusCode(201).extract().path("disputeId");
        long journals = Api.count("select count(*) from journal where partner_id = ?", p);
        finance().body(Map.of("outcome", "rejected", "resolution", "rate is per the Gold tier table"))
                .post("/disputes/" + d2 + "/resolve").then().statusCode(200).body("status", equalTo("rejected"));
        assertEquals(journals, Api.count("select count(*) from journal where partner_id = ?", p));
        assertEquals("approved", finance().get("/earnings/" + e2).then().extract().path("status"));
        List<String> statuses = partnerUser(p).get("/partners/" + p + "/disputes").then().statusCode(200).extract().jsonPath().getList("status");
        assertEquals(List.of("accepted", "rejected"), statuses);
    }
}
