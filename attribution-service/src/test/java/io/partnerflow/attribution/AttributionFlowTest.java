package io.partnerflow.attribution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.partnerflow.contracts.ContractValidator;
import io.partnerflow.contracts.EventJson;
import io.partnerflow.contracts.attribution.Credit;
import io.partnerflow.contracts.attribution.DealAttributed;
import io.partnerflow.contracts.attribution.DealAttributionReversed;
import io.partnerflow.core.money.Money;
import io.partnerflow.testing.TestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Duration;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.partnerflow.testing.TestSupport.bearer;
import static io.partnerflow.testing.TestSupport.header;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** deal.events in → attribution.events out, through the real broker, database and outbox relay. */
@QuarkusTest
class AttributionFlowTest {
    static final String CLOSED_WON = "partnerflow.deal.closed-won.v1";
    static final String REVERSED = "partnerflow.deal.reversed.v1";

    static {
        io.restassured.RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void aClosedWonDealIsAttributedExactlyOnceEvenWhenDeliveredTwice() {
        String dealId = UUID.randomUUID().toString();
        String json = closedWon(dealId, "2026-03-10T12:00:00Z", "DE");
        String eventId = UUID.randomUUID().toString();
        send(dealId, json, eventId, CLOSED_WON);
        send(dealId, json, eventId, CLOSED_WON);                         // redelivery, same event id
        send(dealId, json, UUID.randomUUID().toString(), CLOSED_WON);    // the same revision re-published

        List<ConsumerRecord<String, String>> out = attributed(dealId, 1);
        DealAttributed a = EventJson.readString(out.get(0).value(), DealAttributed.class);
        assertEquals(List.of(), ContractValidator.validate("partnerflow.deal.attributed.v1", out.get(0).value()));
        assertEquals(a.attributionId(), header(out.get(0), "ce_id"));
        assertEquals("default", a.model().name());
        // default model = linear over the sample's touches; exact sums per line and in total
        Money total = Money.sum(Currency.getInstance("EUR"), a.credits().stream().map(Credit::amount).toList());
        assertEquals(a.deal().amount(), total);
        for (var line : a.deal().lines()) {
            Money lineSum = Money.sum(Currency.getInstance("EUR"), a.credits().stream()
                    .flatMap(c -> c.lines().stream()).filter(l -> l.lineNumber() == line.lineNumber())
                    .map(Credit.LineCredit::amount).toList());
            assertEquals(line.amount(), lineSum, "line " + line.lineNumber());
        }
        assertEquals(1, a.credits().stream().filter(c -> c.role().equals("sourced")).count(), "one sourced partner");
        java.math.BigDecimal touchShares = a.credits().stream().flatMap(c -> c.touches().stream())
                .map(Credit.TouchShare::weight).reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add);
        assertEquals(0, java.math.BigDecimal.ONE.compareTo(touchShares), "per-touch shares sum to exactly 1");
        // nothing further arrives for the duplicates
        assertEquals(1, TestSupport.await("attribution.events", r -> dealId.equals(r.key()), 2, Duration.ofSeconds(4)).size());
        given().header("Authorization", bearer("cm", "channel-manager")).get("/attributions/deals/" + dealId)
                .then().statusCode(200).body("attributionId", equalTo(a.attributionId()));
    }

    @Test
    void aRefundIsReversedInProportionToTheOriginalCreditsAndSumsExactly() {
        String dealId = UUID.randomUUID().toString();
        send(dealId, closedWon(dealId, "2026-03-11T12:00:00Z", "DE"), UUID.randomUUID().toString(), CLOSED_WON);
        DealAttributed a = EventJson.readString(attributed(dealId, 1).get(0).value(), DealAttributed.class);

        String reversal = refund(dealId, a.deal().amount(), "2026-03-11T12:00:00Z");
        send(dealId, reversal, UUID.randomUUID().toString(), REVERSED);

        List<ConsumerRecord<String, String>> out = TestSupport.await("attribution.events",
                r -> dealId.equals(r.key()) && "partnerflow.deal.attribution-reversed.v1".equals(header(r, "ce_type")), 1, Duration.ofSeconds(30));
        assertEquals(1, out.size());
        assertEquals(List.of(), ContractValidator.validate("partnerflow.deal.attribution-reversed.v1", out.get(0).value()));
        DealAttributionReversed r = EventJson.readString(out.get(0).value(), DealAttributionReversed.class);
        assertEquals(a.attributionId(), r.attributionId());
        Money sum = Money.sum(Currency.getInstance("EUR"), r.credits().stream().map(Credit::amount).toList());
        assertEquals(Money.of("-1000.01", "EUR"), sum);
        for (Credit c : r.credits()) {
            Credit original = a.credits().stream().filter(o -> o.partnerId().equals(c.partnerId())).findFirst().orElseThrow();
            Money originalLine1 = original.lines().stream().filter(l -> l.lineNumber() == 1).findFirst().orElseThrow().amount();
            // proportional: |part| is the partner's share of line 1, within one cent
            var exact = originalLine1.amount().multiply(new java.math.BigDecimal("1000.01"))
                    .divide(a.deal().lines().get(0).amount().amount(), 10, java.math.RoundingMode.HALF_EVEN);
            assertTrue(c.amount().amount().abs().subtract(exact).abs().compareTo(new java.math.BigDecimal("0.01")) < 0,
                    c.partnerId() + ": " + c.amount() + " vs exact " + exact);
        }
        String partner = r.credits().get(0).partnerId();
        given().header("Authorization", TestSupport.partnerBearer("p", partner)).get("/partners/" + partner + "/credits")
                .then().statusCode(200).body("kind", hasItem("reversed")).body("kind", hasItem("attributed"));
    }

