package io.partnerflow.payout;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.partnerflow.payout.Api.accrue;
import static io.partnerflow.payout.Api.as;
import static io.partnerflow.payout.Api.awaitEarning;
import static io.partnerflow.payout.Api.count;
import static io.partnerflow.payout.Api.knownPartner;
import static io.partnerflow.payout.Api.partnerUser;
import static io.partnerflow.payout.StatementAndDisputeTest.LONG_AGO;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Money moved by hand needs four eyes: dispute adjustments are bounded, never resolved by the raiser, and above the
 * threshold (or the disputed amount) booked only after a second finance user approves; users are compared by
 * canonical identity, so a case or width variant of a subject is the same person.
 */
@QuarkusTest
class FourEyesTest {
    private static final String FULLWIDTH_FIN_A = "\uFF46\uFF49\uFF4E-\uFF41"; // ｆｉｎ-ａ

    @BeforeEach
    void tokens() {
        for (String s : List.of("fin-a", "FIN-A", FULLWIDTH_FIN_A, "fin-b", "fin-raiser", " FIN-Raiser", "sec-fin1", "SEC-FIN1")) {
            Api.token(s, "finance");
        }
    }

    private static String dispute(String partnerId, String earningId) {
        return partnerUser(partnerId).body(Map.of("earningId", earningId, "reason", "the deal was larger"))
                .post("/partners/" + partnerId + "/disputes").then().statusCode(201).extract().path("disputeId");
    }

    private static Map<String, Object> accepted(String amount, boolean exceeds) {
        return Map.of("outcome", "accepted", "resolution", "confirmed by sales ops",
                "adjustment", Map.of("amount", amount, "currency", "EUR"), "exceedsDisputedAmount", exceeds);
    }

    private static long journals(String partnerId) throws Exception {
        return count("select count(*) from journal where partner_id = ?", partnerId);
    }

    @Test
    void theRaiserCannotResolveTheirOwnDisputeNotEvenWithACaseVariantSubject() throws Exception {
        String p = knownPartner("DE", "EUR");
        String e = accrue(p, "80.00", "EUR", LONG_AGO);
        awaitEarning(e);
        String d = as("fin-raiser", "finance").body(Map.of("earningId", e, "reason", "raised by finance for the partner"))
                .post("/partners/" + p + "/disputes").then().statusCode(201).extract().path("disputeId");
        long before = journals(p);
        for (String self : List.of("fin-raiser", " FIN-Raiser")) {
            as(self, "finance").body(accepted("8.00", false)).post("/disputes/" + d + "/resolve").then().statusCode(403)
                    .contentType("application/problem+json").body("type", equalTo("urn:partnerflow:problem:four-eyes"));
        }
        assertEquals(before, journals(p));
        assertEquals("open", as("fin-b", "finance").get("/disputes/" + d).then().extract().path("status"));
        as("fin-b", "finance").body(accepted("8.00", false)).post("/disputes/" + d + "/resolve").then().statusCode(200)
                .body("status", equalTo("accepted")).body("resolvedBy", equalTo("fin-b"));
        assertEquals(before + 1, journals(p));
    }

    @Test
    void anAdjustmentIsBoundedByTheDisputedAmountAndAboveItNeedsASecondApprover() throws Exception {
        String p = knownPartner("DE", "EUR");
        String e = accrue(p, "80.00", "EUR", LONG_AGO);
        awaitEarning(e);
        String d = dispute(p, e);
        long before = journals(p);

        // 10^30 is refused outright, naming the field
        as("fin-a", "finance").body(accepted("1000000000000000000000000000000.00", true)).post("/disputes/" + d + "/resolve")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("adjustment.amount"));
        // above the disputed 80.00 without saying so: refused
        as("fin-a", "finance").body(accepted("81.00", false)).post("/disputes/" + d + "/resolve")
                .then().statusCode(422).contentType("application/problem+json").body("errors.field", hasItem("adjustment.amount"))
                .body("detail", containsString("exceeds the disputed amount 80.00"));
        assertEquals("open", as("fin-b", "finance").get("/disputes/" + d).then().extract().path("status"));
        assertEquals(before, journals(p));

        // said so: proposed, nothing booked, waiting for a second finance user
        JsonPath pending = as("fin-a", "finance").body(accepted("81.00", true)).post("/disputes/" + d + "/resolve")
                .then().statusCode(202).extract().jsonPath();
        assertEquals("pending_approval", pending.getString("status"));
        assertEquals("fin-a", pending.getString("proposedBy"));
        assertEquals(List.of("above_disputed_amount"), pending.getList("approvalReasons"));
        assertEquals(before, journals(p));
        assertEquals("held", as("fin-b", "finance").get("/earnings/" + e).then().extract().path("status"));

        // the proposer cannot approve, whatever the spelling of the subject
        for (String self : List.of("fin-a", "FIN-A", FULLWIDTH_FIN_A)) {
            as(self, "finance").post("/disputes/" + d + "/approve").then().statusCode(403)
                    .body("type", equalTo("urn:partnerflow:problem:four-eyes"));
        }
        assertEquals(before, journals(p));

        JsonPath done = as("fin-b", "finance").post("/disputes/" + d + "/approve").then().statusCode(200).extract().jsonPath();
        assertEquals("accepted", done.getString("status"));
        assertEquals("fin-a", done.getString("resolvedBy"));
        assertEquals("fin-b", done.getString("approvedBy"));
        assertEquals("81.00", done.getString("adjustment.amount"));
        assertEquals(before + 1, journals(p));
        as("fin-b", "finance").post("/disputes/" + d + "/approve").then().statusCode(409);

