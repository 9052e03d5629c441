package io.partnerflow.payout;

import io.partnerflow.contracts.EventJson;
import io.partnerflow.contracts.payout.PayoutRunApproved;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.partnerflow.payout.Api.accrue;
import static io.partnerflow.payout.Api.awaitEarning;
import static io.partnerflow.payout.Api.checker;
import static io.partnerflow.payout.Api.count;
import static io.partnerflow.payout.Api.finance;
import static io.partnerflow.payout.Api.knownPartner;
import static io.partnerflow.payout.Api.newId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Payout runs: thresholds, holds, carry-forward, maker-checker, files, settlement, never paying an earning twice. */
@QuarkusTest
class PayoutRunTest {
    static final Instant LONG_AGO = Instant.parse("2025-01-10T10:00:00Z");

    @BeforeEach
    void tokens() {
        Api.token("fin-maker", "finance");
        Api.token("fin-checker", "finance");
    }

    static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    static Response createRun(String key) {
        return finance().header("Idempotency-Key", key).body(Map.of("cutoff", today().toString())).post("/payout-runs");
    }

    static JsonPath newRun() {
        return createRun(newId()).then().statusCode(201).extract().jsonPath();
    }

    static Map<String, Object> item(JsonPath run, String partnerId) {
        List<Map<String, Object>> items = run.getList("items");
        return items.stream().filter(i -> partnerId.equals(i.get("partnerId"))).findFirst().orElse(null);
    }

    static List<String> heldReasons(JsonPath run, String partnerId) {
        List<Map<String, Object>> held = run.getList("held");
        return held.stream().filter(h -> partnerId.equals(h.get("partnerId"))).map(h -> (String) h.get("reason")).toList();
    }

    static String amount(Map<String, Object> item) {
        @SuppressWarnings("unchecked") Map<String, Object> m = (Map<String, Object>) item.get("amount");
        return (String) m.get("amount");
    }

    static String approvedEarning(String partnerId, String amount, String currency) {
        String e = accrue(partnerId, amount, currency, LONG_AGO);
        awaitEarning(e);
        return e;
    }

