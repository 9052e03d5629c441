package io.partnerflow.analytics;

import io.partnerflow.contracts.EventType;
import io.partnerflow.testing.TestSupport;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.partnerflow.analytics.Events.Credit;
import static io.partnerflow.analytics.Events.awaitApplied;
import static io.partnerflow.analytics.Events.cm;
import static io.partnerflow.analytics.Events.count;
import static io.partnerflow.analytics.Events.partnerUser;
import static io.partnerflow.analytics.Events.send;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Events produced to the real topics → scorecards exact to the cent, once under redelivery, scoped per partner. */
@QuarkusTest
class ScorecardTest {

    static Instant at(String iso) {
        return Instant.parse(iso);
    }

    /** Issue #17: POST /admin/rebuild re-reads every topic → the same rows and answers, nothing published twice. */
    @Test
    void aRebuildFromTheTopicsGivesIdenticalReadModelsAndPublishesNothingTwice() throws Exception {
        RebuildScenario.rebuildGivesIdenticalReadModels();
    }

    /** Issue #17: an earning and a won deal credit produced BEFORE their partner's registration → the same figures. */
    @Test
    void eventsOfAPartnerArrivingBeforeItsRegistrationEndInTheSameFigures() throws Exception {
        RebuildScenario.outOfOrderEndsInTheSameFigures();
    }