        // audited: who, when, before and after
        List<Map<String, Object>> audit = as("fin-b", "finance").get("/disputes/" + d + "/audit").then().statusCode(200)
                .extract().jsonPath().getList("$");
        assertEquals(List.of("opened", "proposed", "approved"), audit.stream().map(a -> a.get("action")).toList());
        assertEquals(List.of("user-of-" + p, "fin-a", "fin-b"), audit.stream().map(a -> a.get("actor")).toList());
        JsonPath approved = new JsonPath(io.partnerflow.contracts.EventJson.writeString(audit.get(2)));
        assertEquals("pending_approval", approved.getString("before.status"));
        assertEquals("accepted", approved.getString("after.status"));
        assertEquals("81.00", approved.getString("after.adjustment.amount"));
    }

    @Test
    void aboveTheThresholdASecondFinanceUserApprovesOrSendsItBack() throws Exception {
        String p = knownPartner("DE", "EUR");
        String e = accrue(p, "5000.00", "EUR", LONG_AGO);
        awaitEarning(e);
        String d = dispute(p, e);
        long before = journals(p);

        as("fin-a", "finance").body(accepted("1500.00", false)).post("/disputes/" + d + "/resolve").then().statusCode(202)
                .body("status", equalTo("pending_approval")).body("approvalReasons", equalTo(List.of("above_threshold")));
        List<Map<String, Object>> waiting = as("fin-b", "finance").get("/disputes?status=pending_approval").then().statusCode(200)
                .extract().jsonPath().getList("$");
        Map<String, Object> mine = waiting.stream().filter(w -> d.equals(w.get("disputeId"))).findFirst().orElseThrow();
        assertEquals("fin-a", mine.get("proposedBy"));
        assertEquals(true, mine.get("proposedAt") != null);
        as("FIN-A", "finance").post("/disputes/" + d + "/approve").then().statusCode(403);

        // sent back: open again, nothing booked; then a smaller adjustment books at once
        JsonPath back = as("fin-b", "finance").body(Map.of("note", "please check the deal amount"))
                .post("/disputes/" + d + "/send-back").then().statusCode(200).extract().jsonPath();
        assertEquals("open", back.getString("status"));
        assertNull(back.get("adjustment"));
        assertEquals(before, journals(p));
        as("fin-b", "finance").body(accepted("900.00", false)).post("/disputes/" + d + "/resolve").then().statusCode(200)
                .body("status", equalTo("accepted"));
        assertEquals(before + 1, journals(p));
        assertEquals(4, count("select count(*) from dispute_audit where dispute_id = cast(? as uuid)", d));
    }

    @Test
    void decliningAClawbackGivesMoneyBackAndNeedsASecondFinanceUser() throws Exception {
        String p = knownPartner("DE", "EUR");
        String e = accrue(p, "100.00", "EUR", LONG_AGO);
        awaitEarning(e);
        String claw = Api.clawback(p, e, "-30.00", "EUR");
        awaitEarning(claw);
        long before = journals(p);
        String statusBefore = as("fin-b", "finance").get("/earnings/" + claw).then().extract().path("status");

        JsonPath pending = as("fin-a", "finance").body(Map.of("reason", "refund was reversed by the customer"))
                .post("/earnings/" + claw + "/decline").then().statusCode(202).extract().jsonPath();
        assertEquals("negative_line", pending.getString("why"));
        assertEquals("fin-a", pending.getString("requestedBy"));
        assertEquals(before, journals(p));
        assertEquals(statusBefore, as("fin-b", "finance").get("/earnings/" + claw).then().extract().path("status"));
        List<Map<String, Object>> waiting = as("fin-b", "finance").get("/earnings/decline-requests").then().statusCode(200)
                .extract().jsonPath().getList("$");
        assertEquals(1, waiting.stream().filter(w -> claw.equals(w.get("earningId"))).count());

        as("FIN-A", "finance").body(Map.of("reason", "again")).post("/earnings/" + claw + "/decline").then().statusCode(403)
                .body("type", equalTo("urn:partnerflow:problem:four-eyes"));
        assertEquals(before, journals(p));
        as("fin-b", "finance").body(Map.of("reason", "confirmed")).post("/earnings/" + claw + "/decline").then().statusCode(200)
                .body("status", equalTo("declined"));
        assertEquals(before + 1, journals(p));
        assertEquals(0, as("fin-b", "finance").get("/earnings/decline-requests").then().extract().jsonPath()
                .<Map<String, Object>>getList("$").stream().filter(w -> claw.equals(w.get("earningId"))).count());
    }

    @Test
    void aCaseVariantSubjectIsTheSameMakerOnAPayoutRun() throws Exception {
        String runId = as("sec-fin1", "finance").header("Idempotency-Key", Api.newId()).body(Map.of("cutoff", "2001-01-31"))
                .post("/payout-runs").then().statusCode(201).extract().path("runId");
        as("SEC-FIN1", "finance").post("/payout-runs/" + runId + "/approve").then().statusCode(403)
                .contentType("application/problem+json").body("type", equalTo("urn:partnerflow:problem:maker-checker"));
        assertEquals("draft", as("fin-b", "finance").get("/payout-runs/" + runId).then().extract().path("status"));
        as("fin-b", "finance").body(Map.of("reason", "test over")).post("/payout-runs/" + runId + "/cancel").then().statusCode(200);
    }
}
