package io.partnerflow.payout;

import io.partnerflow.contracts.EventJson;
import io.partnerflow.platform.time.AdjustableClock;
import io.partnerflow.testing.TestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.partnerflow.payout.Api.accrue;
import static io.partnerflow.payout.Api.awaitEarning;
import static io.partnerflow.payout.Api.awaitTrue;
import static io.partnerflow.payout.Api.count;
import static io.partnerflow.payout.Api.finance;
import static io.partnerflow.payout.Api.knownPartner;
import static io.partnerflow.payout.Api.newId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** incentive.earnings and partner.events into the ledger, idempotently; the earning lifecycle through REST. */
@QuarkusTest
class EarningLifecycleTest {
    static final Instant LONG_AGO = Instant.parse("2025-01-10T10:00:00Z");

    @Inject
    io.quarkus.scheduler.Scheduler scheduler;

    @Inject
    AdjustableClock clock;

    @org.junit.jupiter.api.BeforeEach
    void tokens() {
        Api.token("fin-maker", "finance");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    static JsonPath balance(String partnerId, String currency) {
        List<Map<String, Object>> all = finance().get("/partners/" + partnerId + "/balance").then().statusCode(200)
                .extract().jsonPath().getList("balances");
        for (Map<String, Object> b : all) {
            if (currency.equals(b.get("currency"))) {
                return new JsonPath(EventJson.writeString(b));
            }
        }
        return new JsonPath("{}");
    }

    static String amount(JsonPath b, String field) {
        return b.getString(field + ".amount");
    }

    @Test
    void aRecentEarningIsPendingDuringTheHoldWindowAndApprovedWhenItEnds() throws Exception {
        String p = knownPartner("DE", "EUR");
        Instant closed = Instant.now().minus(Duration.ofDays(2));
        String e = accrue(p, "120.00", "EUR", closed);
        awaitEarning(e);
        JsonPath b = balance(p, "EUR");
        assertEquals("120.00", amount(b, "pending"));
        assertEquals("0.00", amount(b, "payable"));
        finance().get("/earnings/" + e).then().statusCode(200).extract().path("status").equals("pending");
        assertEquals("pending", finance().get("/earnings/" + e).then().statusCode(200).extract().path("status"));

        // nothing due yet
        finance().post("/earnings/approvals").then().statusCode(200);
        assertEquals("pending", finance().get("/earnings/" + e).then().extract().path("status"));

        clock.advance(Duration.ofDays(29)); // window (30 days from close) ended
        finance().post("/earnings/approvals").then().statusCode(200);
        JsonPath view = finance().get("/earnings/" + e).then().statusCode(200).extract().jsonPath();
        assertEquals("approved", view.getString("status"));
        assertEquals("system", view.getString("approvedBy"));
        b = balance(p, "EUR");
        assertEquals("0.00", amount(b, "pending"));
        assertEquals("120.00", amount(b, "payable"));
        assertEquals("120.00", amount(b, "owed"));
        assertEquals("120.00", amount(b, "available"));
    }

    @Test
    void anEarningWhoseWindowEndedBeforeItArrivedIsApprovedAtOnce() throws Exception {
        String p = knownPartner("DE", "EUR");
        String e = accrue(p, "50.00", "EUR", LONG_AGO);
        awaitEarning(e);
        assertEquals("approved", finance().get("/earnings/" + e).then().extract().path("status"));
        assertEquals("50.00", amount(balance(p, "EUR"), "payable"));
        assertEquals(2, count("select count(*) from journal where earning_id = cast(? as uuid)", e));
        // inserted approved in one statement, with the history that booking it pending and approving it at once leave
        assertEquals(List.of("booked:-:pending:-", "approved:pending:approved:hold window already ended"),
                strings("select h.action || ':' || coalesce(h.from_status, '-') || ':' || h.to_status || ':'"
                        + " || case when h.action = 'booked' then '-' else h.reason end from earning_history h"
                        + " where h.earning_id = cast(? as uuid) order by h.id", e));
        assertEquals("system", finance().get("/earnings/" + e).then().extract().path("approvedBy"));
    }

    @Test
    void aRedeliveredOrRepeatedEarningIsBookedOnce() throws Exception {
        String p = knownPartner("DE", "EUR");
        String earningId = newId();
        String eventId = newId();
        var data = Api.accrued(earningId, p, "75.25", "EUR", LONG_AGO);
        Api.sendEvent("incentive.earnings", p, "partnerflow.earning.accrued.v1", eventId, data);
        Api.sendEvent("incentive.earnings", p, "partnerflow.earning.accrued.v1", eventId, data); // redelivery
        Api.sendEvent("incentive.earnings", p, "partnerflow.earning.accrued.v1", newId(), data); // same earning, new event id
        String marker = accrue(p, "0.75", "EUR", LONG_AGO); // sent after: once it is booked, the three were handled
        awaitEarning(marker);
        assertEquals(1, count("select count(*) from earning where earning_id = cast(? as uuid)", earningId));
        assertEquals(2, count("select count(*) from journal where earning_id = cast(? as uuid)", earningId));
        assertEquals("76.00", amount(balance(p, "EUR"), "payable"));
        assertEquals(1, count("select count(*) from processed_event where event_id = ?", eventId));
    }

    @Test
    void aClawbackLargerThanWhatIsOwedLeavesANegativeBalanceThatLaterEarningsOffset() throws Exception {
        String p = knownPartner("US", "USD");
        String e = accrue(p, "40.00", "USD", LONG_AGO);
        String c = Api.clawback(p, e, "-100.00", "USD");
        awaitEarning(c);
        JsonPath b = balance(p, "USD");
        assertEquals("-60.00", amount(b, "payable"));
        assertEquals("-60.00", amount(b, "owed"));
        assertEquals("approved", finance().get("/earnings/" + c).then().extract().path("status"));
        String a = Api.adjust(p, e, "85.50", "USD");
        awaitEarning(a);
        assertEquals("25.50", amount(balance(p, "USD"), "payable"));
    }

    @Test
    void anEarningForAnUnknownPartnerWaitsVisiblyUntilThePartnerArrives() throws Exception {
        String p = newId();
        String e = accrue(p, "33.00", "EUR", LONG_AGO);
        awaitTrue(() -> count("select count(*) from waiting_earning where partner_id = ?", p) == 1);
        List<String> waiting = finance().get("/earnings/waiting").then().statusCode(200).extract().jsonPath().getList("partnerId");
        assertTrue(waiting.contains(p));
        assertEquals(0, count("select count(*) from earning where partner_id = ?", p));

        Api.registerPartner(p, "DE", "EUR");
        awaitEarning(e);
        assertEquals(0, count("select count(*) from waiting_earning where partner_id = ?", p));
        assertEquals("33.00", amount(balance(p, "EUR"), "payable"));
    }

    @Test
    void anEarningLeftWaitingBesideItsPartnersRegistrationIsBookedAndTheLaterOnesQueueBehindIt() throws Exception {
        String p = knownPartner("DE", "EUR");
        scheduler.pause("stranded-earnings"); // the sweep runs when this test says so
        try {
            leftWaitingThenSwept(p);
        } finally {
            scheduler.resume("stranded-earnings");
        }
    }

    private void leftWaitingThenSwept(String p) throws Exception {
        // what a chunk of incentive.earnings leaves when it parked p's earning while p's registration committed
        // beside it (neither transaction saw the other's rows): a waiting row for a partner that is known
        String stranded = newId();
        try (java.sql.Connection c = TestSupport.jdbc(); java.sql.PreparedStatement st = c.prepareStatement(
                "insert into waiting_earning (event_id, event_type, partner_id, payload, received_at) values (?, ?, ?, ?, now())")) {
            st.setString(1, newId());
            st.setString(2, "partnerflow.earning.accrued.v1");
            st.setString(3, p);
            st.setString(4, EventJson.writeString(Api.accrued(stranded, p, "12.00", "EUR", LONG_AGO)));
            st.executeUpdate();
        }
        String later = accrue(p, "5.00", "EUR", LONG_AGO);
        // the later earning is handled: it queues behind the stranded one instead of being booked before it
        awaitTrue(() -> count("select count(*) from waiting_earning where partner_id = ?", p) == 2
                || count("select count(*) from earning where earning_id = cast(? as uuid)", later) == 1);
        // nothing of p is booked yet, unless a sweep already running when the test paused the job (pause() does not
        // stop a run in flight) took the stranded row first: then the later one may follow it, in arrival order (below)
        assertEquals(0, count("""
                select count(*) from earning where partner_id = ?
                 and not exists (select 1 from earning s where s.earning_id = cast(? as uuid))""", p, stranded));

        scheduler.resume("stranded-earnings");
        awaitEarning(stranded);
        awaitEarning(later);
        assertEquals(0, count("select count(*) from waiting_earning where partner_id = ?", p));
        // booked in arrival order: the later earning waited behind the stranded one instead of passing it
        assertEquals(List.of(stranded, later), strings(
                "select earning_id from journal where partner_id = ? and kind = 'earning_booked' order by seq", p));
        assertEquals("17.00", amount(balance(p, "EUR"), "payable"));
    }

    @Test
    void moreWaitingEarningsThanARegistrationBooksAreLeftToTheSweepWhichBooksThemInChunksInArrivalOrderPastOneThatFails() throws Exception {
        String p = newId();
        String bad = knownPartner("DE", "EUR"); // a known partner whose waiting earning always fails to book
        String poison = newId();
        scheduler.pause("stranded-earnings"); // the sweep runs when this test says so
        try {
            List<String> waited = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                waited.add(accrue(p, "1.0" + i, "EUR", LONG_AGO));
            }
            awaitTrue(() -> count("select count(*) from waiting_earning where partner_id = ?", p) == 7);
            try (java.sql.Connection c = TestSupport.jdbc(); java.sql.PreparedStatement st = c.prepareStatement(
                    "insert into waiting_earning (event_id, event_type, partner_id, payload, received_at) values (?, ?, ?, 'not an earning', now())")) {
                st.setString(1, poison);
                st.setString(2, "partnerflow.earning.accrued.v1");
                st.setString(3, bad);
                st.executeUpdate();
            }

            Api.registerPartner(p, "DE", "EUR");
            // seven waiting is more than a registration books in its own transaction (the test profile's
            // release-on-registration: 5): the partner is known, its earnings still wait, in order
            awaitTrue(() -> count("select count(*) from partner where partner_id = ?", p) == 1);
            String later = accrue(p, "2.00", "EUR", LONG_AGO); // queues behind the seven
            awaitTrue(() -> count("select count(*) from waiting_earning where partner_id = ?", p) == 8);
            assertEquals(0, count("select count(*) from earning where partner_id = ?", p));

            // books them, three per transaction (release-chunk), until none is left; bad's earning fails, alone
            scheduler.resume("stranded-earnings");
            awaitEarning(later);
            assertEquals(0, count("select count(*) from waiting_earning where partner_id = ?", p));
            List<String> all = new ArrayList<>(waited);
            all.add(later);
            assertEquals(all, strings("select earning_id from journal where partner_id = ? and kind = 'earning_booked' order by seq", p));
            assertEquals("9.21", amount(balance(p, "EUR"), "payable")); // 1.00 + 1.01 + … + 1.06 + 2.00
            assertEquals(3, count("select count(distinct cast(xmin as text)) from journal where partner_id = ? and kind = 'earning_booked'", p),
                    "eight earnings, three per round: three transactions");
            assertEquals(1, count("select count(*) from waiting_earning where event_id = ?", poison), "the failing earning still waits");
        } finally {
            try (java.sql.Connection c = TestSupport.jdbc(); java.sql.PreparedStatement st = c.prepareStatement(
                    "delete from waiting_earning where event_id = ?")) {
                st.setString(1, poison);
                st.executeUpdate();
            }
            scheduler.resume("stranded-earnings");
        }
    }

