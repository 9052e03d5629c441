package io.partnerflow.payout;

import io.partnerflow.platform.time.AdjustableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.partnerflow.payout.Api.accrue;
import static io.partnerflow.payout.Api.as;
import static io.partnerflow.payout.Api.awaitEarning;
import static io.partnerflow.payout.Api.awaitTrue;
import static io.partnerflow.payout.Api.checker;
import static io.partnerflow.payout.Api.count;
import static io.partnerflow.payout.Api.finance;
import static io.partnerflow.payout.Api.knownPartner;
import static io.partnerflow.payout.Api.newId;
import static io.partnerflow.payout.Api.partnerUser;
import static io.partnerflow.payout.Api.string;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Reversing journals for finance corrections: proposed by one finance user, approved by another, posted once; the
 * reversal nets to zero with its original on every account and the balances come back to the cent.
 */
@QuarkusTest
class JournalReversalTest {
    static final Instant LONG_AGO = Instant.parse("2025-01-10T10:00:00Z");

    @Inject
    AdjustableClock clock;

    @BeforeEach
    void tokens() {
        Api.token("fin-maker", "finance");
        Api.token("FIN-MAKER", "finance");
        Api.token("fin-checker", "finance");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static String balance(String partnerId, String field) {
        return EarningLifecycleTest.amount(EarningLifecycleTest.balance(partnerId, "EUR"), field);
    }

    private static long reversalRows(String journalId) throws Exception {
        return count("select count(*) from journal_reversal where journal_id = cast(? as uuid)", journalId);
    }

    private static long correctionJournals(String partnerId) throws Exception {
        return count("select count(*) from journal where partner_id = ? and kind = 'correction'", partnerId);
    }

    @Test
    void aReversalNeedsASecondFinanceUserNetsToZeroWithItsOriginalAndHappensOnce() throws Exception {
        clock.setInstant(Instant.parse("2032-03-10T10:00:00Z"));
        String p = knownPartner("DE", "EUR");
        String e = accrue(p, "123.45", "EUR", LONG_AGO);
        awaitEarning(e);
        finance().post("/earnings/approvals").then().statusCode(200);
        awaitTrue(() -> count("select count(*) from journal where earning_id = cast(? as uuid) and kind = 'earning_approved'", e) == 1);
        String approval = string("select cast(id as text) from journal where earning_id = cast(? as uuid) and kind = 'earning_approved'", e);
        assertEquals("123.45", balance(p, "payable"));
        assertEquals("0.00", balance(p, "pending"));

        // bad input: 400 naming the field, unknown journal 404, not finance 403 — nothing written
        finance().body(Map.of()).post("/journals/" + approval + "/reversals").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem(containsString("reason")));
        finance().body(Map.of("reason", "   ")).post("/journals/" + approval + "/reversals").then().statusCode(400)
                .body("errors.field", hasItem(containsString("reason")));
        finance().body(Map.of("reason", "x".repeat(2001))).post("/journals/" + approval + "/reversals").then().statusCode(400)
                .body("errors.field", hasItem(containsString("reason")));
        finance().body(Map.of("reason", "typo")).post("/journals/" + newId() + "/reversals").then().statusCode(404);
        partnerUser(p).body(Map.of("reason", "mine")).post("/journals/" + approval + "/reversals").then().statusCode(403);
        assertEquals(0, reversalRows(approval));

        // the maker proposes: nothing is posted yet
        JsonPath proposed = finance().body(Map.of("reason", "approved in error: the deal was cancelled"))
                .post("/journals/" + approval + "/reversals").then().statusCode(201)
                .body("status", equalTo("proposed")).body("journalId", equalTo(approval)).body("proposedBy", equalTo("fin-maker"))
                .extract().jsonPath();
        String reversalId = proposed.getString("reversalId");
        checker().body(Map.of("reason", "me too")).post("/journals/" + approval + "/reversals").then().statusCode(409);
        assertEquals(1, reversalRows(approval));
        assertEquals(0, correctionJournals(p));

        // the maker cannot approve, whatever the spelling
        for (String self : List.of("fin-maker", "FIN-MAKER")) {
            as(self, "finance").post("/journal-reversals/" + reversalId + "/approve").then().statusCode(403)
                    .contentType("application/problem+json").body("type", equalTo("urn:partnerflow:problem:four-eyes"))
                    .body("detail", containsString("four eyes"));
        }
        partnerUser(p).post("/journal-reversals/" + reversalId + "/approve").then().statusCode(403);
        assertEquals(0, correctionJournals(p));
        assertEquals("123.45", balance(p, "payable"));

        // a second finance user approves: the reversing journal is posted, linked, with the reason
        String reversalJournal = checker().post("/journal-reversals/" + reversalId + "/approve").then().statusCode(200)
                .body("status", equalTo("approved")).body("approvedBy", equalTo("fin-checker"))
                .extract().path("reversalJournalId");
        assertEquals("correction", string("select kind from journal where id = cast(? as uuid)", reversalJournal));
        assertEquals(approval, string("select cast(reverses_journal_id as text) from journal where id = cast(? as uuid)", reversalJournal));
        assertEquals("approved in error: the deal was cancelled",
                string("select reason from journal where id = cast(? as uuid)", reversalJournal));
        assertEquals(2, count("select count(*) from posting where journal_id = cast(? as uuid)", reversalJournal));
        // debit and credit swapped: per account, the original and its reversal sum to zero
        assertEquals(0, count("""
                select count(*) from (select account_code from posting where journal_id in (cast(? as uuid), cast(? as uuid))
                 group by account_code having sum(amount) <> 0) x""", approval, reversalJournal));
        assertEquals(0, count("""
                select count(*) from posting o join posting r on r.account_code = o.account_code
                 where o.journal_id = cast(? as uuid) and r.journal_id = cast(? as uuid) and r.amount <> -o.amount""",
                approval, reversalJournal));
        assertEquals("0.00", balance(p, "payable"));
        assertEquals("123.45", balance(p, "pending"));
        finance().get("/journal-reversals/" + reversalId).then().statusCode(200).body("reversalJournalId", equalTo(reversalJournal));
        finance().get("/journal-reversals?status=nonsense").then().statusCode(400).body("errors.field", hasItem(containsString("status")));

        // once only: approving again, proposing again → 409, nothing more posted
        checker().post("/journal-reversals/" + reversalId + "/approve").then().statusCode(409);
        as("fin-third", "finance").post("/journal-reversals/" + reversalId + "/approve").then().statusCode(409);
        finance().body(Map.of("reason", "again")).post("/journals/" + approval + "/reversals").then().statusCode(409);
        checker().post("/journal-reversals/" + newId() + "/approve").then().statusCode(404);
        assertEquals(1, correctionJournals(p));
        assertEquals("0.00", balance(p, "payable"));
    }