    @Test
    void aRunPaysWhatIsDueAndListsEveryHoldWithItsReason() throws Exception {
        String paid = knownPartner("DE", "EUR");
        Profiles.put(paid, Profiles.sepa("50.00", "EU_VAT_ID", null));
        approvedEarning(paid, "30.00", "EUR");
        approvedEarning(paid, "25.00", "EUR");

        String below = knownPartner("DE", "EUR");
        Profiles.put(below, Profiles.sepa("100.00", "EU_VAT_ID", null));
        approvedEarning(below, "60.00", "EUR");

        String negative = knownPartner("US", "USD");
        Profiles.put(negative, Profiles.ach("0.00", true));
        String e = approvedEarning(negative, "100.00", "USD");
        String claw = Api.clawback(negative, e, "-150.00", "USD");
        awaitEarning(claw);

        String noTax = knownPartner("DE", "EUR");
        Profiles.put(noTax, Profiles.sepa(null, null, null));
        approvedEarning(noTax, "80.00", "EUR");

        String expired = knownPartner("DE", "EUR");
        Profiles.put(expired, Profiles.sepa(null, "W-8BEN", "2024-12-31"));
        approvedEarning(expired, "80.00", "EUR");

        String suspended = knownPartner("DE", "EUR");
        Profiles.put(suspended, Profiles.sepa(null, "EU_VAT_ID", null));
        approvedEarning(suspended, "80.00", "EUR");
        Api.changeStatus(suspended, "active", "suspended");
        Api.awaitTrue(() -> "suspended".equals(Api.string("select status from partner where partner_id = ?", suspended)));

        String noProfile = knownPartner("DE", "EUR");
        approvedEarning(noProfile, "80.00", "EUR");

        String partlyHeld = knownPartner("DE", "EUR");
        Profiles.put(partlyHeld, Profiles.sepa(null, "EU_VAT_ID", null));
        approvedEarning(partlyHeld, "70.00", "EUR");
        String heldLine = approvedEarning(partlyHeld, "5.00", "EUR");
        finance().body(Map.of("reason", "deal under review")).post("/earnings/" + heldLine + "/hold").then().statusCode(200);

        String usd = knownPartner("US", "USD");
        Profiles.put(usd, Profiles.ach(null, false));
        approvedEarning(usd, "200.00", "USD");

        String usdBusiness = knownPartner("US", "USD");
        Profiles.put(usdBusiness, Profiles.ach(null, true));
        approvedEarning(usdBusiness, "300.25", "USD");

        JsonPath run = newRun();
        String runId = run.getString("runId");
        assertEquals("draft", run.getString("status"));
        assertEquals("55.00", amount(item(run, paid)));
        assertEquals("sepa_credit_transfer", item(run, paid).get("method"));
        assertEquals("•••• 3000", item(run, paid).get("account"));
        assertEquals(List.of("below_minimum"), heldReasons(run, below));
        assertNull(item(run, below));
        assertEquals(List.of("negative_balance"), heldReasons(run, negative));
        assertEquals(List.of("missing_tax_form"), heldReasons(run, noTax));
        assertEquals(List.of("expired_tax_form"), heldReasons(run, expired));
        assertEquals(List.of("partner_suspended"), heldReasons(run, suspended));
        assertEquals(List.of("missing_payout_profile"), heldReasons(run, noProfile));
        assertEquals("70.00", amount(item(run, partlyHeld)));
        assertEquals(List.of("earning_held"), heldReasons(run, partlyHeld));
        assertEquals("200.00", amount(item(run, usd)));
        assertEquals("ach", item(run, usd).get("method"));

        // files exist only once approved
        finance().get("/payout-runs/" + runId + "/exports/pain001.xml").then().statusCode(409);

        // maker-checker
        finance().post("/payout-runs/" + runId + "/approve").then().statusCode(403)
                .body("type", org.hamcrest.Matchers.equalTo("urn:partnerflow:problem:maker-checker"));
        Api.partnerUser(paid).post("/payout-runs/" + runId + "/approve").then().statusCode(403);
        JsonPath approved = checker().post("/payout-runs/" + runId + "/approve").then().statusCode(200).extract().jsonPath();
        assertEquals("approved", approved.getString("status"));
        assertEquals("fin-checker", approved.getString("approvedBy"));
        checker().post("/payout-runs/" + runId + "/approve").then().statusCode(409);

        // payout.run-approved, contract-valid, carrying the items and the holds
        ConsumerRecord<String, String> ev = Api.payoutEvents(runId, "partnerflow.payout.run-approved.v1", 1).get(0);
        PayoutRunApproved data = EventJson.readString(ev.value(), PayoutRunApproved.class);
        assertEquals("fin-maker", data.preparedBy());
        assertEquals("fin-checker", data.approvedBy());
        assertTrue(data.items().stream().anyMatch(i -> i.partnerId().equals(paid) && i.amount().amountString().equals("55.00")
                && i.earningCount() == 2));
        assertTrue(data.held().stream().anyMatch(h -> h.partnerId().equals(negative) && h.reason().equals("negative_balance")));

        // committed to the bank: payable -> clearing
        assertEquals("55.00", EarningLifecycleTest.amount(EarningLifecycleTest.balance(paid, "EUR"), "inPayment"));
        assertEquals("0.00", EarningLifecycleTest.amount(EarningLifecycleTest.balance(paid, "EUR"), "payable"));

        // files: pain.001 for the EUR/IBAN items, NACHA for the USD/ACH item, CSV for all
        String xml = finance().get("/payout-runs/" + runId + "/exports/pain001.xml").then().statusCode(200).extract().asString();
        assertTrue(xml.contains("pain.001.001.09"), xml);
        String paidItemId = (String) item(run, paid).get("itemId");
        assertTrue(xml.contains(paidItemId.replace("-", "")), "EndToEndId of the item");
        assertTrue(xml.contains(Profiles.IBAN_DE));
        assertTrue(xml.contains(">55.00<"), xml);
        assertFalse(xml.contains((String) item(run, usd).get("itemId")));
        // the run's file is valid against the official ISO 20022 schema (pain.001.001.09.xsd from a Maven Central jar)
        java.net.URL xsd = PayoutRunTest.class.getResource("/pain.001.001.09.xsd");
        assertNotNull(xsd, "the official XSD is on the test classpath");
        javax.xml.validation.SchemaFactory.newInstance(javax.xml.XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(xsd).newValidator()
                .validate(new javax.xml.transform.stream.StreamSource(new java.io.StringReader(xml)));
        String nacha = finance().get("/payout-runs/" + runId + "/exports/nacha.txt").then().statusCode(200).extract().asString();
        String[] lines = nacha.split("\n");
        assertEquals(0, lines.length % 10, "blocking factor 10");
        for (String l : lines) {
            assertEquals(94, l.length(), l);
        }
        assertTrue(nacha.contains("PPD"), "an individual payee is paid in a PPD batch");
        List<String> secCodes = java.util.Arrays.stream(lines).filter(l -> l.startsWith("5")).map(l -> l.substring(50, 53)).toList();
        assertTrue(secCodes.contains("PPD"), "an individual payee is paid in a PPD batch: " + secCodes);
        assertTrue(secCodes.contains("CCD"), "a business payee is paid in a CCD batch: " + secCodes);
        assertTrue(java.util.Arrays.stream(lines).anyMatch(l -> l.startsWith("6") && l.substring(29, 39).equals("0000030025")), nacha);
        String entry = java.util.Arrays.stream(lines).filter(l -> l.startsWith("6") && l.substring(29, 39).equals("0000020000"))
                .findFirst().orElseThrow();
        assertEquals("22", entry.substring(1, 3), "credit to checking");
        assertEquals("02100002", entry.substring(3, 11), "receiving DFI");
        assertEquals("1", entry.substring(11, 12), "routing check digit");
        assertEquals(Profiles.ACCOUNT, entry.substring(12, 29).trim(), "account number (only in the bank file)");
        assertEquals("0000020000", entry.substring(29, 39), "amount in cents");
        String csv = finance().get("/payout-runs/" + runId + "/exports/items.csv").then().statusCode(200).extract().asString();
        assertTrue(csv.contains(paidItemId + "," + paid) && csv.contains(",55.00,EUR,sepa_credit_transfer,sepa,"), csv);
        assertTrue(csv.contains(",200.00,USD,ach,nacha,"), csv);
        assertFalse(csv.contains(Profiles.IBAN_DE) || csv.contains(Profiles.ACCOUNT), csv);

        // settlement: paid
        String usdItem = (String) item(run, usd).get("itemId");
        finance().body(Map.of("outcome", "paid")).post("/payout-runs/" + runId + "/items/" + paidItemId + "/settlement").then().statusCode(400);
        finance().body(Map.of("outcome", "paid", "bankReference", "BANK-REF-1", "valueDate", today().toString()))
                .post("/payout-runs/" + runId + "/items/" + paidItemId + "/settlement").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("paid"));
        finance().body(Map.of("outcome", "paid", "bankReference", "BANK-REF-1"))
                .post("/payout-runs/" + runId + "/items/" + paidItemId + "/settlement").then().statusCode(200); // same again: no-op
        finance().body(Map.of("outcome", "failed", "failureCode", "AC04", "reason", "closed"))
                .post("/payout-runs/" + runId + "/items/" + paidItemId + "/settlement").then().statusCode(409);
        JsonPath b = EarningLifecycleTest.balance(paid, "EUR");
        assertEquals("55.00", EarningLifecycleTest.amount(b, "paid"));
        assertEquals("0.00", EarningLifecycleTest.amount(b, "owed"));
        assertEquals(1, count("select count(*) from journal where run_item_id = cast(? as uuid) and kind = 'payout_paid'", paidItemId));
        assertEquals(2, count("select count(*) from earning where partner_id = ? and status = 'paid'", paid));
        var paidEvent = Api.payoutEvents(paid, "partnerflow.payout.paid.v1", 1).get(0);
        assertTrue(paidEvent.value().contains("BANK-REF-1"));

        // settlement: failed → the amount is owed again and the next run pays it
        finance().body(Map.of("outcome", "failed", "failureCode", "R03", "reason", "no account / unable to locate account"))
                .post("/payout-runs/" + runId + "/items/" + usdItem + "/settlement").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("failed"));
        JsonPath ub = EarningLifecycleTest.balance(usd, "USD");
        assertEquals("200.00", EarningLifecycleTest.amount(ub, "payable"));
        assertEquals("0.00", EarningLifecycleTest.amount(ub, "inPayment"));
        assertEquals("0.00", EarningLifecycleTest.amount(ub, "paid"));
        var failedEvent = Api.payoutEvents(usd, "partnerflow.payout.failed.v1", 1).get(0);
        assertTrue(failedEvent.value().contains("R03"));