    @Test
    void aKnownHistoryGivesScorecardFiguresExactToTheCentOnceUnderRedelivery() throws Exception {
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        String d1 = UUID.randomUUID().toString();
        String d2 = UUID.randomUUID().toString();
        String d3 = UUID.randomUUID().toString();
        List<String> ids = new ArrayList<>();
        ids.add(send(EventType.PARTNER_REGISTERED, a, Events.registered(a, "Alpha Systems", "DE", "silver")));
        ids.add(send(EventType.PARTNER_REGISTERED, b, Events.registered(b, "Bravo Cloud", "US", "gold")));
        ids.add(send(EventType.FX_RATE_PUBLISHED, "CHF/USD", Events.fxRate("CHF", "USD", LocalDate.parse("2026-07-14"), "1.1234567")));
        // a rate dated after the close does not apply to it (latest on or before the close date)
        ids.add(send(EventType.FX_RATE_PUBLISHED, "CHF/USD", Events.fxRate("CHF", "USD", LocalDate.parse("2026-07-16"), "9.99")));
        String attributed = Events.attributed(Events.attr(d1), d1, at("2026-07-15T10:00:00Z"), "CHF",
                List.of(new Credit(a, "sourced", "6000.00"), new Credit(b, "influenced", "4000.00")));
        String first = send(EventType.DEAL_ATTRIBUTED, d1, attributed);
        send(EventType.DEAL_ATTRIBUTED, d1, attributed, first);            // redelivery: same event id
        send(EventType.DEAL_ATTRIBUTED, d1, attributed);                   // same attribution, another event id
        ids.add(send(EventType.DEAL_ATTRIBUTION_REVERSED, d1, Events.reversed(Events.attr(d1), d1, at("2026-07-15T10:00:00Z"),
                "CHF", "9000.00", List.of(new Credit(a, "sourced", "-600.00"), new Credit(b, "influenced", "-400.00")))));
        ids.add(send(EventType.DEAL_ATTRIBUTED, d2, Events.attributed(Events.attr(d2), d2, at("2026-08-20T09:00:00Z"), "USD",
                List.of(new Credit(a, "influenced", "2500.50")))));
        ids.add(send(EventType.DEAL_ATTRIBUTED, d3, Events.attributed(Events.attr(d3), d3, at("2026-09-30T23:59:59Z"), "GBP",
                List.of(new Credit(a, "sourced", "100.00")))));
        ids.add(send(EventType.EARNING_ACCRUED, a, Events.earning(EventType.EARNING_ACCRUED, a, "298.52", at("2026-07-16T08:00:00Z"))));
        ids.add(send(EventType.EARNING_REVERSED, a, Events.earning(EventType.EARNING_REVERSED, a, "-11.13", at("2026-07-21T08:00:00Z"))));
        ids.add(send(EventType.EARNING_ADJUSTED, a, Events.earning(EventType.EARNING_ADJUSTED, a, "10.00", at("2026-08-01T08:00:00Z"))));
        ids.add(send(EventType.PAYOUT_PAID, a, Events.paid(a, "287.39", at("2026-09-05T17:00:00Z"))));
        String r1 = UUID.randomUUID().toString();
        String r2 = UUID.randomUUID().toString();
        ids.add(send(EventType.DEAL_REGISTRATION_SUBMITTED, r1, Events.registration(EventType.DEAL_REGISTRATION_SUBMITTED, r1, a, at("2026-06-30T12:00:00Z"))));
        ids.add(send(EventType.DEAL_REGISTRATION_SUBMITTED, r2, Events.registration(EventType.DEAL_REGISTRATION_SUBMITTED, r2, a, at("2026-07-01T12:00:00Z"))));
        ids.add(send(EventType.DEAL_REGISTRATION_APPROVED, r2, Events.registration(EventType.DEAL_REGISTRATION_APPROVED, r2, a, at("2026-07-02T12:00:00Z"))));
        ids.add(send(EventType.PARTNER_CERTIFICATION_COMPLETED, a, Events.certified(a, "person-1", at("2026-07-02T12:00:00Z"))));
        ids.add(send(EventType.PARTNER_CERTIFICATION_COMPLETED, a, Events.certified(a, "person-2", at("2026-01-05T12:00:00Z"))));
        ids.add(first);
        awaitApplied(ids);

        assertEquals(1, count("select count(*) from processed_event where consumer = 'analytics-service' and event_id = ?", first));
        // the GBP deal has no rate yet: left out of the base figure, and named
        cm().get("/scorecards/" + a + "?period=2026-Q3").then().statusCode(200)
                .body("complete", equalTo(false))
                .body("missingRates", contains("FX rate GBP/USD on or before 2026-09-30"))
                .body("base.sourcedRevenue.amount", equalTo("6066.67"));   // 5400.00 CHF × 1.1234567 = 6066.66618

        awaitApplied(List.of(send(EventType.FX_RATE_PUBLISHED, "GBP/USD", Events.fxRate("GBP", "USD", LocalDate.parse("2026-09-01"), "1.25"))));
        cm().get("/scorecards/" + a + "?period=2026-Q3").then().statusCode(200)
                .body("partner.name", equalTo("Alpha Systems"))
                .body("partner.tier", equalTo("silver"))
                .body("complete", equalTo(true))
                .body("base.currency", equalTo("USD"))
                .body("base.sourcedRevenue.amount", equalTo("6191.67"))    // 6066.66618 + 125.00, rounded once
                .body("base.influencedRevenue.amount", equalTo("2500.50"))
                .body("base.revenue.amount", equalTo("8692.17"))
                .body("base.earningsAccrued.amount", equalTo("298.52"))
                .body("base.earningsClawedBack.amount", equalTo("-11.13"))
                .body("base.earningsAdjusted.amount", equalTo("10.00"))
                .body("base.netEarnings.amount", equalTo("297.39"))
                .body("base.paid.amount", equalTo("287.39"))
                .body("perCurrency.currency", contains("CHF", "GBP", "USD"))
                .body("perCurrency.find { it.currency == 'CHF' }.sourcedRevenue.amount", equalTo("5400.00"))
                .body("perCurrency.find { it.currency == 'GBP' }.sourcedRevenue.amount", equalTo("100.00"))
                .body("perCurrency.find { it.currency == 'USD' }.influencedRevenue.amount", equalTo("2500.50"))
                .body("dealsWon", equalTo(3))
                .body("registrationsSubmitted", equalTo(1))
                .body("registrationsApproved", equalTo(1))
                .body("certificationsCompleted", equalTo(1))
                .body("certifiedPeople", equalTo(2))
                .body("ratios.incentiveCostPerRevenue", equalTo("0.0342"))   // 297.39 / 8692.17 = 0.034213…, rounded once
                .body("ratios.averageDealSize.amount", equalTo("2897.39"));  // 8692.17 / 3 won deals
        // trailing twelve months ending 2026-09 (2025-10-01 … 2026-09-30): Q3 plus the June registration and the
        // January certification
        cm().get("/scorecards/" + a + "?period=ttm:2026-09").then().statusCode(200)
                .body("period", equalTo("ttm:2026-09"))
                .body("from", equalTo("2025-10-01"))
                .body("toExclusive", equalTo("2026-10-01"))
                .body("base.sourcedRevenue.amount", equalTo("6191.67"))
                .body("base.netEarnings.amount", equalTo("297.39"))
                .body("dealsWon", equalTo(3))
                .body("registrationsSubmitted", equalTo(2))
                .body("certificationsCompleted", equalTo(2))
                .body("ratios.averageDealSize.amount", equalTo("2897.39"));
        cm().get("/scorecards/" + a + "?period=ttm:2025-09").then().statusCode(200)
                .body("dealsWon", equalTo(0)).body("certificationsCompleted", equalTo(0))
                .body("ratios.incentiveCostPerRevenue", org.hamcrest.Matchers.nullValue())
                .body("ratios.averageDealSize", org.hamcrest.Matchers.nullValue());
        cm().get("/scorecards/" + b + "?period=2026-Q3").then().statusCode(200)
                .body("base.influencedRevenue.amount", equalTo("4044.44"))    // 3600.00 × 1.1234567 = 4044.44412
                .body("base.sourcedRevenue.amount", equalTo("0.00"))
                .body("dealsWon", equalTo(1));
        cm().get("/scorecards/" + a + "?period=2026-07").then().statusCode(200)
                .body("base.sourcedRevenue.amount", equalTo("6066.67")).body("dealsWon", equalTo(1))
                .body("registrationsSubmitted", equalTo(1));
        cm().get("/scorecards/" + a + "?period=2026-Q2").then().statusCode(200)
                .body("registrationsSubmitted", equalTo(1)).body("dealsWon", equalTo(0));

        // program roll-up and the sorted list
        cm().get("/scorecards?period=2026-Q3&sort=deals-won&limit=1000").then().statusCode(200)
                .body("sort", equalTo("deals-won"))
                .body("items.find { it.partnerId == '" + a + "' }.dealsWon", equalTo(3))
                .body("program.byTier.key", org.hamcrest.Matchers.hasItems("silver", "gold"))
                .body("program.byCountry.key", org.hamcrest.Matchers.hasItems("DE", "US"));
    }