    @Test
    void aJournalAlreadyReversedByAnotherFlowCannotBeProposed() throws Exception {
        clock.setInstant(Instant.parse("2032-04-10T10:00:00Z"));
        String p = knownPartner("DE", "EUR");
        String e = accrue(p, "10.00", "EUR", LONG_AGO);
        awaitEarning(e);
        finance().body(Map.of("reason", "not a real deal")).post("/earnings/" + e + "/decline").then().statusCode(200);
        String booking = string("select cast(id as text) from journal where earning_id = cast(? as uuid) and kind = 'earning_booked'", e);
        finance().body(Map.of("reason", "undo")).post("/journals/" + booking + "/reversals").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("already been reversed"));
        assertEquals(0, reversalRows(booking));

        // and the other way round: a booking reversed by a correction cannot be declined as well
        String e2 = accrue(p, "20.00", "EUR", LONG_AGO);
        awaitEarning(e2);
        String booking2 = string("select cast(id as text) from journal where earning_id = cast(? as uuid) and kind = 'earning_booked'", e2);
        String reversalId = finance().body(Map.of("reason", "booked twice")).post("/journals/" + booking2 + "/reversals")
                .then().statusCode(201).extract().path("reversalId");
        checker().post("/journal-reversals/" + reversalId + "/approve").then().statusCode(200);
        finance().body(Map.of("reason", "not a real deal")).post("/earnings/" + e2 + "/decline").then().statusCode(409)
                .body("detail", containsString("already reversed"));
        assertEquals(0, count("select count(*) from journal where earning_id = cast(? as uuid) and kind = 'earning_declined'", e2));
    }
}