    @Test
    void morePollThanOneChunkIsBookedOnceEachAndInOffsetOrderPerKey() throws Exception {
        String p = knownPartner("DE", "EUR");
        String q = knownPartner("US", "USD");
        String stranger = newId(); // no partner.events for it: its earnings wait
        Instant recent = Instant.now().minus(Duration.ofDays(1));
        String accrual = "partnerflow.earning.accrued.v1";
        List<Api.Event> events = new ArrayList<>();
        Map<String, List<String>> bookedInOrder = new HashMap<>(Map.of(p, new ArrayList<>(), q, new ArrayList<>()));
        Map<String, BigDecimal> pending = new HashMap<>(Map.of(p, BigDecimal.ZERO, q, BigDecimal.ZERO));
        Map<String, BigDecimal> payable = new HashMap<>(pending);
        List<String> due = new ArrayList<>();
        for (int i = 0; i < 142; i++) {
            String partner = i % 2 == 0 ? p : q;
            BigDecimal amount = new BigDecimal(i + 1).add(new BigDecimal("0.25"));
            boolean windowEnded = i % 3 == 0;
            String earningId = newId();
            events.add(new Api.Event(partner, accrual, newId(), Api.accrued(earningId, partner, amount.toPlainString(),
                    partner.equals(p) ? "EUR" : "USD", windowEnded ? LONG_AGO : recent)));
            bookedInOrder.get(partner).add(earningId);
            (windowEnded ? payable : pending).merge(partner, amount, BigDecimal::add);
            if (windowEnded) {
                due.add(earningId);
            }
        }
        // the same earning twice (a second event id): the first in offset order is booked, the second changes nothing
        String twice = newId();
        events.add(new Api.Event(p, accrual, newId(), Api.accrued(twice, p, "10.00", "EUR", LONG_AGO)));
        events.add(new Api.Event(p, accrual, newId(), Api.accrued(twice, p, "99.00", "EUR", LONG_AGO)));
        bookedInOrder.get(p).add(twice);
        payable.merge(p, new BigDecimal("10.00"), BigDecimal::add);
        // a redelivered event inside the poll
        Api.Event redelivered = new Api.Event(q, accrual, newId(), Api.accrued(newId(), q, "5.00", "USD", recent));
        events.add(redelivered);
        events.add(redelivered);
        bookedInOrder.get(q).add(((io.partnerflow.contracts.incentive.EarningAccrued) redelivered.data()).earningId());
        pending.merge(q, new BigDecimal("5.00"), BigDecimal::add);
        // a clawback of an accrual of the same poll, after it: payable at once
        String clawback = newId();
        events.add(new Api.Event(p, "partnerflow.earning.reversed.v1", newId(),
                Api.reversed(clawback, bookedInOrder.get(p).get(0), p, "-3.00", "EUR")));
        bookedInOrder.get(p).add(clawback);
        payable.merge(p, new BigDecimal("-3.00"), BigDecimal::add);
        // three for a partner nobody named yet: they wait, in their order
        List<String> waitingEvents = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String eventId = newId();
            events.add(new Api.Event(stranger, accrual, eventId, Api.accrued(newId(), stranger, "7.00", "EUR", LONG_AGO)));
            waitingEvents.add(eventId);
        }
        List<String> eventIds = events.stream().map(Api.Event::eventId).distinct().toList();
        assertTrue(events.size() >= 150, "more than a chunk: " + events.size());