    @Test
    void dealActivityShowsOpenPipelineWinRateSalesCycleTouchpointsAndRegistrationOutcomes() throws Exception {
        String c = UUID.randomUUID().toString();
        String d = UUID.randomUUID().toString();
        String o1 = UUID.randomUUID().toString();
        String o2 = UUID.randomUUID().toString();
        String w1 = UUID.randomUUID().toString();
        String l1 = UUID.randomUUID().toString();
        List<String> ids = new ArrayList<>();
        ids.add(send(EventType.PARTNER_REGISTERED, c, Events.registered(c, "Charlie Data", "FR", "gold")));
        ids.add(send(EventType.PARTNER_REGISTERED, d, Events.registered(d, "Delta Works", "IT", "silver")));
        // open: c holds the earliest sourcing touch of o1 (sourced), only a co-sell meeting on o2 (influenced; d registered it)
        ids.add(send(EventType.DEAL_PIPELINE_UPDATED, o1, Events.touched(EventType.DEAL_PIPELINE_UPDATED, o1, 1, "open", "5000.00", "USD",
                at("2026-07-01T00:00:00Z"), at("2026-07-06T00:00:00Z"),
                List.of(new String[]{c, "referral", "2026-07-03T10:00:00Z"}, new String[]{d, "demo", "2026-07-05T10:00:00Z"}))));
        ids.add(send(EventType.DEAL_PIPELINE_UPDATED, o2, Events.touched(EventType.DEAL_PIPELINE_UPDATED, o2, 3, "open", "1200.00", "EUR",
                at("2026-05-20T00:00:00Z"), at("2026-07-11T00:00:00Z"),
                List.of(new String[]{d, "deal_registration", "2026-06-01T10:00:00Z"}, new String[]{c, "co_sell_meeting", "2026-07-10T10:00:00Z"}))));
        // won after 61 days; lost in Q3 (its only touch of c was in June: not a Q3 touchpoint)
        ids.add(send(EventType.DEAL_CLOSED_WON, w1, Events.touched(EventType.DEAL_CLOSED_WON, w1, 4, "won", "800.00", "USD",
                at("2026-07-01T09:00:00Z"), at("2026-08-31T18:00:00Z"), List.<String[]>of(new String[]{c, "referral", "2026-07-01T10:00:00Z"}))));
        ids.add(send(EventType.DEAL_PIPELINE_UPDATED, l1, Events.touched(EventType.DEAL_PIPELINE_UPDATED, l1, 2, "closed_lost", "300.00", "USD",
                at("2026-06-10T00:00:00Z"), at("2026-09-15T00:00:00Z"), List.<String[]>of(new String[]{c, "demo", "2026-06-12T10:00:00Z"}))));
        ids.add(send(EventType.DEAL_REGISTRATION_REJECTED, c, Events.registrationOutcome(EventType.DEAL_REGISTRATION_REJECTED,
                UUID.randomUUID().toString(), c, at("2026-07-20T10:00:00Z"), true)));
        ids.add(send(EventType.DEAL_REGISTRATION_REJECTED, c, Events.registrationOutcome(EventType.DEAL_REGISTRATION_REJECTED,
                UUID.randomUUID().toString(), c, at("2026-07-21T10:00:00Z"), false)));
        ids.add(send(EventType.DEAL_REGISTRATION_EXPIRED, c, Events.registrationOutcome(EventType.DEAL_REGISTRATION_EXPIRED,
                UUID.randomUUID().toString(), c, at("2026-08-02T10:00:00Z"), false)));
        awaitApplied(ids);

        cm().get("/scorecards/" + c + "?period=2026-Q3").then().statusCode(200)
                .body("activity.openPipelineSourced.amount", contains("5000.00"))
                .body("activity.openPipelineSourced.currency", contains("USD"))
                .body("activity.openPipelineInfluenced.amount", contains("1200.00"))
                .body("activity.openPipelineInfluenced.currency", contains("EUR"))
                .body("activity.openDeals", equalTo(2))
                .body("activity.touchedDealsWon", equalTo(1))
                .body("activity.touchedDealsLost", equalTo(1))
                .body("activity.winRate", equalTo("0.5000"))
                .body("activity.averageSalesCycleDays", equalTo("61.0"))
                .body("activity.touchpointsByType.referral", equalTo(2))
                .body("activity.touchpointsByType.co_sell_meeting", equalTo(1))
                .body("activity.touchpointsByType.demo", org.hamcrest.Matchers.nullValue())
                .body("activity.registrationsRejected", equalTo(2))
                .body("activity.registrationsConflicted", equalTo(1))
                .body("activity.registrationsExpired", equalTo(1));
        // in Q2 nothing closed: no win rate, no cycle; the June demo counts there
        cm().get("/scorecards/" + c + "?period=2026-Q2").then().statusCode(200)
                .body("activity.winRate", org.hamcrest.Matchers.nullValue())
                .body("activity.averageSalesCycleDays", org.hamcrest.Matchers.nullValue())
                .body("activity.touchpointsByType.demo", equalTo(1));
        // d: influenced on o1, sourced o2 (its registration is the earliest sourcing touch)
        cm().get("/scorecards/" + d + "?period=2026-Q3").then().statusCode(200)
                .body("activity.openPipelineSourced.amount", contains("1200.00"))
                .body("activity.openPipelineInfluenced.amount", contains("5000.00"));
    }

