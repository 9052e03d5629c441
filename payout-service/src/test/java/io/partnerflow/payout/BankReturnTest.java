package io.partnerflow.payout;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.partnerflow.payout.Api.checker;
import static io.partnerflow.payout.Api.count;
import static io.partnerflow.payout.Api.finance;
import static io.partnerflow.payout.Api.knownPartner;
import static io.partnerflow.payout.EarningLifecycleTest.amount;
import static io.partnerflow.payout.EarningLifecycleTest.balance;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bank return files: pain.002 / camt.054 / NACHA returns fail the payments, restore balances, hold, re-pay. */
@QuarkusTest
class BankReturnTest {

    @BeforeEach
    void tokens() {
        Api.token("fin-maker", "finance");
        Api.token("fin-checker", "finance");
    }

    static JsonPath approvedRun() {
        JsonPath run = PayoutRunTest.newRun();
        checker().post("/payout-runs/" + run.getString("runId") + "/approve").then().statusCode(200);
        return run;
    }

    static String itemId(JsonPath run, String partnerId) {
        return (String) PayoutRunTest.item(run, partnerId).get("itemId");
    }

    static io.restassured.response.Response importReturn(String runId, String contentType, String body) {
        return given().header("Authorization", Api.token("fin-maker", "finance")).contentType(contentType).body(body)
                .post("/payout-runs/" + runId + "/returns");
    }

    static long journals(String partnerId) throws Exception {
        return count("select count(*) from journal where partner_id = ?", partnerId);
    }

    @Test
    void aPain002AndANachaReturnFailThePaymentsRestoreTheBalancesHoldThePartnersAndTheNextRunRepaysThem() throws Exception {
        String sepa = knownPartner("DE", "EUR");
        Profiles.put(sepa, Profiles.sepa(null, "EU_VAT_ID", null));
        String ach = knownPartner("US", "USD");
        Profiles.put(ach, Profiles.ach(null, true));
        String sepaOk = knownPartner("DE", "EUR");
        Profiles.put(sepaOk, Profiles.sepa(null, "EU_VAT_ID", null));
        PayoutRunTest.approvedEarning(sepa, "41.10", "EUR");
        PayoutRunTest.approvedEarning(sepa, "0.03", "EUR");
        PayoutRunTest.approvedEarning(ach, "52.20", "USD");
        PayoutRunTest.approvedEarning(sepaOk, "10.00", "EUR");
        assertEquals("41.13", amount(balance(sepa, "EUR"), "payable"));

        JsonPath run = approvedRun();
        String runId = run.getString("runId");
        String sepaItem = itemId(run, sepa);
        String achItem = itemId(run, ach);
        assertEquals("0.00", amount(balance(sepa, "EUR"), "payable"));

        // pain.002: the SEPA payment rejected (AC04), another one accepted
        String pain002 = ReturnSamples.pain002(sepaItem.replace("-", ""), "41.13", "AC04", itemId(run, sepaOk).replace("-", ""));
        JsonPath r = importReturn(runId, "application/xml", pain002).then().statusCode(200).extract().jsonPath();
        assertEquals("pain.002", r.getString("format"));
        assertEquals(List.of(sepaItem), r.getList("returned.itemId"));
        assertEquals("AC04", r.getString("returned[0].code"));
        assertEquals(1, r.getInt("ignored"));
        assertEquals("41.13", amount(balance(sepa, "EUR"), "payable"), "back on the balance to the cent");
        assertEquals("0.00", amount(balance(sepa, "EUR"), "inPayment"));
        assertEquals(1, count("select count(*) from journal where run_item_id = cast(? as uuid) and kind = 'payout_failed'"
                + " and reverses_journal_id is not null", sepaItem), "a reversing journal of the commitment");
        ConsumerRecord<String, String> failed = Api.payoutEvents(sepa, "partnerflow.payout.failed.v1", 1).get(0);
        JsonPath event = new JsonPath(failed.value());
        assertEquals("pain.002", event.getString("source"), failed.value());
        assertTrue(event.getBoolean("bankDetailsHeld"), failed.value());
        assertEquals("AC04", event.getString("failureCode"));
        assertEquals("41.13", event.getString("amount.amount"));
        finance().get("/partners/" + sepa + "/payout-profile").then().statusCode(200)
                .body("returnHold", org.hamcrest.Matchers.startsWith("AC04"));

        // the same file again books nothing
        long before = journals(sepa);
        importReturn(runId, "application/xml", pain002).then().statusCode(200)
                .body("alreadyImported", org.hamcrest.Matchers.equalTo(true));
        assertEquals(before, journals(sepa));

        // NACHA return: R03 on the ACH payment
        String nacha = ReturnSamples.nachaReturn(achItem.replace("-", "").substring(0, 15).toUpperCase(), 5220, "R03",
                Profiles.ABA, Profiles.ACCOUNT);
        JsonPath n = importReturn(runId, "text/plain", nacha).then().statusCode(200).extract().jsonPath();
        assertEquals("nacha", n.getString("format"));
        assertEquals(List.of(achItem), n.getList("returned.itemId"));
        assertEquals("R03", n.getString("returned[0].code"));
        assertEquals("52.20", amount(balance(ach, "USD"), "payable"));
        finance().get("/payout-runs/" + runId).then().statusCode(200)
                .body("items.find { it.itemId == '" + achItem + "' }.status", org.hamcrest.Matchers.equalTo("failed"))
                .body("items.find { it.itemId == '" + achItem + "' }.failureCode", org.hamcrest.Matchers.equalTo("R03"));

        // held while the bank details are those the bank returned
        JsonPath held = PayoutRunTest.newRun();
        assertNull(PayoutRunTest.item(held, sepa));
        assertNull(PayoutRunTest.item(held, ach));
        assertTrue(PayoutRunTest.heldReasons(held, sepa).contains("bank_details_returned"));
        assertTrue(PayoutRunTest.heldReasons(held, ach).contains("bank_details_returned"));
        finance().body(Map.of("reason", "test")).post("/payout-runs/" + held.getString("runId") + "/cancel").then().statusCode(200);

        // new details → paid again in the next run, to the new account
        Map<String, Object> fr = Profiles.sepa(null, "EU_VAT_ID", null);
        fr.put("iban", Profiles.IBAN_FR);
        Profiles.put(sepa, fr);
        Map<String, Object> otherAccount = Profiles.ach(null, true);
        otherAccount.put("accountNumber", "123456789012");
        Profiles.put(ach, otherAccount);
        JsonPath next = approvedRun();
        assertEquals("41.13", PayoutRunTest.amount(PayoutRunTest.item(next, sepa)));
        assertEquals("52.20", PayoutRunTest.amount(PayoutRunTest.item(next, ach)));
        String xml = finance().get("/payout-runs/" + next.getString("runId") + "/exports/pain001.xml").then().statusCode(200)
                .extract().asString();
        assertTrue(xml.contains(Profiles.IBAN_FR));
    }