        // carry-forward: the partner below its minimum crosses it with a later earning
        approvedEarning(below, "50.00", "EUR");
        JsonPath next = newRun();
        assertEquals("110.00", amount(item(next, below)));
        assertEquals("200.00", amount(item(next, usd)), "the failed payout is paid again in the next run");
        assertNull(item(next, paid), "nothing is paid twice");
        finance().body(Map.of("reason", "test over")).post("/payout-runs/" + next.getString("runId") + "/cancel").then().statusCode(200);
        assertEquals(0, count("""
                select count(*) from payout_item_earning x join payout_item i on i.id = x.item_id
                 where i.run_id = cast(? as uuid) and not x.released""", next.getString("runId")));
    }

    @Test
    void aPaidEarningRedeliveredOrRepeatedIsNeverPaidAgain() throws Exception {
        String p = knownPartner("DE", "EUR");
        Profiles.put(p, Profiles.sepa(null, "EU_VAT_ID", null));
        String earningId = newId();
        String eventId = newId();
        var data = Api.accrued(earningId, p, "42.00", "EUR", LONG_AGO);
        Api.sendEvent("incentive.earnings", p, "partnerflow.earning.accrued.v1", eventId, data);
        awaitEarning(earningId);
        JsonPath run = newRun();
        String itemId = (String) item(run, p).get("itemId");
        checker().post("/payout-runs/" + run.getString("runId") + "/approve").then().statusCode(200);
        finance().body(Map.of("outcome", "paid", "bankReference", "REF-42"))
                .post("/payout-runs/" + run.getString("runId") + "/items/" + itemId + "/settlement").then().statusCode(200);

        Api.sendEvent("incentive.earnings", p, "partnerflow.earning.accrued.v1", eventId, data);   // redelivery
        Api.sendEvent("incentive.earnings", p, "partnerflow.earning.accrued.v1", newId(), data);   // replay with a new event id
        String marker = approvedEarning(p, "0.01", "EUR");                                          // after both
        assertNotNull(marker);
        JsonPath next = newRun();
        assertEquals("0.01", amount(item(next, p)), "only the new cent is paid; the 42.00 never again");
        assertEquals(1, count("select count(*) from payout_item_earning where earning_id = cast(? as uuid)", earningId));
        assertEquals("42.00", EarningLifecycleTest.amount(EarningLifecycleTest.balance(p, "EUR"), "paid"));
        finance().body(Map.of("reason", "test over")).post("/payout-runs/" + next.getString("runId") + "/cancel").then().statusCode(200);
    }

    @Test
    void theIdempotencyKeyIsRequiredAndARetryReturnsTheSameRun() {
        finance().body(Map.of("cutoff", today().toString())).post("/payout-runs").then().statusCode(400)
                .contentType("application/problem+json");
        String key = newId();
        String first = createRun(key).then().statusCode(201).extract().path("runId");
        String again = createRun(key).then().statusCode(200).extract().path("runId");
        assertEquals(first, again);
        finance().header("Idempotency-Key", key).body(Map.of("cutoff", today().minusDays(1).toString())).post("/payout-runs")
                .then().statusCode(422);
        Api.partnerUser(newId()).header("Idempotency-Key", newId()).body(Map.of("cutoff", today().toString()))
                .post("/payout-runs").then().statusCode(403);
        finance().body(Map.of("reason", "test")).post("/payout-runs/" + first + "/cancel").then().statusCode(200);
    }

    @Test
    void concurrentRunsWithDifferentKeysNeverClaimAnEarningTwice() throws Exception {
        List<String> partners = new ArrayList<>();
        List<String> earnings = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            String partner = knownPartner("DE", "EUR");
            Profiles.put(partner, Profiles.sepa(null, "EU_VAT_ID", null));
            partners.add(partner);
            for (int i = 0; i < 3; i++) {
                earnings.add(approvedEarning(partner, (10 + i) + ".00", "EUR"));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String key = newId();
            results.add(pool.submit((Callable<Integer>) () -> createRun(key).then().extract().statusCode()));
        }
        for (Future<Integer> f : results) {
            assertEquals(201, f.get());
        }
        pool.shutdown();
        for (String e : earnings) {
            assertEquals(1, count("select count(*) from payout_item_earning where earning_id = cast(? as uuid) and not released", e),
                    "earning " + e + " is in exactly one live item");
        }
        for (String p : partners) {
            assertEquals(1, count("select count(*) from payout_item where partner_id = ? and status = 'pending'", p));
            assertEquals("33.00", Api.string("select amount::numeric(10,2)::text from payout_item where partner_id = ?", p));
        }
        // and the database itself refuses a second live claim
        String claimed = earnings.get(0);
        String otherItem = Api.string("""
                select i.id::text from payout_item i where i.status = 'pending'
                   and not exists (select 1 from payout_item_earning x where x.item_id = i.id and x.earning_id = cast(? as uuid))
                 limit 1""", claimed);
        assertNotNull(otherItem);
        try (var c = io.partnerflow.testing.TestSupport.jdbc(); var st = c.createStatement()) {
            var ex = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class, () -> st.executeUpdate(
                    "insert into payout_item_earning (item_id, earning_id, amount) values ('" + otherItem + "', '" + claimed + "', 1)"));
            assertEquals("23505", ex.getSQLState());
        }
        // leave nothing claimed for other tests
        List<Map<String, Object>> runs = finance().get("/payout-runs?limit=20").then().statusCode(200).extract().jsonPath().getList("$");
        for (Map<String, Object> r : runs) {
            if ("draft".equals(r.get("status"))) {
                finance().body(Map.of("reason", "test over")).post("/payout-runs/" + r.get("runId") + "/cancel");
            }
        }
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