    @Test
    void theModelIsChosenByRuleAndByTheVersionInEffectAtTheClose() {
        String cm = bearer("cm-rules", "channel-manager");
        given().header("Authorization", cm).contentType(ContentType.JSON)
                .body(Map.of("name", "japan-first", "effectiveFrom", "2020-01-01T00:00:00Z", "config", Map.of("kind", "FIRST_TOUCH")))
                .post("/models").then().statusCode(201).body("version", equalTo(1));
        given().header("Authorization", cm).contentType(ContentType.JSON)
                .body(Map.of("priority", 10, "country", "JP", "modelName", "japan-first"))
                .post("/model-rules").then().statusCode(201);
        // a second version of japan-first, effective only from 2031
        given().header("Authorization", cm).contentType(ContentType.JSON)
                .body(Map.of("name", "japan-first", "effectiveFrom", "2031-01-01T00:00:00Z", "config", Map.of("kind", "LAST_TOUCH")))
                .post("/models").then().statusCode(201).body("version", equalTo(2));

        String jp2026 = UUID.randomUUID().toString();
        String jp2031 = UUID.randomUUID().toString();
        String de2026 = UUID.randomUUID().toString();
        send(jp2026, closedWon(jp2026, "2026-05-01T00:00:00Z", "JP"), UUID.randomUUID().toString(), CLOSED_WON);
        send(jp2031, closedWon(jp2031, "2031-05-01T00:00:00Z", "JP"), UUID.randomUUID().toString(), CLOSED_WON);
        send(de2026, closedWon(de2026, "2026-05-01T00:00:00Z", "DE"), UUID.randomUUID().toString(), CLOSED_WON);

        DealAttributed a = EventJson.readString(attributed(jp2026, 1).get(0).value(), DealAttributed.class);
        assertEquals("japan-first", a.model().name());
        assertEquals(1, a.model().version());
        assertEquals(1, a.credits().size(), "first touch: one partner gets everything");
        DealAttributed b = EventJson.readString(attributed(jp2031, 1).get(0).value(), DealAttributed.class);
        assertEquals(2, b.model().version());
        assertEquals("last_touch", b.model().kind());
        DealAttributed c = EventJson.readString(attributed(de2026, 1).get(0).value(), DealAttributed.class);
        assertEquals("default", c.model().name());
    }

    @Test
    void reattributionSupersedesChangedAttributionsAndIsIdempotent() {
        String cm = bearer("cm-reattr", "channel-manager");
        given().header("Authorization", cm).contentType(ContentType.JSON)
                .body(Map.of("name", "reattr-first", "effectiveFrom", "2020-01-01T00:00:00Z", "config", Map.of("kind", "FIRST_TOUCH")))
                .post("/models").then().statusCode(201);
        String dealId = UUID.randomUUID().toString();
        send(dealId, closedWon(dealId, "2028-02-10T10:00:00Z", "DE"), UUID.randomUUID().toString(), CLOSED_WON);
        DealAttributed original = EventJson.readString(attributed(dealId, 1).get(0).value(), DealAttributed.class);
        assertTrue(original.credits().size() > 1, "linear default credits several partners");

        Map<String, Object> run = Map.of("from", "2028-02-10T00:00:00Z", "to", "2028-02-11T00:00:00Z",
                "modelName", "reattr-first", "reason", "switch Feb 2028 to first-touch");
        given().header("Authorization", cm).contentType(ContentType.JSON).body(run).post("/reattributions")
                .then().statusCode(200).body("examined", equalTo(1)).body("changed", equalTo(1));
        List<ConsumerRecord<String, String>> out = TestSupport.await("attribution.events",
                r -> dealId.equals(r.key()) && "partnerflow.deal.reattributed.v1".equals(header(r, "ce_type")), 1, Duration.ofSeconds(30));
        assertEquals(1, out.size());
        assertEquals(List.of(), ContractValidator.validate("partnerflow.deal.reattributed.v1", out.get(0).value()));
        var re = EventJson.readString(out.get(0).value(), io.partnerflow.contracts.attribution.DealReattributed.class);
        assertEquals(original.attributionId(), re.supersedesAttributionId());
        assertEquals(1, re.credits().size());
        assertEquals(original.deal().amount(), re.credits().get(0).amount());

        // the same run again changes nothing and publishes nothing
        given().header("Authorization", cm).contentType(ContentType.JSON).body(run).post("/reattributions")
                .then().statusCode(200).body("examined", equalTo(1)).body("changed", equalTo(0));
        given().header("Authorization", cm).get("/attributions/deals/" + dealId)
                .then().statusCode(200).body("attributionId", equalTo(re.attributionId()));

        String partner = re.credits().get(0).partnerId();
        given().header("Authorization", TestSupport.partnerBearer("p", partner))
                .queryParam("from", "2028-02-01T00:00:00Z").queryParam("to", "2028-03-01T00:00:00Z")
                .get("/reports/partners/" + partner).then().statusCode(200)
                .body("totals[0].amount", equalTo(original.deal().amount().amountString()))
                .body("totals[0].deals", equalTo(1));
        given().header("Authorization", TestSupport.partnerBearer("p", "someone-else"))
                .queryParam("from", "2028-02-01T00:00:00Z").queryParam("to", "2028-03-01T00:00:00Z")
                .get("/reports/partners/" + partner).then().statusCode(404);
    }