    @Test
    void malformedOrUnmatchedReturnFilesAnswer4xxAndBookNothing() throws Exception {
        String p = knownPartner("DE", "EUR");
        Profiles.put(p, Profiles.sepa(null, "EU_VAT_ID", null));
        PayoutRunTest.approvedEarning(p, "77.70", "EUR");
        JsonPath run = approvedRun();
        String runId = run.getString("runId");
        String item = itemId(run, p).replace("-", "");
        long journals = journals(p);
        long files = count("select count(*) from bank_return_file where run_id = cast(? as uuid)", runId);

        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE Document [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.10"><CstmrPmtStsRpt>&x;</CstmrPmtStsRpt></Document>""";
        importReturn(runId, "application/xml", xxe).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("file"));
        importReturn(runId, "application/xml", "<Document><x></Document>").then().statusCode(400)
                .body("errors.field", hasItem("file"));
        importReturn(runId, "text/plain", "1 not a nacha file").then().statusCode(400).body("errors.field", hasItem("line 1"));
        importReturn(runId, "application/xml", ReturnSamples.pain002(item, "77.70", "AC04", item).replace("<Rsn><Cd>AC04</Cd></Rsn>", ""))
                .then().statusCode(400).body("errors.field", hasItem("TxInfAndSts[1]/StsRsnInf/Rsn/Cd"));
        // unmatched: an unknown reference, a wrong amount, an ACH return for a SEPA payment
        String unknown = UUID.randomUUID().toString().replace("-", "");
        importReturn(runId, "application/xml", ReturnSamples.pain002(unknown, "77.70", "AC04", item)).then().statusCode(422)
                .contentType("application/problem+json").body("errors.field", hasItem("TxInfAndSts[1]"));
        importReturn(runId, "application/xml", ReturnSamples.camt054(item, "77.71", "AC01")).then().statusCode(422)
                .body("errors.field", hasItem("TxDtls[1]/amount"));
        importReturn(runId, "text/plain", ReturnSamples.nachaReturn(item.substring(0, 15), 7770, "R01", Profiles.ABA, Profiles.ACCOUNT))
                .then().statusCode(422).body("errors.field", hasItem("line 3"));
        // a partner's token, or a run that does not exist
        given().header("Authorization", Api.partnerToken(p)).contentType("application/xml")
                .body(ReturnSamples.camt054(item, "77.70", "AC01")).post("/payout-runs/" + runId + "/returns").then().statusCode(403);
        importReturn(UUID.randomUUID().toString(), "application/xml", ReturnSamples.camt054(item, "77.70", "AC01")).then().statusCode(404);

        assertEquals(journals, journals(p), "nothing booked");
        assertEquals(files, count("select count(*) from bank_return_file where run_id = cast(? as uuid)", runId));
        assertEquals(1, count("select count(*) from payout_item where run_id = cast(? as uuid) and partner_id = ? and status = 'pending'", runId, p));
        assertEquals(0, count("select count(*) from payout_profile where partner_id = ? and returned_fingerprint is not null", p));

        // the camt.054 that matches books it
        importReturn(runId, "application/xml", ReturnSamples.camt054(item, "77.70", "AC01")).then().statusCode(200)
                .body("format", org.hamcrest.Matchers.equalTo("camt.054"));
        assertEquals("77.70", amount(balance(p, "EUR"), "payable"));
    }
}
