package io.partnerflow.incentive;

import io.partnerflow.contracts.EventJson;
import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.attribution.DealAttributed;
import io.partnerflow.contracts.attribution.DealContext;
import io.partnerflow.contracts.incentive.EarningAccrued;
import io.partnerflow.contracts.incentive.EarningAdjusted;
import io.partnerflow.contracts.incentive.EarningReversed;
import io.partnerflow.core.money.Money;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static io.partnerflow.incentive.Fixtures.*;
import static io.partnerflow.testing.TestSupport.bearer;
import static io.partnerflow.testing.TestSupport.partnerBearer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** deal.attributed / attribution-reversed / reattributed in → incentive.earnings out, through real Kafka + PostgreSQL. */
@QuarkusTest
class CommissionFlowTest {
    @jakarta.inject.Inject
    io.quarkus.scheduler.Scheduler scheduler;

    static {
        io.restassured.RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    /** Gold 10% / Silver 5% on cloud (sourced and influenced alike), services 2% for everyone; in force during {@code year}. */
    static void tierProgram(String code, int year) {
        program(commissionProgram(code, year + "-01-01T00:00:00Z", (year + 1) + "-01-01T00:00:00Z", List.of(
                rate("gold", "cloud", "0.10", "0.10"),
                rate("silver", "cloud", "0.05", "0.05"),
                rate("*", "services", "0.02", null)), null));
    }

    @Test
    void commissionUsesTheTierAsOfTheCloseDateAndTheCloseDateRateToTheCent() {
        int year = 2031;
        tierProgram("golden-commission-" + id().substring(0, 8), year);
        String p = id();
        registerPartner(p, "reseller", "US", "USD", "silver");
        tierChanged(p, "silver", "gold", "Gold", 2, year + "-03-01T00:00:00Z");
        awaitTier(p, "gold");
        fxRate("EUR", "USD", year + "-03-10", "1.0842");
        fxRate("EUR", "USD", year + "-03-20", "1.2000"); // after the close: never used for it

        // closes while Gold: 4,800.00 EUR of cloud credited (40%, position-based) -> 480.00 EUR -> x1.0842 = 520.416 -> 520.42 USD
        DealContext d = deal(id(), "Acme Renewal", year + "-03-15T10:00:00Z", "DE", "renewal",
                List.of(line(1, "CLOUD-1Y", "cloud", "10", "12000.00", "EUR")));
        DealAttributed a = attributed(d, "position_based", credit(p, "0.40000000", "influenced", List.of("demo"), d, "1:4800.00"),
                credit(id(), "0.60000000", "sourced", List.of("referral"), d, "1:7200.00"));
        String eventId = id();
        send(EventType.DEAL_ATTRIBUTED.topic(), d.dealId(), EventType.DEAL_ATTRIBUTED, a, eventId);
        send(EventType.DEAL_ATTRIBUTED.topic(), d.dealId(), EventType.DEAL_ATTRIBUTED, a, eventId); // redelivery
        send(EventType.DEAL_ATTRIBUTED, a);                                                          // re-published, new event id

        EarningAccrued e = EventJson.readString(earnings(p, ACCRUED, 1).get(0).value(), EarningAccrued.class);
        assertEquals(Money.of("520.42", "USD"), e.amount());
        assertEquals(Money.of("480.00", "EUR"), e.originalAmount());
        assertEquals(new BigDecimal("1.0842"), e.fx().rate());
        assertEquals(java.time.LocalDate.parse(year + "-03-10"), e.fx().rateDate());
        assertEquals(year + "-03", e.bookingPeriod());
        assertEquals("commission", e.kind());
        assertEquals(d.dealId(), e.source().dealId());
        assertEquals(a.attributionId(), e.source().attributionId());
        assertTrue(e.explanation().summary().startsWith(
                "10% Gold commission on 4,800.00 EUR of cloud credited to you (40%, position-based, influenced) on deal Acme Renewal"),
                e.explanation().summary());
        assertTrue(e.explanation().summary().contains("paid as 520.42 USD at 1 EUR = 1.0842 USD (rate of " + year + "-03-10)"));
        assertTrue(e.explanation().inputs().stream().anyMatch(i -> i.name().equals("tier_as_of_close") && i.value().equals("gold")));
        assertEquals(1, settledCount(p, 1), "redelivery and re-publication add nothing");

        // a deal of the same partner closing before the promotion is paid at the Silver rate:
        // 1,000.00 x 5% = 50.00 EUR x 1.0841 = 54.205 USD -> HALF_EVEN 54.20 (rounded once, at the end)
        DealContext early = deal(id(), "Early Bird", year + "-02-15T10:00:00Z", "DE", "new_business",
                List.of(line(1, "CLOUD-1Y", "cloud", "1", "1000.00", "EUR")));
        fxRate("EUR", "USD", year + "-02-01", "1.0841");
        send(EventType.DEAL_ATTRIBUTED, attributed(early, "first_touch", credit(p, "1.00000000", "sourced", List.of("referral"), early, "1:1000.00")));
        EarningAccrued silver = EventJson.readString(earnings(p, ACCRUED, 1, v -> v.contains(early.dealId())).get(0).value(), EarningAccrued.class);
        assertEquals(Money.of("54.20", "USD"), silver.amount());
        assertTrue(silver.explanation().summary().startsWith("5% Silver commission"), silver.explanation().summary());
    }

    @Test
    void anUnknownPartnerAndAMissingRateWaitVisiblyAndAreComputedWhenTheDataArrives() {
        int year = 2032;
        tierProgram("pending-" + id().substring(0, 8), year);
        String late = id();     // registered only after its deal
        String gbp = id();      // paid in GBP, no EUR/GBP rate yet
        registerPartner(gbp, "reseller", "GB", "GBP", "gold");
        awaitPartner(gbp);
        DealContext d = deal(id(), "Waiting Game", year + "-05-10T10:00:00Z", "FR", "new_business",
                List.of(line(1, "CLOUD-1Y", "cloud", "1", "2000.00", "EUR")));
        DealAttributed a = attributed(d, "linear", credit(late, "0.50000000", "sourced", List.of("referral"), d, "1:1000.00"),
                credit(gbp, "0.50000000", "influenced", List.of("demo"), d, "1:1000.00"));
        send(EventType.DEAL_ATTRIBUTED, a);

        awaitRow("select 1 from pending_work where partner_id = ? and reason = 'unknown_partner'", late);
        awaitRow("select 1 from pending_work where partner_id = ? and reason = 'missing_fx'", gbp);
        given().header("Authorization", bearer("fin", "finance")).queryParam("partnerId", gbp).get("/pending")
                .then().statusCode(200).body("reason", hasItem("missing_fx")).body("detail[0]", equalTo("no EUR/GBP rate on or before " + year + "-05-10"));
        given().header("Authorization", partnerBearer("p", late)).get("/partners/" + late + "/pending")
                .then().statusCode(200).body("reason", hasItem("unknown_partner"));

        registerPartner(late, "referral", "FR", "EUR", "silver");
        EarningAccrued e1 = EventJson.readString(earnings(late, ACCRUED, 1).get(0).value(), EarningAccrued.class);
        assertEquals(Money.of("50.00", "EUR"), e1.amount()); // silver 5% of 1,000.00 EUR, no conversion
        assertNull(e1.fx());

        fxRate("EUR", "GBP", year + "-05-09", "0.8567");
        EarningAccrued e2 = EventJson.readString(earnings(gbp, ACCRUED, 1).get(0).value(), EarningAccrued.class);
        assertEquals(Money.of("85.67", "GBP"), e2.amount()); // 10% of 1,000.00 = 100.00 EUR x 0.8567
        assertEquals(java.time.LocalDate.parse(year + "-05-09"), e2.fx().rateDate());
        assertEquals(0, count("select count(*) from pending_work where partner_id in (?, ?)", late, gbp));
        given().header("Authorization", bearer("fin", "finance")).queryParam("partnerId", gbp).get("/pending")
                .then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void morePartnerQueuesThanARegistrationRunsAreLeftToTheSweepWhichRunsThemInChunksAndSkipsOneThatFails() {
        int year = 2042;
        tierProgram("chunked-" + id().substring(0, 8), year);
        String late = id(); // six deals credited to it before its registration: six queues
        // sorts before the six (the sweep takes queues in (deal, partner) order): its round fails, the good queue in
        // that round still runs, in a transaction of its own
        String poisonDeal = "0000-poison-" + id();
        scheduler.pause("incentive-pending-sweep"); // the sweep runs when this test says so
        try {
            List<String> deals = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                DealContext d = deal(id(), "Queue " + i, year + "-03-0" + (i + 1) + "T10:00:00Z", "US", "new_business",
                        List.of(line(1, "CLOUD-1Y", "cloud", "1", "100" + i + ".00", "USD")));
                deals.add(d.dealId());
                send(EventType.DEAL_ATTRIBUTED, attributed(d, "first_touch",
                        credit(late, "1.00000000", "sourced", List.of("referral"), d, "1:100" + i + ".00")));
            }
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> count("select count(*) from pending_work where partner_id = ?", late) == 6);
            // one queue left with a 'queued' head: a chunk queued work behind a head that a drain beside it then removed
            update("update pending_work set reason = 'queued' where deal_id = ? and partner_id = ?", deals.get(3), late);
            // one queue whose work always fails (its event is not stored)
            update("""
                    insert into pending_work (deal_id, partner_id, event_key, event_kind, reason, detail, created_at)
                    values (?, ?, ?, 'attributed', 'unknown_partner', 'test: poison', now())""", poisonDeal, late, "poison:" + id());

            registerPartner(late, "reseller", "US", "USD", "gold");
            // seven queues are more than a registration runs in its own transaction (the test profile's
            // release-on-registration: 3): the partner is known, its work still waits
            awaitPartner(late);
            assertEquals(7, count("select count(*) from pending_work where partner_id = ?", late));
            assertEquals(0, count("select count(*) from earning where partner_id = ?", late));

            scheduler.resume("incentive-pending-sweep"); // runs them, two queues per transaction (release-chunk), until none is left
            List<EarningAccrued> accrued = earnings(late, ACCRUED, 6).stream()
                    .map(r -> EventJson.readString(r.value(), EarningAccrued.class)).toList();
            assertEquals(new java.util.TreeSet<>(deals), accrued.stream().map(e -> e.source().dealId())
                    .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)), "one earning per deal, the 'queued' head's too");
            assertEquals(Money.of("100.00", "USD"), accrued.stream().filter(e -> e.source().dealId().equals(deals.get(0)))
                    .findFirst().orElseThrow().amount()); // gold 10% of 1,000.00 USD
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> count("select count(*) from pending_work where partner_id = ?", late) == 1);
            assertEquals(1, count("select count(*) from pending_work where deal_id = ?", poisonDeal), "the failing queue is left, alone");
            long transactions = count("select count(distinct cast(xmin as text)) from earning where partner_id = ?", late);
            assertTrue(transactions >= 3 && transactions < 6, "six queues, two per round (one alone after the failed round): "
                    + "separate transactions, not one per queue; was " + transactions);
        } finally {
            update("delete from pending_work where deal_id = ?", poisonDeal);
            scheduler.resume("incentive-pending-sweep");
        }
    }

    private static void update(String sql, String... params) {
        try (var c = io.partnerflow.testing.TestSupport.jdbc(); var st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setString(i + 1, params[i]);
            }
            st.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void refundsInsideTheWindowClawBackProportionallyAndSumExactlyToTheEarningOutsideNothing() {
        int year = 2033;
        tierProgram("clawback-" + id().substring(0, 8), year);
        String p = id();
        registerPartner(p, "reseller", "US", "USD", "gold");
        awaitTier(p, "gold");
        fxRate("EUR", "USD", year + "-01-01", "1.1111");
        DealContext d = deal(id(), "Refund Co", year + "-04-01T10:00:00Z", "DE", "new_business",
                List.of(line(1, "CLOUD-1Y", "cloud", "3", "3000.00", "EUR"), line(2, "SVC", "services", "1", "1000.00", "EUR")));
        DealAttributed a = attributed(d, "first_touch", credit(p, "1.00000000", "sourced", List.of("referral"), d, "1:3000.00", "2:1000.00"));
        send(EventType.DEAL_ATTRIBUTED, a);
        // 3000 x 10% + 1000 x 2% = 320.00 EUR x 1.1111 = 355.552 -> 355.55 USD
        EarningAccrued e = EventJson.readString(earnings(p, ACCRUED, 1).get(0).value(), EarningAccrued.class);
        assertEquals(Money.of("355.55", "USD"), e.amount());

        // refund one third of the cloud line (1000.00) after 30 days: 1000 x 10% = 100.00 EUR x 1.1111 = 111.11 USD
        send(EventType.DEAL_ATTRIBUTION_REVERSED, reversed(a, "refund", year + "-05-01T00:00:00Z",
                credit(p, "1.00000000", "sourced", List.of("referral"), d, "1:-1000.00")));
        EarningReversed r1 = EventJson.readString(earnings(p, REVERSED, 1).get(0).value(), EarningReversed.class);
        assertEquals(Money.of("-111.11", "USD"), r1.amount());
        assertEquals(Money.of("-100.00", "EUR"), r1.originalAmount());
        assertEquals(e.earningId(), r1.reversesEarningId());
        assertEquals("refund", r1.reversalKind());
        assertEquals(year + "-05", r1.bookingPeriod());

        // cancel the rest inside the window: the clawbacks add up to exactly the earning
        send(EventType.DEAL_ATTRIBUTION_REVERSED, reversed(a, "cancellation", year + "-06-01T00:00:00Z",
                credit(p, "1.00000000", "sourced", List.of("referral"), d, "1:-2000.00", "2:-1000.00")));
        List<EarningReversed> all = earnings(p, REVERSED, 2).stream().map(r -> EventJson.readString(r.value(), EarningReversed.class)).toList();
        Money total = all.stream().map(EarningReversed::amount).reduce(Money.zero("USD"), Money::plus);
        assertEquals(e.amount().negate(), total);
        assertEquals(e.originalAmount().negate(), all.stream().map(EarningReversed::originalAmount).reduce(Money.zero("EUR"), Money::plus));

        // another deal refunded after the 90-day window: recorded, no clawback
        DealContext late = deal(id(), "Too Late", year + "-04-02T10:00:00Z", "DE", "new_business",
                List.of(line(1, "CLOUD-1Y", "cloud", "1", "500.00", "EUR")));
        DealAttributed b = attributed(late, "first_touch", credit(p, "1.00000000", "sourced", List.of("referral"), late, "1:500.00"));
        send(EventType.DEAL_ATTRIBUTED, b);
        earnings(p, ACCRUED, 1, v -> v.contains(late.dealId()));
        var outside = reversed(b, "refund", year + "-07-02T10:00:01Z", credit(p, "1.00000000", "sourced", List.of("referral"), late, "1:-500.00"));
        send(EventType.DEAL_ATTRIBUTION_REVERSED, outside);
        awaitRow("select 1 from reversal_record where reversal_id = ? and outcome = 'outside_window'", outside.reversalId());
        assertEquals(0, earnings(p, REVERSED, 0, v -> v.contains(late.dealId())).size());
    }

    @Test
    void correctionsAndReattributionsPostExactDeltasNeverEdits() {
        int year = 2034;
        tierProgram("deltas-" + id().substring(0, 8), year);
        String p1 = id();
        String p2 = id();
        registerPartner(p1, "reseller", "DE", "EUR", "gold");
        registerPartner(p2, "reseller", "DE", "EUR", "silver");
        awaitTier(p1, "gold");
        awaitTier(p2, "silver");
        DealContext d = deal(id(), "Delta Deal", year + "-02-10T10:00:00Z", "DE", "upsell",
                List.of(line(1, "CLOUD-1Y", "cloud", "1", "1000.00", "EUR")));
        DealAttributed a = attributed(d, "linear", credit(p1, "0.50000000", "sourced", List.of("referral"), d, "1:500.00"),
                credit(p2, "0.50000000", "influenced", List.of("demo"), d, "1:500.00"));
        send(EventType.DEAL_ATTRIBUTED, a);
        assertEquals(Money.of("50.00", "EUR"), EventJson.readString(earnings(p1, ACCRUED, 1).get(0).value(), EarningAccrued.class).amount());
        assertEquals(Money.of("25.00", "EUR"), EventJson.readString(earnings(p2, ACCRUED, 1).get(0).value(), EarningAccrued.class).amount());

        // a correction long after the window still produces exact deltas: +200.00 credited to p1 -> +20.00
        send(EventType.DEAL_ATTRIBUTION_REVERSED, reversed(a, "correction", (year + 1) + "-01-10T00:00:00Z",
                credit(p1, "0.50000000", "sourced", List.of("referral"), d, "1:200.00")));
        EarningAdjusted c = EventJson.readString(earnings(p1, ADJUSTED, 1).get(0).value(), EarningAdjusted.class);
        assertEquals("correction", c.reason());
        assertEquals(Money.of("20.00", "EUR"), c.amount());

        // re-attribution: first touch gives p1 everything (1,000.00 -> 100.00), p2 nothing
        var re = reattributed(a, "first_touch", credit(p1, "1.00000000", "sourced", List.of("referral"), d, "1:1000.00"));
        send(EventType.DEAL_REATTRIBUTED, re);
        EarningAdjusted up = EventJson.readString(earnings(p1, ADJUSTED, 1, v -> v.contains("reattribution")).get(0).value(), EarningAdjusted.class);
        EarningAdjusted down = EventJson.readString(earnings(p2, ADJUSTED, 1, v -> v.contains("reattribution")).get(0).value(), EarningAdjusted.class);
        assertEquals(Money.of("30.00", "EUR"), up.amount());     // 100.00 - (50.00 + 20.00)
        assertEquals(Money.of("-25.00", "EUR"), down.amount());  // 0 - 25.00
        assertEquals(re.attributionId(), up.source().attributionId());
        // the same re-attribution again changes nothing
        send(EventType.DEAL_REATTRIBUTED, re);
        assertEquals(1, earnings(p2, ADJUSTED, 1, v -> v.contains("reattribution")).size());
        assertEquals(2, settledCount(p2, 2));
    }

    /**
     * More attributions in one poll than the per-chunk path applies together (AttributedRun.CHUNK = 100), with a
     * deal's re-published attribution in the second chunk, its refund right after the run, a partner promoted
     * mid-year, and two attributions of one deal for a partner not known yet: every earning exactly once, the
     * tier as of each close, the refund after the accrual (key order), and the second attribution queued behind the
     * first until the partner arrives.
     */
    @Test
    void aPollOfMoreAttributionsThanOneChunkAccruesEachOnceInOrder() {
        int year = 2063;
        tierProgram("chunks-" + id().substring(0, 8), year);
        String gold = id();
        String promoted = id();
        String late = id(); // registered only after its deal's two attributions
        registerPartner(gold, "reseller", "DE", "EUR", "gold");
        registerPartner(promoted, "reseller", "DE", "EUR", "silver");
        tierChanged(promoted, "silver", "gold", "Gold", 2, year + "-07-01T00:00:00Z");
        awaitTier(gold, "gold");
        awaitTier(promoted, "gold");

        List<Outgoing> poll = new java.util.ArrayList<>();
        List<DealAttributed> byGold = new java.util.ArrayList<>();
        List<DealAttributed> byPromoted = new java.util.ArrayList<>();
        for (int i = 0; i < 147; i++) {
            String month = String.format("%02d", 1 + i % 12); // promoted: silver (5%) before July, gold (10%) from July
            DealContext d = deal(id(), "Chunk " + i, year + "-" + month + "-10T10:00:00Z", "DE", "new_business",
                    List.of(line(1, "CLOUD-1Y", "cloud", "1", "100.00", "EUR")));
            String p = i % 2 == 0 ? gold : promoted;
            DealAttributed a = attributed(d, "first_touch", credit(p, "1.00000000", "sourced", List.of("referral"), d, "1:100.00"));
            (p.equals(gold) ? byGold : byPromoted).add(a);
            poll.add(new Outgoing(EventType.DEAL_ATTRIBUTED, a));
        }
        DealContext u = deal(id(), "Unknown Yet", year + "-03-10T10:00:00Z", "DE", "new_business",
                List.of(line(1, "CLOUD-1Y", "cloud", "1", "300.00", "EUR")));
        DealAttributed u1 = attributed(u, "first_touch", credit(late, "1.00000000", "sourced", List.of("referral"), u, "1:300.00"));
        DealAttributed u2 = attributed(u, "linear", credit(late, "1.00000000", "sourced", List.of("referral"), u, "1:300.00"));
        poll.add(5, new Outgoing(EventType.DEAL_ATTRIBUTED, u1));
        poll.add(50, new Outgoing(EventType.DEAL_ATTRIBUTED, u2)); // same chunk: queued behind u1 in memory
        DealAttributed first = byGold.get(0);
        poll.add(120, new Outgoing(EventType.DEAL_ATTRIBUTED, first)); // re-published (new event id) in the second chunk
        poll.add(new Outgoing(EventType.DEAL_ATTRIBUTION_REVERSED, reversed(first, "refund", year + "-01-20T00:00:00Z",
                credit(gold, "1.00000000", "sourced", List.of("referral"), first.deal(), "1:-100.00"))));
        assertEquals(150, poll.stream().filter(o -> o.type() == EventType.DEAL_ATTRIBUTED).count());
        sendTogether("chunks-" + year, poll); // one key: one partition, one record batch, one poll

        List<EarningAccrued> golds = earnings(gold, ACCRUED, byGold.size()).stream()
                .map(r -> EventJson.readString(r.value(), EarningAccrued.class)).toList();
        assertEquals(byGold.stream().map(DealAttributed::attributionId).sorted().toList(),
                golds.stream().map(e -> e.source().attributionId()).sorted().toList(), "one earning per attribution");
        golds.forEach(e -> assertEquals(Money.of("10.00", "EUR"), e.amount()));
        List<EarningAccrued> promotedOnes = earnings(promoted, ACCRUED, byPromoted.size()).stream()
                .map(r -> EventJson.readString(r.value(), EarningAccrued.class)).toList();
        for (EarningAccrued e : promotedOnes) { // the tier as of each deal's close, deal by deal inside one chunk
            boolean afterPromotion = !e.source().closedAt().isBefore(java.time.Instant.parse(year + "-07-01T00:00:00Z"));
            assertEquals(Money.of(afterPromotion ? "10.00" : "5.00", "EUR"), e.amount(), e.explanation().summary());
        }
        EarningReversed refund = EventJson.readString(earnings(gold, REVERSED, 1).get(0).value(), EarningReversed.class);
        assertEquals(Money.of("-10.00", "EUR"), refund.amount());
        assertEquals(golds.stream().filter(e -> e.source().attributionId().equals(first.attributionId())).findFirst().orElseThrow().earningId(),
                refund.reversesEarningId(), "the refund after the accrual of the same deal in the same poll");
        assertEquals(byGold.size() + 1, settledCount(gold, byGold.size() + 1), "the re-published attribution adds nothing");

        // the unknown partner's two attributions of one deal: the first waits, the second queues behind it, in order
        awaitRow("select 1 from pending_work where partner_id = ? and reason = 'queued'", late);
        assertEquals(u1.attributionId() + ",unknown_partner;" + u2.attributionId() + ",queued",
                pendingOf(late));
        registerPartner(late, "reseller", "DE", "EUR", "gold");
        List<EarningAccrued> lates = earnings(late, ACCRUED, 2).stream().map(r -> EventJson.readString(r.value(), EarningAccrued.class)).toList();
        assertEquals(List.of(u1.attributionId(), u2.attributionId()), lates.stream().map(e -> e.source().attributionId()).toList());
        assertEquals(0, count("select count(*) from pending_work where partner_id = ?", late));
        assertEquals(148, count("select count(*) from credit_compact where partner_id in (?, ?, ?)", gold, promoted, late));
        assertEquals(2, count("select count(*) from attribution_event where deal_id = ?", first.dealId()), "attributed + reversed, once each");
        assertEquals(poll.size(), processed(poll.stream().map(Outgoing::eventId).toList()), "every event once in the inbox");
        assertEquals(1, scalar("select count(distinct processed_at) from processed_event where consumer = 'incentive-service' and event_id = any (?)",
                poll.stream().map(Outgoing::eventId).toList()), "one poll, one transaction");
        List<String> stored = new java.util.ArrayList<>(java.util.stream.Stream.concat(java.util.stream.Stream.of(u1, u2),
                java.util.stream.Stream.concat(byGold.stream(), byPromoted.stream())).map(DealAttributed::attributionId).toList());
        assertEquals(2, scalar("select count(distinct received_at) from attribution_event where event_kind = 'attributed' and event_key = any (?)",
                stored), "the 149 new attributions stored in two chunks (100 + 49)");
    }

    private static long processed(List<String> eventIds) {
        return scalar("select count(*) from processed_event where consumer = 'incentive-service' and event_id = any (?)", eventIds);
    }

    private static long scalar(String sql, List<String> ids) {
        try (var c = io.partnerflow.testing.TestSupport.jdbc(); var st = c.prepareStatement(sql)) {
            st.setArray(1, c.createArrayOf("varchar", ids.toArray()));
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pendingOf(String partnerId) {
        try (var c = io.partnerflow.testing.TestSupport.jdbc();
             var st = c.prepareStatement("select event_key, reason from pending_work where partner_id = ? order by seq")) {
            st.setString(1, partnerId);
            try (var rs = st.executeQuery()) {
                List<String> out = new java.util.ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getString(1) + "," + rs.getString(2));
                }
                return String.join(";", out);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aPartnerReadsOnlyItsOwnEarningsOnEveryEndpoint() {
        int year = 2035;
        tierProgram("scoping-" + id().substring(0, 8), year);
        String mine = id();
        String other = id();
        registerPartner(mine, "reseller", "DE", "EUR", "gold");
        registerPartner(other, "reseller", "DE", "EUR", "gold");
        awaitPartner(mine);
        awaitPartner(other);
        DealContext d = deal(id(), "Shared Deal", year + "-02-10T10:00:00Z", "DE", "upsell",
                List.of(line(1, "CLOUD-1Y", "cloud", "1", "1000.00", "EUR")));
        send(EventType.DEAL_ATTRIBUTED, attributed(d, "linear", credit(mine, "0.50000000", "sourced", List.of("referral"), d, "1:500.00"),
                credit(other, "0.50000000", "influenced", List.of("demo"), d, "1:500.00")));
        String myEarning = EventJson.readString(earnings(mine, ACCRUED, 1).get(0).value(), EarningAccrued.class).earningId();
        String theirEarning = EventJson.readString(earnings(other, ACCRUED, 1).get(0).value(), EarningAccrued.class).earningId();
        String token = partnerBearer("p-user", mine);

        given().header("Authorization", token).get("/partners/" + mine + "/earnings").then().statusCode(200)
                .body("earningId", hasItem(myEarning)).body("partnerId", org.hamcrest.Matchers.everyItem(equalTo(mine)));
        given().header("Authorization", token).get("/earnings/" + myEarning).then().statusCode(200).body("earningId", equalTo(myEarning));
        given().header("Authorization", token).get("/earnings/" + myEarning + "/explanation").then().statusCode(200)
                .body("summary", org.hamcrest.Matchers.startsWith("10% Gold commission on 500.00 EUR of cloud"));
        given().header("Authorization", token).get("/earnings").then().statusCode(200)
                .body("partnerId", org.hamcrest.Matchers.everyItem(equalTo(mine))).body("earningId", hasItem(myEarning));

        for (String path : List.of("/partners/" + other + "/earnings", "/earnings/" + theirEarning, "/earnings/" + theirEarning + "/explanation",
                "/earnings?partnerId=" + other, "/pending?partnerId=" + other, "/partners/" + other + "/pending")) {
            given().header("Authorization", token).get(path).then().statusCode(404).contentType("application/problem+json");
        }
        // finance reads everyone's
        given().header("Authorization", bearer("fin", "finance")).get("/earnings/" + theirEarning).then().statusCode(200);
        given().header("Authorization", bearer("fin", "finance")).queryParam("dealId", d.dealId()).get("/earnings").then().statusCode(200)
                .body("$", hasSize(2));
        // partners never configure
        given().header("Authorization", token).contentType(ContentType.JSON).body(Map.of("code", "x")).post("/programs").then().statusCode(403);
        given().header("Authorization", token).contentType(ContentType.JSON)
                .body(Map.of("from", "EUR", "to", "USD", "date", "2030-01-01", "rate", "1.1")).post("/fx-rates").then().statusCode(403);
    }

    @Test
    void whenProgramsOverlapOnlyTheHighestPriorityOfAnExclusivityGroupPays() {
        int year = 2036;
        String group = "grp-" + id().substring(0, 8);
        Map<String, Object> low = commissionProgram("low-" + id().substring(0, 8), year + "-01-01T00:00:00Z", (year + 1) + "-01-01T00:00:00Z",
                List.of(rate("*", "*", "0.01", "0.01")), null);
        low.put("priority", 1);
        low.put("exclusivityGroup", group);
        Map<String, Object> high = commissionProgram("high-" + id().substring(0, 8), year + "-01-01T00:00:00Z", (year + 1) + "-01-01T00:00:00Z",
                List.of(rate("*", "*", "0.03", "0.03")), Map.of("partnerTypes", List.of("msp")));
        high.put("priority", 5);
        high.put("exclusivityGroup", group);
        program(low);
        program(high);
        String msp = id();
        String reseller = id();
        registerPartner(msp, "msp", "DE", "EUR", "gold");
        registerPartner(reseller, "reseller", "DE", "EUR", "gold");
        awaitPartner(msp);
        awaitPartner(reseller);
        DealContext d = deal(id(), "Overlap", year + "-06-10T10:00:00Z", "DE", "upsell", List.of(line(1, "X", "cloud", "1", "1000.00", "EUR")));
        send(EventType.DEAL_ATTRIBUTED, attributed(d, "linear", credit(msp, "0.50000000", "sourced", List.of("referral"), d, "1:500.00"),
                credit(reseller, "0.50000000", "influenced", List.of("demo"), d, "1:500.00")));
        // the msp is eligible for the high-priority program: 3% only; the reseller is not, so the low one pays 1%
        assertEquals(Money.of("15.00", "EUR"), EventJson.readString(earnings(msp, ACCRUED, 1).get(0).value(), EarningAccrued.class).amount());
        assertEquals(Money.of("5.00", "EUR"), EventJson.readString(earnings(reseller, ACCRUED, 1).get(0).value(), EarningAccrued.class).amount());
        assertEquals(1, settledCount(msp, 1));
    }

    @Test
    void programsAreValidatedOnWriteVersionedAndAudited() {
        String code = "versioned-" + id().substring(0, 8);
        Map<String, Object> bad = commissionProgram(code, "2030-01-01T00:00:00Z", "2031-01-01T00:00:00Z", List.of(rate("gold", "cloud", "1.5", null)), null);
        given().header("Authorization", staff()).contentType(ContentType.JSON).body(bad).post("/programs")
                .then().statusCode(422).contentType("application/problem+json");
        given().header("Authorization", staff()).get("/programs/" + code + "/versions").then().statusCode(404);

        // a year no other test uses, and closed: the program must not pay in other tests' years
        program(commissionProgram(code, "2030-01-01T00:00:00Z", "2031-01-01T00:00:00Z", List.of(rate("gold", "cloud", "0.10", null)), null));
        program(commissionProgram(code, "2030-07-01T00:00:00Z", "2031-01-01T00:00:00Z", List.of(rate("gold", "cloud", "0.12", null)), null));
        given().header("Authorization", staff()).get("/programs/" + code + "/versions").then().statusCode(200)
                .body("$", hasSize(2)).body("[1].version", equalTo(2)).body("[1].rules[0].version", equalTo(2))
                .body("[0].rules[0].ruleId", equalTo(given().header("Authorization", staff()).get("/programs/" + code + "/versions")
                        .then().extract().path("[1].rules[0].ruleId")));
        given().header("Authorization", staff()).get("/programs/" + code + "/audit").then().statusCode(200)
                .body("$", hasSize(2)).body("[0].actor", equalTo("cm-tests")).body("[0].before", org.hamcrest.Matchers.nullValue())
                .body("[1].before", org.hamcrest.Matchers.containsString("0.10")).body("[1].after", org.hamcrest.Matchers.containsString("0.12"));
    }

    /** One row of GET /reports/programs as "sourced|influenced|deals|sourcedDeals|influencedDeals|accrued|adjusted|reversed|net|costPerRevenue". */
    static String programRow(List<Map<String, Object>> rows, String program, String group) {
        List<String> found = rows.stream().filter(r -> program.equals(r.get("program")) && java.util.Objects.equals(group, r.get("group")))
                .map(r -> r.get("currency") + " " + r.get("sourcedRevenue") + "|" + r.get("influencedRevenue") + "|" + r.get("deals") + "|"
                        + r.get("sourcedDeals") + "|" + r.get("influencedDeals") + "|" + r.get("accrued") + "|" + r.get("adjusted") + "|"
                        + r.get("reversed") + "|" + r.get("netEarnings") + "|" + r.get("costPerRevenue")).toList();
        assertEquals(1, found.size(), program + " / " + group + " in " + rows);
        return found.get(0);
    }

    static String paid(List<Map<String, Object>> rows, String program, String group) {
        return rows.stream().filter(r -> program.equals(r.get("program")) && java.util.Objects.equals(group, r.get("group")))
                .map(r -> String.valueOf(r.get("paid"))).findFirst().orElseThrow();
    }

    static List<Map<String, Object>> programReport(String token, int year, String by) {
        return given().header("Authorization", token).queryParam("from", year + "-01-01").queryParam("to", (year + 1) + "-01-01T00:00:00Z")
                .queryParam("by", by).get("/reports/programs").then().statusCode(200).body("by", equalTo(by)).extract().path("rows");
    }

    @Test
    void programReportsSumCreditedRevenueDealsAndNetEarningsPerProgramAndTierAsOfClose() {
        int year = 2087;
        String cloudCode = "rep-cloud-" + id().substring(0, 8);
        String svcCode = "rep-svc-" + id().substring(0, 8);
        program(commissionProgram(cloudCode, year + "-01-01T00:00:00Z", (year + 1) + "-01-01T00:00:00Z",
                List.of(rate("gold", "cloud", "0.10", "0.10"), rate("silver", "cloud", "0.05", "0.05")), null));
        program(commissionProgram(svcCode, year + "-01-01T00:00:00Z", (year + 1) + "-01-01T00:00:00Z",
                List.of(rate("*", "services", "0.03", "0.03")), null));
        String p1 = id();   // gold, US (amer), paid in USD: its earnings are reported in their original (deal) currency, EUR
        String p2 = id();   // silver, then gold from May; DE (emea), paid in EUR
        registerPartner(p1, "reseller", "US", "USD", "gold");
        registerPartner(p2, "reseller", "DE", "EUR", "silver");
        tierChanged(p2, "silver", "gold", "Gold", 2, year + "-05-01T00:00:00Z");
        awaitTier(p1, "gold");
        awaitTier(p2, "gold");
        fxRate("EUR", "USD", year + "-01-01", "1.1000");

        // D1 (Q1): cloud 10,000 + services 2,000; p1 sourced 60 %, p2 influenced 40 %
        DealContext d1 = deal(id(), "Report One", year + "-02-10T10:00:00Z", "DE", "new_business",
                List.of(line(1, "CLOUD-1Y", "cloud", "1", "10000.00", "EUR"), line(2, "SVC", "services", "1", "2000.00", "EUR")));
        send(EventType.DEAL_ATTRIBUTED, attributed(d1, "linear", credit(p1, "0.60000000", "sourced", List.of("referral"), d1, "1:6000.00", "2:1200.00"),
                credit(p2, "0.40000000", "influenced", List.of("demo"), d1, "1:4000.00", "2:800.00")));
        // D2 (Q2, p2 gold by then): cloud 5,000 sourced by p2 — nothing for the services program
        DealContext d2 = deal(id(), "Report Two", year + "-05-20T10:00:00Z", "DE", "new_business",
                List.of(line(1, "CLOUD-1Y", "cloud", "1", "5000.00", "EUR")));
        DealAttributed a2 = attributed(d2, "first_touch", credit(p2, "1.00000000", "sourced", List.of("referral"), d2, "1:5000.00"));
        send(EventType.DEAL_ATTRIBUTED, a2);
        // D3 (Q2): services 1,000 sourced by p1 — nothing for the cloud program
        DealContext d3 = deal(id(), "Report Three", year + "-05-25T10:00:00Z", "DE", "new_business",
                List.of(line(1, "SVC", "services", "1", "1000.00", "EUR")));
        send(EventType.DEAL_ATTRIBUTED, attributed(d3, "first_touch", credit(p1, "1.00000000", "sourced", List.of("referral"), d3, "1:1000.00")));

        // cloud: p1 600.00 (D1), p2 200.00 (D1, silver 5 %), p2 500.00 (D2, gold 10 %); services: p1 36.00 + 30.00, p2 24.00
        earnings(p1, ACCRUED, 3, v -> v.contains(cloudCode) || v.contains(svcCode));
        earnings(p2, ACCRUED, 3, v -> v.contains(cloudCode) || v.contains(svcCode));
        // a refund of 1,000.00 of D2 inside the window: credit 4,000.00 left, clawback -100.00 EUR
        send(EventType.DEAL_ATTRIBUTION_REVERSED, reversed(a2, "refund", year + "-06-01T00:00:00Z",
                credit(p2, "1.00000000", "sourced", List.of("referral"), d2, "1:-1000.00")));
        earnings(p2, REVERSED, 1, v -> v.contains(cloudCode));
        awaitRow("select 1 from credit_compact where deal_id = ? and lines = 'cloud=400000'", d2.dealId());

        List<Map<String, Object>> byProgram = programReport(staff(), year, "program");
        // cloud: credits (p1,D1) 7,200 sourced + (p2,D1) 4,800 influenced + (p2,D2) 4,000 sourced; net 1,300 - 100 = 1,200 / 16,000
        assertEquals("EUR 11200.00|4800.00|2|2|1|1300.00|0.00|-100.00|1200.00|0.075000", programRow(byProgram, cloudCode, null));
        // services: (p1,D1) 7,200 + (p1,D3) 1,000 sourced, (p2,D1) 4,800 influenced; 90.00 / 13,000 = 0.0069230…
        assertEquals("EUR 8200.00|4800.00|2|2|1|90.00|0.00|0.00|90.00|0.006923", programRow(byProgram, svcCode, null));
        assertEquals("Program " + cloudCode, byProgram.stream().filter(r -> cloudCode.equals(r.get("program"))).findFirst().orElseThrow().get("programName"));
        // what those earnings net to as paid: p2 in EUR, p1 in USD at 1.1000 (600.00 -> 660.00; 36.00 + 30.00 -> 39.60 + 33.00)
        assertEquals("[{amount=600.00, currency=EUR}, {amount=660.00, currency=USD}]", paid(byProgram, cloudCode, null));
        assertEquals("[{amount=24.00, currency=EUR}, {amount=72.60, currency=USD}]", paid(byProgram, svcCode, null));
        // in the base currency (USD) at each close date's rate, where one exists: 16,000.00 EUR x 1.1 and 1,200.00 EUR x 1.1
        Map<String, Object> base = given().header("Authorization", staff()).queryParam("from", year + "-01-01").queryParam("to", (year + 1) + "-01-01")
                .get("/reports/programs").then().statusCode(200).body("baseCurrency", equalTo("USD"))
                .extract().path("inBase.find { it.program == '" + cloudCode + "' }");
        assertEquals("USD 17600.00 1320.00 0.075000 [EUR] []", base.get("currency") + " " + base.get("revenue") + " " + base.get("netEarnings")
                + " " + base.get("costPerRevenue") + " " + base.get("converted") + " " + base.get("missingRates"));

        // tier as of the close: p2's D1 counts as silver, its D2 as gold
        List<Map<String, Object>> byTier = programReport(bearer("fin", "finance"), year, "program-tier");
        assertEquals("EUR 11200.00|0.00|2|2|0|1100.00|0.00|-100.00|1000.00|0.089286", programRow(byTier, cloudCode, "gold"));
        assertEquals("EUR 0.00|4800.00|1|0|1|200.00|0.00|0.00|200.00|0.041667", programRow(byTier, cloudCode, "silver"));
        assertEquals("EUR 8200.00|0.00|2|2|0|66.00|0.00|0.00|66.00|0.008049", programRow(byTier, svcCode, "gold"));
        assertEquals("EUR 0.00|4800.00|1|0|1|24.00|0.00|0.00|24.00|0.005000", programRow(byTier, svcCode, "silver"));

        List<Map<String, Object>> byRegion = programReport(staff(), year, "program-region");
        assertEquals("EUR 7200.00|0.00|1|1|0|600.00|0.00|0.00|600.00|0.083333", programRow(byRegion, cloudCode, "amer"));
        assertEquals("EUR 4000.00|4800.00|2|1|1|700.00|0.00|-100.00|600.00|0.068182", programRow(byRegion, cloudCode, "emea"));
        List<Map<String, Object>> byQuarter = programReport(staff(), year, "program-quarter");
        assertEquals("EUR 4000.00|0.00|1|1|0|500.00|0.00|-100.00|400.00|0.100000", programRow(byQuarter, cloudCode, year + "-Q2"));
        assertEquals("EUR 1000.00|0.00|1|1|0|30.00|0.00|0.00|30.00|0.030000", programRow(byQuarter, svcCode, year + "-Q2"));

        // a partner token: the same report over its own credits and earnings only
        List<Map<String, Object>> own = programReport(partnerBearer("p2-user", p2), year, "program");
        assertEquals("EUR 4000.00|4800.00|2|1|1|700.00|0.00|-100.00|600.00|0.068182", programRow(own, cloudCode, null));
        assertEquals("EUR 0.00|4800.00|1|0|1|24.00|0.00|0.00|24.00|0.005000", programRow(own, svcCode, null));
        assertEquals("[{amount=600.00, currency=EUR}]", paid(own, cloudCode, null));

        // bad parameters: 400 problem+json naming the parameter; a currency filter keeps only that currency
        given().header("Authorization", staff()).queryParam("from", year + "-01-01").queryParam("to", (year + 1) + "-01-01")
                .queryParam("by", "partner").get("/reports/programs").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("by"));
        given().header("Authorization", staff()).queryParam("from", (year + 1) + "-01-01").queryParam("to", year + "-01-01")
                .get("/reports/programs").then().statusCode(400).body("errors.field", hasItem("from"));
        given().header("Authorization", staff()).queryParam("to", year + "-01-01").get("/reports/programs").then().statusCode(400)
                .body("errors.field", hasItem("from"));
        given().header("Authorization", staff()).queryParam("from", year + "-01-01").queryParam("to", (year + 1) + "-01-01")
                .queryParam("currency", "eur").get("/reports/programs").then().statusCode(400).body("errors.field", hasItem("currency"));
        given().header("Authorization", staff()).queryParam("from", year + "-01-01").queryParam("to", (year + 1) + "-01-01")
                .queryParam("currency", "USD").get("/reports/programs").then().statusCode(200).body("rows", hasSize(0));
    }
}