        Api.sendAll("incentive.earnings", events);
        awaitTrue(() -> count("select count(*) from processed_event where event_id = any(string_to_array(?, ','))",
                String.join(",", eventIds)) == eventIds.size());

        for (String partner : List.of(p, q)) {
            List<String> expected = bookedInOrder.get(partner);
            assertEquals(expected.size(), count("select count(*) from earning where partner_id = ?", partner));
            // each line booked once, its booking journals in offset order (journal seq) — the key's order held
            assertEquals(expected, strings("select earning_id from journal where partner_id = ? and kind = 'earning_booked' order by seq", partner));
            assertEquals(expected.size(), count("select count(*) from earning_history h join earning e using (earning_id)"
                    + " where e.partner_id = ? and h.action = 'booked'", partner));
            String currency = partner.equals(p) ? "EUR" : "USD";
            JsonPath b = balance(partner, currency);
            assertEquals(pending.get(partner).setScale(2).toPlainString(), amount(b, "pending"), "pending of " + partner);
            assertEquals(payable.get(partner).setScale(2).toPlainString(), amount(b, "payable"), "payable of " + partner);
        }
        assertEquals("10.00", Api.string("select amount::numeric(20,2)::text from earning where earning_id = cast(? as uuid)", twice));
        for (String e : due) {
            assertEquals(2, count("select count(*) from journal where earning_id = cast(? as uuid)", e), "booked + approved " + e);
        }
        assertEquals(List.of("booked", "approved"), finance().get("/earnings/" + due.get(0)).then().statusCode(200)
                .extract().jsonPath().getList("history.action"));
        assertEquals("approved", finance().get("/earnings/" + clawback).then().extract().path("status"));
        assertEquals(waitingEvents, strings("select event_id from waiting_earning where partner_id = ? order by received_at, event_id", stranger));
        assertEquals(0, count("select count(*) from earning where partner_id = ?", stranger));
    }

    static List<String> strings(String sql, Object... params) throws Exception {
        try (java.sql.Connection c = TestSupport.jdbc(); java.sql.PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            List<String> out = new ArrayList<>();
            try (java.sql.ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    @Test
    void financeHoldsReleasesApprovesAndDeclinesSingleEarningsWithAReason() throws Exception {
        String p = knownPartner("DE", "EUR");
        String e1 = accrue(p, "10.00", "EUR", Instant.now());
        String e2 = accrue(p, "20.00", "EUR", Instant.now());
        String e3 = accrue(p, "30.00", "EUR", LONG_AGO);
        awaitEarning(e1);
        awaitEarning(e2);
        awaitEarning(e3);

        // a reason is required
        finance().body(Map.of()).post("/earnings/" + e1 + "/hold").then().statusCode(400);
        finance().body(Map.of("reason", "customer credit check")).post("/earnings/" + e1 + "/hold").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("held"))
                .body("holdReason", org.hamcrest.Matchers.equalTo("customer credit check"));
        finance().body(Map.of("reason", "again")).post("/earnings/" + e1 + "/hold").then().statusCode(409);
        // a held line is not approved, neither automatically nor by hand
        clock.advance(Duration.ofDays(31));
        finance().post("/earnings/approvals").then().statusCode(200);
        assertEquals("held", finance().get("/earnings/" + e1).then().extract().path("status"));
        finance().body(Map.of("reason", "early")).post("/earnings/" + e1 + "/approve").then().statusCode(409);
        assertEquals("approved", finance().get("/earnings/" + e2).then().extract().path("status"));
        // release after the window: approved at once
        finance().body(Map.of("reason", "credit check passed")).post("/earnings/" + e1 + "/release").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("approved"));

        // decline an approved line: a reversing journal with the reason
        finance().body(Map.of("reason", "duplicate deal")).post("/earnings/" + e3 + "/decline").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("declined"))
                .body("declinedReason", org.hamcrest.Matchers.equalTo("duplicate deal"));
        finance().body(Map.of("reason", "twice")).post("/earnings/" + e3 + "/decline").then().statusCode(409);
        assertEquals("duplicate deal", Api.string("select reason from journal where earning_id = cast(? as uuid) and kind = 'earning_declined'", e3));
        assertEquals(1, count("select count(*) from journal where earning_id = cast(? as uuid) and reverses_journal_id is not null", e3));
        JsonPath b = balance(p, "EUR");
        assertEquals("30.00", amount(b, "payable"));
        assertEquals("0.00", amount(b, "pending"));
        List<String> actions = finance().get("/earnings/" + e1).then().extract().jsonPath().getList("history.action");
        assertEquals(List.of("booked", "held", "released", "approved"), actions);
    }

    @Test
    void aRedeliveredPartnerEventIsSkippedSoItCannotUndoALaterChange() throws Exception {
        String p = newId();
        String registeredEventId = newId();
        var registered = new io.partnerflow.contracts.partner.PartnerRegistered(p, "Redelivered", null, "reseller", "active",
                "DE", "EUR", List.of(), Instant.parse("2024-01-01T00:00:00Z"));
        Api.sendEvent("partner.events", p, "partnerflow.partner.registered.v1", registeredEventId, registered);
        Api.changeStatus(p, "active", "suspended");
        Api.awaitTrue(() -> "suspended".equals(Api.string("select status from partner where partner_id = ?", p)));
        Api.sendEvent("partner.events", p, "partnerflow.partner.registered.v1", registeredEventId, registered); // redelivery
        // an event this service ignores, on the same key (so after the redelivery): once it is in the inbox, the
        // redelivery was handled — and must not have put the partner back to "active"
        String marker = newId();
        String cert = """
                {"partnerId":"%s","certificationId":"d4c3b2a1-9f8e-4d7c-a6b5-e4d3c2b1a0f9","certificationCode":"admin-pro",
                 "certificationName":"Admin Pro","level":"professional","personId":"lms-1","personName":"P R",
                 "completedAt":"2025-03-12T18:47:31Z","source":"lms"}""".formatted(p);
        assertEquals(List.of(), io.partnerflow.contracts.ContractValidator.validate("partnerflow.partner.certification-completed.v1", cert));
        TestSupport.send("partner.events", p, cert, Map.of("ce_id", marker, "ce_type", "partnerflow.partner.certification-completed.v1",
                "ce_source", "/test", "ce_specversion", "1.0"));
        Api.awaitTrue(() -> count("select count(*) from processed_event where event_id = ?", marker) == 1);
        assertEquals("suspended", Api.string("select status from partner where partner_id = ?", p));
        assertEquals(1, count("select count(*) from processed_event where event_id = ?", registeredEventId));
    }

    @Test
    void aPartnerSuspensionIsProjected() throws Exception {
        String p = knownPartner("DE", "EUR");
        Api.changeStatus(p, "active", "suspended");
        awaitTrue(() -> "suspended".equals(Api.string("select status from partner where partner_id = ?", p)));
    }

    @Test
    void poisonOnIncentiveEarningsIsDeadLetteredAndTheConsumerKeepsGoing() throws Exception {
        String p = knownPartner("DE", "EUR");
        String bad = newId();
        TestSupport.send("incentive.earnings", p, "{\"earningId\":\"not-a-uuid\",\"partnerId\":\"" + p + "\"}",
                Map.of("ce_id", bad, "ce_type", "partnerflow.earning.accrued.v1", "ce_source", "/test",
                        "ce_specversion", "1.0"));
        String e = accrue(p, "1.00", "EUR", LONG_AGO);
        awaitEarning(e);
        assertEquals(1, TestSupport.await("incentive.earnings.dlq.payout-service", r -> bad.equals(TestSupport.header(r, "ce_id")),
                1, Duration.ofSeconds(30)).size());
    }

    @Test
    void journalsExportAsCsvForTheGeneralLedgerWithBalancedDebitsAndCredits() throws Exception {
        String p = knownPartner("DE", "EUR");
        Instant from = Instant.now().minusSeconds(5);
        String e = accrue(p, "19.99", "EUR", LONG_AGO);
        awaitEarning(e);
        String csv = finance().queryParam("from", from.toString()).queryParam("to", Instant.now().plusSeconds(60).toString())
                .get("/journals/export.csv").then().statusCode(200).contentType("text/csv").extract().asString();
        String[] rows = csv.split("\n");
        assertEquals("journal_seq,journal_id,booked_at,kind,partner_id,earning_id,run_item_id,reverses_journal_id,reason,"
                + "account,account_kind,currency,debit,credit", rows[0]);
        List<String> mine = java.util.Arrays.stream(rows).filter(r -> r.contains("," + e + ",")).toList();
        assertEquals(4, mine.size(), "booked + approved, two postings each: " + mine);
        assertTrue(mine.stream().anyMatch(r -> r.contains(",earning_booked,") && r.contains("vendor:incentive_expense:EUR,incentive_expense,EUR,19.99,")));
        assertTrue(mine.stream().anyMatch(r -> r.contains(",earning_approved,") && r.endsWith("payable,EUR,,19.99")));
        java.util.Map<String, java.math.BigDecimal> net = new java.util.HashMap<>();
        for (int i = 1; i < rows.length; i++) {
            String[] f = rows[i].split(",", -1);
            java.math.BigDecimal debit = f[12].isEmpty() ? java.math.BigDecimal.ZERO : new java.math.BigDecimal(f[12]);
            java.math.BigDecimal credit = f[13].isEmpty() ? java.math.BigDecimal.ZERO : new java.math.BigDecimal(f[13]);
            net.merge(f[1] + f[11], debit.subtract(credit), java.math.BigDecimal::add);
        }
        net.forEach((k, v) -> assertEquals(0, v.signum(), "journal " + k + " balances in the export"));
        Api.partnerUser(p).get("/journals/export.csv").then().statusCode(403);
    }

    @Test
    void everyJournalInTheDatabaseBalancesPerCurrency() throws Exception {
        assertEquals(0, count("""
                select count(*) from (select journal_id, currency from posting group by journal_id, currency
                                       having sum(amount) <> 0) unbalanced"""));
        assertEquals(0, count("select count(*) from journal j where (select count(*) from posting p where p.journal_id = j.id) < 2"));
    }
}