    @jakarta.inject.Inject
    io.partnerflow.attribution.application.ReattributionRunJob runJob;

    @Test
    void aReattributionRunIsPreviewedThenAppliedByASecondUserInResumableChunksExactlyOnce() {
        String maker = bearer("cm-run-maker", "channel-manager");
        String makerAgain = bearer("CM-RUN-MAKER", "channel-manager");   // same person, other spelling
        String checker = bearer("cm-run-checker", "channel-manager");
        given().header("Authorization", maker).contentType(ContentType.JSON)
                .body(Map.of("name", "run-first", "effectiveFrom", "2020-01-01T00:00:00Z", "config", Map.of("kind", "FIRST_TOUCH")))
                .post("/models").then().statusCode(201);
        List<String> deals = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString());
        Map<String, Money> before = new java.util.TreeMap<>();
        for (int i = 0; i < deals.size(); i++) {
            send(deals.get(i), closedWon(deals.get(i), "2030-05-1" + i + "T10:00:00Z", "DE"), UUID.randomUUID().toString(), CLOSED_WON);
        }
        for (String d : deals) {
            EventJson.readString(attributed(d, 1).get(0).value(), DealAttributed.class).credits()
                    .forEach(c -> before.merge(c.partnerId(), c.amount(), Money::plus));
        }
        Map<String, Object> body = new HashMap<>(Map.of("from", "2030-05-10T00:00:00Z", "to", "2030-05-13T00:00:00Z",
                "modelName", "run-first", "reason", "May 2030 to first-touch"));