    @Test
    void mdfFiguresAndRoiAreExactToTheCentWhicheverArrivesFirstClaimOrAttribution() {
        String m = UUID.randomUUID().toString();
        String x = UUID.randomUUID().toString();
        String d1 = UUID.randomUUID().toString();
        String d2 = UUID.randomUUID().toString();
        String d3 = UUID.randomUUID().toString();
        List<String> ids = new ArrayList<>();
        ids.add(send(EventType.PARTNER_REGISTERED, m, Events.registered(m, "Mdf Media", "FR", "gold")));
        ids.add(send(EventType.FX_RATE_PUBLISHED, "EUR/USD", Events.fxRate("EUR", "USD", LocalDate.parse("2031-04-01"), "1.0853")));
        ids.add(send(EventType.MDF_ALLOCATED, m, Events.mdfAllocated(m, "5000.00", "EUR", at("2031-04-02T09:00:00Z"))));
        ids.add(send(EventType.MDF_CLAIM_SUBMITTED, m, Events.mdfClaimed(m, "c1", "2000.00", "EUR", at("2031-04-20T09:00:00Z"))));
        ids.add(send(EventType.MDF_CLAIM_SUBMITTED, m, Events.mdfClaimed(m, "c2", "1000.00", "EUR", at("2031-05-02T09:00:00Z"))));
        // the claims name d1 and d2 BEFORE their attributions arrive (other topic, other key): they count all the same
        String c1 = Events.mdfApproved(m, "c1", "1800.00", "EUR", List.of(d1, d2), at("2031-04-25T09:00:00Z"));
        String first = send(EventType.MDF_CLAIM_APPROVED, m, c1);
        send(EventType.MDF_CLAIM_APPROVED, m, c1, first);                  // redelivery: once
        ids.add(first);
        // a second campaign naming d1 again: the deal's revenue counts once
        ids.add(send(EventType.MDF_CLAIM_APPROVED, m, Events.mdfApproved(m, "c2", "1000.00", "EUR", List.of(d1), at("2031-05-10T09:00:00Z"))));
        awaitApplied(ids);
        ids.clear();
        ids.add(send(EventType.DEAL_ATTRIBUTED, d1, Events.attributed(Events.attr(d1), d1, at("2031-05-15T10:00:00Z"), "USD",
                List.of(new Credit(m, "sourced", "30000.00")))));
        ids.add(send(EventType.DEAL_ATTRIBUTED, d2, Events.attributed(Events.attr(d2), d2, at("2031-06-01T10:00:00Z"), "EUR",
                List.of(new Credit(m, "influenced", "10000.00"), new Credit(x, "sourced", "5000.00")))));
        // d3 was not named by any campaign: revenue, but not MDF-influenced
        ids.add(send(EventType.DEAL_ATTRIBUTED, d3, Events.attributed(Events.attr(d3), d3, at("2031-06-02T10:00:00Z"), "USD",
                List.of(new Credit(m, "sourced", "7000.00")))));
        // a refund on d1 follows into the MDF-influenced revenue
        ids.add(send(EventType.DEAL_ATTRIBUTION_REVERSED, d1, Events.reversed(Events.attr(d1), d1, at("2031-05-15T10:00:00Z"),
                "USD", "27000.00", List.of(new Credit(m, "sourced", "-3000.00")))));
        awaitApplied(ids);

        cm().get("/scorecards/" + m + "?period=2031-Q2").then().statusCode(200)
                .body("complete", equalTo(true))
                .body("base.mdfAllocated.amount", equalTo("5426.50"))          // 5000.00 EUR x 1.0853
                .body("base.mdfClaimed.amount", equalTo("3255.90"))
                .body("base.mdfReimbursed.amount", equalTo("3038.84"))         // 2800.00 EUR x 1.0853
                .body("base.mdfInfluencedRevenue.amount", equalTo("37853.00")) // 27000.00 USD + 10000.00 EUR x 1.0853
                .body("base.revenue.amount", equalTo("44853.00"))
                .body("perCurrency.find { it.currency == 'EUR' }.mdfReimbursed.amount", equalTo("2800.00"))
                .body("perCurrency.find { it.currency == 'EUR' }.mdfInfluencedRevenue.amount", equalTo("10000.00"))
                .body("perCurrency.find { it.currency == 'USD' }.mdfInfluencedRevenue.amount", equalTo("27000.00"))
                .body("ratios.mdfRoi", equalTo("12.4564"));                    // 37853.00 / 3038.84 = 12.45639…, rounded once
        // the co-credited partner's campaigns named nothing: no MDF revenue
        cm().get("/scorecards/" + x + "?period=2031-Q2").then().statusCode(200)
                .body("base.mdfInfluencedRevenue.amount", equalTo("0.00"))
                .body("ratios.mdfRoi", equalTo(null));
        cm().get("/mdf-roi?period=2031-Q2").then().statusCode(200)
                .body("partners.partnerId", contains(m))
                .body("partners[0].name", equalTo("Mdf Media"))
                .body("partners[0].mdf.roi", equalTo("12.4564"))
                .body("total.reimbursed.amount", equalTo("3038.84"))
                .body("total.roi", equalTo("12.4564"));
        cm().get("/scorecards?period=2031-Q2").then().statusCode(200)
                .body("program.mdf.influencedRevenue.amount", equalTo("37853.00"))
                .body("program.mdf.roi", equalTo("12.4564"));
        // a partner sees only its own row, whatever it asks
        partnerUser(x).get("/mdf-roi?period=2031-Q2").then().statusCode(200)
                .body("partners", hasSize(0)).body("total.roi", equalTo(null));
        partnerUser(m).get("/mdf-roi?period=2031-Q2").then().statusCode(200)
                .body("partners.partnerId", contains(m)).body("total.roi", equalTo("12.4564"));
        given().get("/mdf-roi?period=2031-Q2").then().statusCode(401);
        cm().get("/mdf-roi?period=2031-Q9").then().statusCode(400).contentType(containsString("problem+json"));
    }

