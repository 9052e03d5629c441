package io.partnerflow.payout;

import io.partnerflow.contracts.incentive.EarningAccrued;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.RepeatedTest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.partnerflow.payout.Api.checker;
import static io.partnerflow.payout.Api.count;
import static io.partnerflow.payout.Api.finance;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The ledger invariants as a randomised test against the REAL service, database and Kafka (few tries: each step is
 * a real request or event): random sequences of accruals, clawbacks, redeliveries, holds, declines, runs, approvals
 * and bank results; afterwards every journal in the database balances per currency, each partner's balances equal
 * the sums of its postings and its open lines, and no earning is in two live payout items or paid twice.
 * (The pure-domain property test {@code LedgerPropertiesTest} runs many more sequences.)
 */
@QuarkusTest
class LedgerInvariantsDatabaseTest {
    static final Instant LONG_AGO = Instant.parse("2025-01-10T10:00:00Z");

    @BeforeEach
    void tokens() {
        Api.token("fin-maker", "finance");
        Api.token("fin-checker", "finance");
    }

    record Sent(String partner, String earningId, String eventId, EarningAccrued data) {
    }

    @RepeatedTest(2)
    void randomOperationSequencesKeepTheLedgerInvariants(RepetitionInfo rep) throws Exception {
        long seed = System.nanoTime() ^ rep.getCurrentRepetition();
        Random random = new Random(seed);
        String message = "seed " + seed;
        List<String> partners = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String p = Api.knownPartner("DE", "EUR");
            Profiles.put(p, Profiles.sepa(i == 0 ? null : "30.00", "EU_VAT_ID", null));
            partners.add(p);
        }
        List<Sent> sent = new ArrayList<>();
        for (int step = 0; step < 16; step++) {
            String p = partners.get(random.nextInt(partners.size()));
            int op = random.nextInt(9);
            switch (op) {
                case 0, 1, 2 -> {
                    String id = Api.newId();
                    String eventId = Api.newId();
                    EarningAccrued data = Api.accrued(id, p, BigDecimal.valueOf(1 + random.nextInt(9_999), 2).toPlainString(), "EUR",
                            random.nextBoolean() ? LONG_AGO : Instant.now());
                    Api.sendEvent("incentive.earnings", p, "partnerflow.earning.accrued.v1", eventId, data);
                    Api.awaitEarning(id);
                    sent.add(new Sent(p, id, eventId, data));
                }
                case 3 -> {
                    if (!sent.isEmpty()) {
                        Sent s = sent.get(random.nextInt(sent.size()));
                        Api.sendEvent("incentive.earnings", s.partner(), "partnerflow.earning.accrued.v1", s.eventId(), s.data());
                        String marker = Api.accrue(s.partner(), "0.01", "EUR", LONG_AGO); // redelivery handled once this is booked
                        Api.awaitEarning(marker);
                    }
                }
                case 4 -> Api.awaitEarning(Api.clawback(p, Api.newId(), BigDecimal.valueOf(-(1 + random.nextInt(5_000)), 2).toPlainString(), "EUR"));
                case 5 -> {
                    if (!sent.isEmpty()) {
                        Sent s = sent.get(random.nextInt(sent.size()));
                        String action = List.of("hold", "release", "decline", "approve").get(random.nextInt(4));
                        finance().body(Map.of("reason", "random " + action)).post("/earnings/" + s.earningId() + "/" + action); // 200 or 409
                    }
                }
                case 6, 7 -> {
                    JsonPath run = finance().header("Idempotency-Key", Api.newId())
                            .body(Map.of("cutoff", LocalDate.now(ZoneOffset.UTC).toString())).post("/payout-runs")
                            .then().statusCode(201).extract().jsonPath();
                    checker().post("/payout-runs/" + run.getString("runId") + "/approve").then().statusCode(200);
                    for (Map<String, Object> item : run.<Map<String, Object>>getList("items")) {
                        boolean paid = random.nextInt(3) > 0;
                        finance().body(paid ? Map.of("outcome", "paid", "bankReference", "R" + step)
                                        : Map.of("outcome", "failed", "failureCode", "AC04", "reason", "closed account"))
                                .post("/payout-runs/" + run.getString("runId") + "/items/" + item.get("itemId") + "/settlement")
                                .then().statusCode(200);
                    }
                }
                default -> { }
            }
        }
        assertInvariants(partners, message);
    }

    static void assertInvariants(List<String> partners, String message) throws Exception {
        assertEquals(0, count("""
                select count(*) from (select journal_id, currency from posting group by journal_id, currency
                                       having sum(amount) <> 0) unbalanced"""), "every journal balances: " + message);
        assertEquals(0, count("select count(*) from (select earning_id from payout_item_earning where not released "
                + "group by earning_id having count(*) > 1) twice"), "no earning in two live items: " + message);
        assertEquals(0, count("""
                select count(*) from (select x.earning_id from payout_item_earning x join payout_item i on i.id = x.item_id
                                       where i.status = 'paid' group by x.earning_id having count(*) > 1) twice"""),
                "no earning paid twice: " + message);
        assertEquals(0, count("select count(*) from (select run_item_id from journal where kind = 'payout_paid' "
                + "group by run_item_id having count(*) > 1) twice"), "no item paid twice: " + message);
        for (String p : partners) {
            JsonPath b = EarningLifecycleTest.balance(p, "EUR");
            BigDecimal open = new BigDecimal(Api.string("select coalesce(sum(amount), 0)::text from earning where partner_id = ? "
                    + "and status not in ('declined', 'paid')", p));
            BigDecimal paid = new BigDecimal(Api.string("select coalesce(sum(amount), 0)::text from earning where partner_id = ? "
                    + "and status = 'paid'", p));
            BigDecimal postedOwed = new BigDecimal(Api.string("""
                    select coalesce(-sum(p.amount), 0)::text from posting p join ledger_account a on a.code = p.account_code
                     where p.partner_id = ? and a.kind in ('pending_earnings', 'payable', 'bank_clearing')""", p));
            BigDecimal owed = new BigDecimal(b.getString("owed.amount") == null ? "0" : b.getString("owed.amount"));
            BigDecimal paidBalance = new BigDecimal(b.getString("paid.amount") == null ? "0" : b.getString("paid.amount"));
            assertEquals(0, open.compareTo(owed), "owed = open lines for " + p + ": " + message);
            assertEquals(0, postedOwed.compareTo(owed), "owed = sum of postings: " + message);
            assertEquals(0, paid.compareTo(paidBalance), "paid = paid lines for " + p + ": " + message);
        }
    }
}