        // bad input: 400 naming the field, nothing written; a partner token is refused
        Map<String, Object> backwards = new HashMap<>(body);
        backwards.put("to", "2030-05-01T00:00:00Z");
        given().header("Authorization", maker).contentType(ContentType.JSON).body(backwards).post("/reattribution-runs")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("to"));
        Map<String, Object> noReason = new HashMap<>(body);
        noReason.remove("reason");
        given().header("Authorization", maker).contentType(ContentType.JSON).body(noReason).post("/reattribution-runs")
                .then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", TestSupport.partnerBearer("p", "partner-a")).contentType(ContentType.JSON).body(body)
                .post("/reattribution-runs").then().statusCode(403);

        var preview = given().header("Authorization", maker).contentType(ContentType.JSON).body(body).post("/reattribution-runs")
                .then().statusCode(201).body("status", equalTo("previewed")).body("total", equalTo(3))
                .body("preview.examined", equalTo(3)).body("preview.changed", equalTo(3)).body("preview.unchanged", equalTo(0))
                .body("preview.withoutModel", equalTo(0))
                .extract().jsonPath();
        String runId = preview.getString("runId");
        given().header("Authorization", checker).contentType(ContentType.JSON).body(body).post("/reattribution-runs")
                .then().statusCode(409);                                                     // one open run at a time
        Map<String, Money> previewBefore = new java.util.TreeMap<>();
        Map<String, Money> previewAfter = new java.util.TreeMap<>();
        Money deltaSum = Money.zero("EUR");
        for (Map<String, String> p : preview.<Map<String, String>>getList("preview.partners")) {
            previewBefore.put(p.get("partnerId"), Money.of(p.get("before"), "EUR"));
            previewAfter.put(p.get("partnerId"), Money.of(p.get("after"), "EUR"));
            deltaSum = deltaSum.plus(Money.of(p.get("delta"), "EUR"));
        }
        assertEquals(before, previewBefore, "preview 'before' = the credits in force");
        assertEquals(Money.zero("EUR"), deltaSum, "credit moves between partners, the deals' totals stay");
        assertEquals(0, reattributedInOutbox(deals), "a preview publishes nothing");

        // what-if of the same model over the same range, as a job, agrees with the preview
        Map<String, Object> whatIfBody = Map.of("from", "2030-05-10T00:00:00Z", "to", "2030-05-13T00:00:00Z",
                "proposed", Map.of("kind", "FIRST_TOUCH"));
        given().header("Authorization", TestSupport.partnerBearer("p", "partner-a")).contentType(ContentType.JSON).body(whatIfBody)
                .post("/what-if-runs").then().statusCode(403);
        given().header("Authorization", checker).contentType(ContentType.JSON)
                .body(Map.of("from", "2030-05-13T00:00:00Z", "to", "2030-05-10T00:00:00Z", "proposed", Map.of("kind", "FIRST_TOUCH")))
                .post("/what-if-runs").then().statusCode(400).body("errors.field", hasItem("to"));
        String location = given().header("Authorization", checker).contentType(ContentType.JSON).body(whatIfBody)
                .post("/what-if-runs").then().statusCode(202).body("total", equalTo(3)).extract().header("Location");
        var job = awaitWhatIf(location, checker);
        assertEquals(3, job.getInt("processed"));
        assertTrue(job.getString("finishedAt") != null, "a finished job says when");
        assertEquals(3, job.getInt("result.deals"));
        Map<String, Money> whatIfCurrent = new java.util.TreeMap<>();
        Map<String, Money> whatIfProposed = new java.util.TreeMap<>();
        for (Map<String, String> p : job.<Map<String, String>>getList("result.partners")) {
            whatIfCurrent.put(p.get("partnerId"), Money.of(p.get("current"), "EUR"));
            whatIfProposed.put(p.get("partnerId"), Money.of(p.get("proposed"), "EUR"));
        }
        assertEquals(previewBefore, whatIfCurrent, "what-if 'current' = preview 'before'");
        assertEquals(previewAfter, whatIfProposed, "what-if 'proposed' = preview 'after'");

        // four eyes on the canonical identity
        given().header("Authorization", maker).post("/reattribution-runs/" + runId + "/apply").then().statusCode(403)
                .body("type", equalTo("urn:partnerflow:problem:four-eyes"));
        given().header("Authorization", makerAgain).post("/reattribution-runs/" + runId + "/apply").then().statusCode(403);
        given().header("Authorization", checker).post("/reattribution-runs/" + runId + "/apply").then().statusCode(202)
                .body("status", equalTo("applying")).body("processed", equalTo(0));

        // the background job: a chunk of 2, then an "interruption" (all state is in the database), then the rest
        assertEquals(2, runJob.step(2));
        given().header("Authorization", checker).get("/reattribution-runs/" + runId).then().statusCode(200)
                .body("status", equalTo("applying")).body("processed", equalTo(2));
        assertEquals(1, runJob.step(2));
        assertEquals(0, runJob.step(2));
        given().header("Authorization", checker).get("/reattribution-runs/" + runId).then().statusCode(200)
                .body("status", equalTo("applied")).body("processed", equalTo(3)).body("skipped", equalTo(0));
        given().header("Authorization", checker).post("/reattribution-runs/" + runId + "/apply").then().statusCode(202)
                .body("status", equalTo("applied"));                                          // applying twice: nothing more

        List<ConsumerRecord<String, String>> out = TestSupport.await("attribution.events", r -> deals.contains(r.key())
                && "partnerflow.deal.reattributed.v1".equals(header(r, "ce_type")), 3, Duration.ofSeconds(30));
        assertEquals(3, out.size());
        assertEquals(3, reattributedInOutbox(deals), "each previewed deal published exactly once");
        Map<String, Money> published = new java.util.TreeMap<>();
        for (var r : out) {
            var re = EventJson.readString(r.value(), io.partnerflow.contracts.attribution.DealReattributed.class);
            assertEquals(runId, re.runId());
            assertEquals(re.attributionId(), header(r, "ce_id"));
            re.credits().forEach(c -> published.merge(c.partnerId(), c.amount(), Money::plus));
        }
        previewAfter.values().removeIf(m -> m.amount().signum() == 0);
        assertEquals(previewAfter, published, "what apply publishes is what the preview showed");

        // the data moves after a preview (an immediate re-attribution) → apply refuses with 409, publishes nothing
        body.put("modelName", "default");
        String run2 = given().header("Authorization", maker).contentType(ContentType.JSON).body(body).post("/reattribution-runs")
                .then().statusCode(201).body("preview.changed", equalTo(3)).extract().path("runId");
        given().header("Authorization", checker).contentType(ContentType.JSON).body(body).post("/reattributions")
                .then().statusCode(200).body("changed", equalTo(3));
        given().header("Authorization", checker).post("/reattribution-runs/" + run2 + "/apply").then().statusCode(409);
        given().header("Authorization", checker).post("/reattribution-runs/" + run2 + "/cancel").then().statusCode(200)
                .body("status", equalTo("cancelled"));
        assertEquals(0, runJob.step(10));
    }

    @Test
    void revenueAndPipelineReportsGroupByTierRegionTypeAndPeriodToTheCent() throws Exception {
        // the golden sample's three partners: two made known through partner.events, the third stays unknown
        String p1 = "3f2c1a8e-5b7d-4c9e-9a1f-2d6b8e4c7a10";
        String p2 = "7a9e4b21-0c3d-4f58-b6e2-91d4c8a5f302";
        String p3 = "c81d5e7f-2a94-4b3c-8f61-5e0a7d2b9c44";
        registerPartner(p1, "reseller", "DE", "gold");
        registerPartner(p2, "referral", "US", "silver");
        String julyDeal = UUID.randomUUID().toString();
        String augustDeal = UUID.randomUUID().toString();
        send(julyDeal, closedWon(julyDeal, "2031-07-10T10:00:00Z", "DE"), UUID.randomUUID().toString(), CLOSED_WON);
        send(augustDeal, closedWon(augustDeal, "2031-08-20T10:00:00Z", "DE"), UUID.randomUUID().toString(), CLOSED_WON);
        Map<String, Money> byGroup = new java.util.TreeMap<>();                  // "dimension|group|role" → expected
        Map<String, String> tier = Map.of(p1, "gold", p2, "silver", p3, "unknown");
        Map<String, String> region = Map.of(p1, "emea", p2, "amer", p3, "unknown");
        Map<String, String> type = Map.of(p1, "reseller", p2, "referral", p3, "unknown");
        for (String deal : List.of(julyDeal, augustDeal)) {
            DealAttributed a = EventJson.readString(attributed(deal, 1).get(0).value(), DealAttributed.class);
            String month = deal.equals(julyDeal) ? "2031-07" : "2031-08";
            for (Credit c : a.credits()) {
                byGroup.merge("tier|" + tier.get(c.partnerId()) + "|" + c.role(), c.amount(), Money::plus);
                byGroup.merge("region|" + region.get(c.partnerId()) + "|" + c.role(), c.amount(), Money::plus);
                byGroup.merge("partner-type|" + type.get(c.partnerId()) + "|" + c.role(), c.amount(), Money::plus);
                byGroup.merge("month|" + month + "|" + c.role(), c.amount(), Money::plus);
                byGroup.merge("quarter|2031-Q3|" + c.role(), c.amount(), Money::plus);
            }
        }
        String fin = bearer("fin-reports", "finance");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        for (String by : List.of("tier", "region", "partner-type", "month", "quarter")) {
            Map<String, Money> actual = new java.util.TreeMap<>();
            while (true) {
                actual.clear();
                for (Map<String, Object> g : given().header("Authorization", fin).queryParam("from", "2031-07-01T00:00:00Z")
                        .queryParam("to", "2031-10-01T00:00:00Z").queryParam("by", by).get("/reports/revenue")
                        .then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("groups")) {
                    assertEquals("EUR", g.get("currency"));
                    actual.put(by + "|" + g.get("group") + "|" + g.get("role"), Money.of((String) g.get("amount"), "EUR"));
                }
                Map<String, Money> expected = new java.util.TreeMap<>(byGroup);
                expected.keySet().removeIf(k -> !k.startsWith(by + "|"));
                if (expected.equals(actual) || System.nanoTime() > deadline) {   // partner.events may still be on the way
                    assertEquals(expected, actual, "revenue by " + by);
                    break;
                }
                Thread.sleep(100);
            }
        }
        given().header("Authorization", fin).queryParam("from", "2031-07-01T00:00:00Z").queryParam("to", "2031-10-01T00:00:00Z")
                .queryParam("by", "month").get("/reports/revenue").then().statusCode(200)
                .body("groups.findAll { it.group == '2031-07' }.deals", org.hamcrest.Matchers.everyItem(equalTo(1)));
        // staff only; bad input names the field
        given().header("Authorization", TestSupport.partnerBearer("p", p1)).queryParam("from", "2031-07-01T00:00:00Z")
                .queryParam("to", "2031-10-01T00:00:00Z").queryParam("by", "tier").get("/reports/revenue").then().statusCode(403);
        given().header("Authorization", TestSupport.partnerBearer("p", p1)).queryParam("by", "tier").get("/reports/pipeline")
                .then().statusCode(403);
        given().header("Authorization", fin).queryParam("from", "2031-07-01T00:00:00Z").queryParam("to", "2031-10-01T00:00:00Z")
                .queryParam("by", "planet").get("/reports/revenue").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("by"));
        given().header("Authorization", fin).queryParam("by", "month").get("/reports/pipeline").then().statusCode(400)
                .body("errors.field", hasItem("by"));
        // pipeline: grouping moves money between groups, never creates or loses it
        Map<String, Money> perPartner = pipelineTotals(fin, "partner");
        Map<String, Money> perTier = pipelineTotals(fin, "tier");
        assertEquals(perPartner, perTier);
    }

    /** Open pipeline per "currency|role" summed over the groups of one dimension. */
    static Map<String, Money> pipelineTotals(String token, String by) {
        Map<String, Money> out = new java.util.TreeMap<>();
        for (Map<String, Object> g : given().header("Authorization", token).queryParam("by", by).get("/reports/pipeline")
                .then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("groups")) {
            out.merge(g.get("currency") + "|" + g.get("role"), Money.of((String) g.get("amount"), (String) g.get("currency")), Money::plus);
        }
        return out;
    }

    static void registerPartner(String partnerId, String type, String country, String tier) throws java.io.IOException {
        try (InputStream in = AttributionFlowTest.class.getResourceAsStream("/samples/partner.registered.v1.json")) {
            ObjectNode p = (ObjectNode) EventJson.mapper().readTree(in);
            p.put("partnerId", partnerId);
            p.put("type", type);
            p.put("country", country);
            p.put("tier", tier);
            String json = EventJson.mapper().writeValueAsString(p);
            assertEquals(List.of(), ContractValidator.validate("partnerflow.partner.registered.v1", json));
            Map<String, String> h = new HashMap<>();
            h.put("ce_id", UUID.randomUUID().toString());
            h.put("ce_type", "partnerflow.partner.registered.v1");
            h.put("ce_source", "/partnerflow/partner-service");
            h.put("ce_time", "2031-01-01T00:00:00Z");
            h.put("ce_subject", partnerId);
            h.put("ce_specversion", "1.0");
            TestSupport.send("partner.events", partnerId, json, h);
        }
    }

    @Test
    void whatIfComparesCurrentAndProposedCreditsWithoutPublishing() {
        String dealId = UUID.randomUUID().toString();
        send(dealId, closedWon(dealId, "2029-03-15T10:00:00Z", "DE"), UUID.randomUUID().toString(), CLOSED_WON);
        DealAttributed a = EventJson.readString(attributed(dealId, 1).get(0).value(), DealAttributed.class);
        var result = given().header("Authorization", bearer("fin", "finance")).contentType(ContentType.JSON)
                .body(Map.of("from", "2029-03-01T00:00:00Z", "to", "2029-04-01T00:00:00Z", "proposed", Map.of("kind", "LAST_TOUCH")))
                .post("/what-if").then().statusCode(200).body("deals", equalTo(1)).extract().jsonPath();
        List<Map<String, String>> partners = result.getList("partners");
        Money current = Money.zero("EUR");
        Money proposed = Money.zero("EUR");
        for (Map<String, String> p : partners) {
            current = current.plus(Money.of(p.get("current"), "EUR"));
            proposed = proposed.plus(Money.of(p.get("proposed"), "EUR"));
            assertEquals(Money.of(p.get("proposed"), "EUR").minus(Money.of(p.get("current"), "EUR")), Money.of(p.get("delta"), "EUR"));
        }
        assertEquals(a.deal().amount(), current);
        assertEquals(a.deal().amount(), proposed);
        assertEquals(1, partners.stream().filter(p -> !p.get("proposed").equals("0.00")).count(), "last touch: one partner");
        assertEquals(1, TestSupport.await("attribution.events", r -> dealId.equals(r.key()), 2, Duration.ofSeconds(3)).size(),
                "what-if publishes nothing");
    }

    @Test
    void openDealsCountAsInfluencedPipelineUntilTheyClose() throws Exception {
        String dealId = UUID.randomUUID().toString();
        ObjectNode won = (ObjectNode) EventJson.mapper().readTree(closedWon(dealId, "2026-09-01T10:00:00Z", "DE"));
        ObjectNode open = won.deepCopy();
        open.remove("closedAt");
        open.put("stage", "negotiation");
        open.put("status", "open");
        open.put("updatedAt", "2026-08-20T10:00:00Z");
        open.put("expectedCloseDate", "2026-09-30");
        String partner = open.get("touchpoints").get(0).get("partnerId").asText();
        String pipelineJson = EventJson.mapper().writeValueAsString(open);
        List<String> problems = ContractValidator.validate("partnerflow.deal.pipeline-updated.v1", pipelineJson);
        assertEquals(List.of(), problems);
        int untouched = pipelineDeals(partner); // the partner's other open deals (earlier tests leave some)
        send(dealId, pipelineJson, UUID.randomUUID().toString(), "partnerflow.deal.pipeline-updated.v1");
        // wait for THIS deal's credits: the partner's count alone can already be >= 1 from other deals
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !pipelineRevisions(dealId).isEmpty());
        assertEquals(untouched + 1, pipelineDeals(partner), "the open deal counts once in the partner's pipeline");
        send(dealId, EventJson.mapper().writeValueAsString(won), UUID.randomUUID().toString(), CLOSED_WON);
        attributed(dealId, 1);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> pipelineRevisions(dealId).isEmpty());
        assertEquals(untouched, pipelineDeals(partner), "the closed deal left the partner's pipeline");
    }

    @Test
    void pipelineUpdatesOfOneBatchKeepTheNewestRevisionPerDealAndACloseRemovesTheDeal() throws Exception {
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        String key = "pipeline-batch-" + UUID.randomUUID(); // one key: one partition, this order
        sendKeyed(key, a, open(a, 2, "2026-08-20T10:00:00Z"), "partnerflow.deal.pipeline-updated.v1");
        sendKeyed(key, a, open(a, 3, "2026-08-21T10:00:00Z"), "partnerflow.deal.pipeline-updated.v1");
        sendKeyed(key, a, open(a, 1, "2026-08-19T10:00:00Z"), "partnerflow.deal.pipeline-updated.v1"); // stale
        sendKeyed(key, b, open(b, 1, "2026-08-20T10:00:00Z"), "partnerflow.deal.pipeline-updated.v1");
        sendKeyed(key, b, closedWon(b, "2026-09-01T10:00:00Z", "DE"), CLOSED_WON);
        attributed(b, 1);
        // the close is the last record of the partition: everything before it is applied
        assertEquals(List.of(3L), pipelineRevisions(a), "deal a: revision 3 only, the older revision 1 did not win");
        assertEquals(List.of(), pipelineRevisions(b), "deal b closed: no provisional credit left");
    }

    /** An open (pipeline-updated) snapshot of the golden deal at {@code revision}, updated at {@code updatedAt}. */
    static String open(String dealId, long revision, String updatedAt) throws Exception {
        ObjectNode open = (ObjectNode) EventJson.mapper().readTree(closedWon(dealId, "2026-09-01T10:00:00Z", "DE"));
        open.remove("closedAt");
        open.put("revision", revision);
        open.put("stage", "negotiation");
        open.put("status", "open");
        open.put("updatedAt", updatedAt);
        open.put("expectedCloseDate", "2026-09-30");
        String json = EventJson.mapper().writeValueAsString(open);
        assertEquals(List.of(), ContractValidator.validate("partnerflow.deal.pipeline-updated.v1", json));
        return json;
    }

    static void sendKeyed(String key, String dealId, String json, String type) {
        TestSupport.send("deal.events", key, json, headers(dealId, UUID.randomUUID().toString(), type));
    }

    static List<Long> pipelineRevisions(String dealId) throws Exception {
        return longs("select distinct revision from pipeline_credit where deal_id = ? order by revision", dealId);
    }

    /** The first column of each row of a query with one text parameter, as longs. */
    static List<Long> longs(String sql, String param) throws Exception {
        try (java.sql.Connection c = TestSupport.jdbc(); java.sql.PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, param);
            List<Long> out = new java.util.ArrayList<>();
            try (java.sql.ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        }
    }

    static int pipelineDeals(String partner) {
        List<Integer> deals = given().header("Authorization", bearer("cm", "channel-manager"))
                .get("/reports/partners/" + partner + "/pipeline").then().statusCode(200).extract().path("deals");
        return deals.stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * One poll of 150 won deals (more than one chunk of work) with, on one key in offset order: deal X won, X refunded,
     * X's revision 2 won (stored, not attributed again), and a redelivered event id: every deal attributed once, the
     * refund reverses the attribution made earlier in the same poll, nothing twice.
     */
    @Test
    void aPollOfManyClosedWonDealsIsAttributedOnceEachAndKeepsOffsetOrderPerKey() throws Exception {
        String key = "attr-poll-" + UUID.randomUUID();
        String x = UUID.randomUUID().toString();
        List<String> deals = new java.util.ArrayList<>();
        List<TestSupport.Outgoing> poll = new java.util.ArrayList<>();
        String redelivered = UUID.randomUUID().toString();
        for (int i = 0; i < 150; i++) {
            String dealId = UUID.randomUUID().toString();
            deals.add(dealId);
            poll.add(outgoing(dealId, closedWon(dealId, "2026-05-04T12:00:00Z", "DE"), i == 5 ? redelivered : UUID.randomUUID().toString(), CLOSED_WON));
            if (i == 10) {
                poll.add(outgoing(x, closedWon(x, "2026-05-04T12:00:00Z", "DE"), UUID.randomUUID().toString(), CLOSED_WON));
            } else if (i == 20) {
                Money amount = EventJson.readString(closedWon(x, "2026-05-04T12:00:00Z", "DE"),
                        io.partnerflow.contracts.deal.DealClosedWon.class).amount();
                poll.add(outgoing(x, refund(x, amount, "2026-05-04T12:00:00Z"), UUID.randomUUID().toString(), REVERSED));
            } else if (i == 30) {
                ObjectNode rev2 = (ObjectNode) EventJson.mapper().readTree(closedWon(x, "2026-05-04T12:00:00Z", "DE"));
                rev2.put("revision", 2);
                poll.add(outgoing(x, EventJson.mapper().writeValueAsString(rev2), UUID.randomUUID().toString(), CLOSED_WON));
            } else if (i == 140) {
                poll.add(outgoing(deals.get(5), closedWon(deals.get(5), "2026-05-04T12:00:00Z", "DE"), redelivered, CLOSED_WON));
            }
        }
        TestSupport.sendTogether("deal.events", key, poll);

        java.util.Set<String> all = new java.util.HashSet<>(deals);
        all.add(x);
        java.util.function.Predicate<ConsumerRecord<String, String>> ours = r -> all.contains(r.key())
                && "partnerflow.deal.attributed.v1".equals(header(r, "ce_type"));
        assertEquals(all.size(), TestSupport.await("attribution.events", ours, all.size(), Duration.ofSeconds(60)).size());
        List<ConsumerRecord<String, String>> attributed = TestSupport.await("attribution.events", ours, all.size() + 1,
                Duration.ofSeconds(3));
        assertEquals(all.size(), attributed.size(), "one deal.attributed per deal, none twice");
        assertEquals(all, attributed.stream().map(ConsumerRecord::key).collect(java.util.stream.Collectors.toSet()));
        DealAttributed ofX = attributed.stream().filter(r -> x.equals(r.key()))
                .map(r -> EventJson.readString(r.value(), DealAttributed.class)).findFirst().orElseThrow();
        assertEquals(1, ofX.deal().revision(), "the first revision is attributed, revision 2 only stored");
        List<ConsumerRecord<String, String>> reversed = TestSupport.await("attribution.events", r -> x.equals(r.key())
                && "partnerflow.deal.attribution-reversed.v1".equals(header(r, "ce_type")), 1, Duration.ofSeconds(10));
        assertEquals(ofX.attributionId(), EventJson.readString(reversed.get(0).value(), DealAttributionReversed.class).attributionId(),
                "the refund, after the win in the same poll, reverses that win's attribution");
        assertEquals(List.of(1L, 2L), snapshotRevisions(x));
        try (java.sql.Connection c = TestSupport.jdbc(); java.sql.PreparedStatement st = c.prepareStatement(
                "select count(*), count(distinct deal_id) from attribution where deal_id = any(?) and active")) {
            st.setArray(1, c.createArrayOf("varchar", all.toArray()));
            try (java.sql.ResultSet rs = st.executeQuery()) {
                rs.next();
                assertEquals(all.size(), rs.getInt(1), "one active attribution per deal");
                assertEquals(all.size(), rs.getInt(2));
            }
        }
    }

    static TestSupport.Outgoing outgoing(String dealId, String json, String eventId, String type) {
        return new TestSupport.Outgoing(json, headers(dealId, eventId, type));
    }

    /** The CloudEvents headers deal-service's outbox gives a deal event. */
    static Map<String, String> headers(String dealId, String eventId, String type) {
        Map<String, String> h = new HashMap<>();
        h.put("ce_id", eventId);
        h.put("ce_type", type);
        h.put("ce_source", "/partnerflow/deal-service");
        h.put("ce_time", "2026-03-10T12:00:00Z");
        h.put("ce_subject", dealId);
        h.put("ce_specversion", "1.0");
        return h;
    }

    /** A refund of 1000.01 EUR on line 1 of the golden deal of {@code original} amount closed at {@code closedAt}. */
    static String refund(String dealId, Money original, String closedAt) {
        String reversal = """
                {"reversalId":"%s","dealId":"%s","crmDealId":"X-1","kind":"refund","revision":1,
                 "reason":"customer returned seats","closedAt":"%s","reversedAt":"2026-06-01T09:00:00Z",
                 "originalAmount":%s,"amountDelta":{"amount":"-1000.01","currency":"EUR"},
                 "newAmount":{"amount":"%s","currency":"EUR"},
                 "lines":[{"lineNumber":1,"sku":"NWC-PLAT-ENT-1Y","category":"software","quantityDelta":"-6","amountDelta":{"amount":"-1000.01","currency":"EUR"}}]}"""
                .formatted(UUID.randomUUID(), dealId, closedAt, EventJson.writeString(original),
                        original.minus(Money.of("1000.01", "EUR")).amountString());
        assertEquals(List.of(), ContractValidator.validate(REVERSED, reversal));
        return reversal;
    }

    static List<Long> snapshotRevisions(String dealId) throws Exception {
        return longs("select revision from deal_snapshot where deal_id = ? order by revision", dealId);
    }

    @Test
    void invalidModelsAreRefusedWithProblemJson() {
        given().header("Authorization", bearer("cm", "channel-manager")).contentType(ContentType.JSON)
                .body(Map.of("name", "bad-u", "config", Map.of("kind", "POSITION_BASED",
                        "shares", Map.of("FIRST", "0.5", "LAST", "0.5", "MIDDLE", "0.2"))))
                .post("/models").then().statusCode(422).contentType("application/problem+json");
        given().header("Authorization", bearer("p", "partner")).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "config", Map.of("kind", "LINEAR")))
                .post("/models").then().statusCode(403);
    }

    @Test
    void aPartnerReadsOnlyItsOwnCredits() {
        given().header("Authorization", TestSupport.partnerBearer("p", "partner-a")).get("/partners/partner-b/credits")
                .then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", TestSupport.partnerBearer("p", "partner-a")).get("/attributions/deals/any")
                .then().statusCode(403);
    }

    /** Polls a what-if job until it is done (bounded: 30 s). */
    static io.restassured.path.json.JsonPath awaitWhatIf(String location, String token) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            var job = given().header("Authorization", token).get(java.net.URI.create(location).getPath())
                    .then().statusCode(200).extract().jsonPath();
            if (!"running".equals(job.getString("status")) || System.nanoTime() > deadline) {
                assertEquals("done", job.getString("status"), "what-if job " + location);
                return job;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** deal.reattributed rows the service wrote to its outbox for these deals (what the relay publishes). */
    static int reattributedInOutbox(List<String> dealIds) {
        try (var c = TestSupport.jdbc(); var st = c.prepareStatement(
                "select count(*) from outbox_event where type like '%.deal.reattributed.%' and aggregate_id = any(?)")) {
            st.setArray(1, c.createArrayOf("varchar", dealIds.toArray()));
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<ConsumerRecord<String, String>> attributed(String dealId, int n) {
        List<ConsumerRecord<String, String>> out = TestSupport.await("attribution.events",
                r -> dealId.equals(r.key()) && "partnerflow.deal.attributed.v1".equals(header(r, "ce_type")), n, Duration.ofSeconds(30));
        assertEquals(n, out.size(), "deal.attributed for " + dealId);
        return out;
    }

    static void send(String dealId, String json, String eventId, String type) {
        TestSupport.send("deal.events", dealId, json, headers(dealId, eventId, type));
    }

    /** The golden closed-won sample as a new deal: revision 1, closing at {@code closedAt}, touches before it. */
    static String closedWon(String dealId, String closedAt, String country) {
        try (InputStream in = AttributionFlowTest.class.getResourceAsStream("/samples/deal.closed-won.v1.json")) {
            ObjectNode d = (ObjectNode) EventJson.mapper().readTree(in);
            d.put("dealId", dealId);
            d.put("revision", 1);
            java.time.Instant close = java.time.Instant.parse(closedAt);
            java.time.Instant oldClose = java.time.Instant.parse(d.get("closedAt").asText());
            Duration shift = Duration.between(oldClose, close);
            d.put("closedAt", closedAt);
            d.put("createdAt", java.time.Instant.parse(d.get("createdAt").asText()).plus(shift).toString());
            ((ObjectNode) d.get("customer")).put("country", country);
            for (JsonNode t : (ArrayNode) d.get("touchpoints")) {
                ((ObjectNode) t).put("occurredAt", java.time.Instant.parse(t.get("occurredAt").asText()).plus(shift).toString());
            }
            if (d.has("registration") && d.get("registration").isObject()) {
                ObjectNode reg = (ObjectNode) d.get("registration");
                reg.put("approvedAt", java.time.Instant.parse(reg.get("approvedAt").asText()).plus(shift).toString());
                reg.put("protectedUntil", java.time.Instant.parse(reg.get("protectedUntil").asText()).plus(shift).toString());
            }
            String json = EventJson.mapper().writeValueAsString(d);
            assertEquals(List.of(), ContractValidator.validate(CLOSED_WON, json));
            return json;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