    @Test
    void aPartnerUserReadsOnlyItsOwnScorecardAndBadInputIsAProblem() {
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        awaitApplied(List.of(send(EventType.PARTNER_REGISTERED, a, Events.registered(a, "Own Partner", "FR", "silver")),
                send(EventType.PARTNER_REGISTERED, b, Events.registered(b, "Other Partner", "FR", "gold"))));
        partnerUser(a).get("/scorecards/" + a + "?period=2026-Q3").then().statusCode(200).body("partner.name", equalTo("Own Partner"));
        partnerUser(a).get("/scorecards/" + b + "?period=2026-Q3").then().statusCode(404)
                .contentType("application/problem+json");
        partnerUser(a).get("/scorecards?period=2026-Q3").then().statusCode(403);
        given().get("/scorecards/" + a + "?period=2026-Q3").then().statusCode(401);
        cm().get("/scorecards/" + a + "?period=2026-Q5").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("2026-Q3"));
        cm().get("/scorecards/" + a + "?period=ttm:2026-13").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("ttm:2026-09")).body("errors[0].field", equalTo("period"));
        cm().get("/leaderboards/revenue?period=ttm:2026-Q3").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("ttm:"));
        cm().get("/scorecards/" + a).then().statusCode(400).contentType("application/problem+json");
        cm().get("/scorecards?period=2026-Q3&sort=likes").then().statusCode(400).body("detail", containsString("likes"));
        cm().get("/scorecards/" + UUID.randomUUID() + "?period=2026-Q3").then().statusCode(404);
    }

    @Test
    void leaderboardsRankByFigureBreakTiesByPartnerIdAndMaskOtherPartnersForAPartnerUser() {
        // a period no other test writes to, so the board is exactly these three
        String p1 = UUID.randomUUID().toString();
        String p2 = UUID.randomUUID().toString();
        String p3 = UUID.randomUUID().toString();
        List<String> ids = new ArrayList<>();
        for (String[] p : new String[][] {{p1, "One", "100.00", "NL"}, {p2, "Two", "100.00", "NL"}, {p3, "Three", "300.00", "US"}}) {
            ids.add(send(EventType.PARTNER_REGISTERED, p[0], Events.registered(p[0], p[1], p[3], "gold")));
            String deal = UUID.randomUUID().toString();
            ids.add(send(EventType.DEAL_ATTRIBUTED, deal, Events.attributed(Events.attr(deal), deal, at("2031-02-03T10:00:00Z"), "USD",
                    List.of(new Credit(p[0], "sourced", p[2])))));
        }
        awaitApplied(ids);
        String low = p1.compareTo(p2) < 0 ? p1 : p2;
        String high = low.equals(p1) ? p2 : p1;
        cm().get("/leaderboards/sourced-revenue?period=2031-Q1").then().statusCode(200)
                .body("unit", equalTo("USD"))
                .body("entries.partnerId", contains(p3, low, high))
                .body("entries.rank", contains(1, 2, 3))
                .body("entries.value", contains("300.00", "100.00", "100.00"));
        partnerUser(high).get("/leaderboards/sourced-revenue?period=2031-Q1").then().statusCode(200)
                .body("entries.partnerId", contains(null, null, high))
                .body("entries.name", contains(null, null, low.equals(p1) ? "Two" : "One"))
                .body("you.rank", equalTo(3));
        cm().get("/leaderboards/deals-won?period=2031-Q1").then().statusCode(200)
                .body("entries.partnerId", contains(sorted(p1, p2, p3))).body("unit", equalTo("count"));
        cm().get("/leaderboards/likes?period=2031-Q1").then().statusCode(400).body("detail", containsString("likes"));
        // filters on the current profile: region (NL → emea, US → amer), tier, partner type (the sample's msp)
        cm().get("/leaderboards/sourced-revenue?period=2031-Q1&region=emea").then().statusCode(200)
                .body("entries.partnerId", contains(low, high)).body("entries.rank", contains(1, 2));
        cm().get("/leaderboards/sourced-revenue?period=2031-Q1&region=amer&tier=gold&type=msp").then().statusCode(200)
                .body("entries.partnerId", contains(p3));
        cm().get("/leaderboards/sourced-revenue?period=2031-Q1&tier=silver").then().statusCode(200)
                .body("entries", org.hamcrest.Matchers.empty());
        partnerUser(high).get("/leaderboards/sourced-revenue?period=2031-Q1&region=emea").then().statusCode(200)
                .body("entries.partnerId", contains(null, high)).body("you.rank", equalTo(2));
        cm().get("/leaderboards/sourced-revenue?period=2031-Q1&region=mars").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("region"));
        cm().get("/leaderboards/sourced-revenue?period=2031-Q1&type=spaceship").then().statusCode(400)
                .body("errors[0].field", equalTo("type"));
        cm().get("/leaderboards/sourced-revenue?period=2031-Q1&tier=Gold%20Plus").then().statusCode(400)
                .body("errors[0].field", equalTo("tier"));
        // the program roll-up per partner type and per region adds up
        var program = cm().get("/scorecards?period=2031-Q1&limit=1000").then().statusCode(200)
                .body("program.byType.key", org.hamcrest.Matchers.hasItem("msp"))
                .body("program.byRegion.key", org.hamcrest.Matchers.hasItems("amer", "emea"))
                .extract().jsonPath();
        for (String dimension : List.of("byType", "byRegion")) {
            assertEquals(program.getString("program.total.sourcedRevenue.amount"), program.getList("program." + dimension
                    + ".sourcedRevenue.amount", String.class).stream().map(java.math.BigDecimal::new)
                    .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add).toPlainString(), dimension + " adds up");
            assertEquals(program.getInt("program.total.partners"), program.getList("program." + dimension + ".partners",
                    Integer.class).stream().mapToInt(Integer::intValue).sum(), dimension + " partners add up");
        }
    }

    static String[] sorted(String... ids) {
        String[] out = ids.clone();
        java.util.Arrays.sort(out);
        return out;
    }

    @Test
    void aPoisonEventIsDeadLetteredWithItsReasonAndTheNextIsApplied() throws Exception {
        String deal = UUID.randomUUID().toString();
        String p = UUID.randomUUID().toString();
        String poison = send(EventType.DEAL_ATTRIBUTED, deal, Events.attributed(UUID.randomUUID().toString(), deal, at("2026-07-15T10:00:00Z"), "USD",
                List.of(new Credit(p, "sourced", "1.00"))).replace(p, "nope"));
        String good = send(EventType.DEAL_ATTRIBUTED, deal, Events.attributed(UUID.randomUUID().toString(), deal, at("2026-07-15T10:00:00Z"), "USD",
                List.of(new Credit(p, "sourced", "5.00"))));
        awaitApplied(List.of(good));
        List<ConsumerRecord<String, String>> dead = TestSupport.await("attribution.events.dlq.analytics-service",
                r -> poison.equals(TestSupport.header(r, "ce_id")), 1, Duration.ofSeconds(30));
        assertEquals(1, dead.size());
        assertTrue(TestSupport.header(dead.get(0), "dead-letter-reason").contains("not a UUID"));
        cm().get("/scorecards/" + p + "?period=2026-Q3").then().statusCode(200).body("base.sourcedRevenue.amount", equalTo("5.00"));
    }
}
