package io.partnerflow.analytics;

import io.partnerflow.contracts.EventJson;
import io.partnerflow.contracts.EventType;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.partnerflow.analytics.Events.Credit;
import static io.partnerflow.analytics.Events.awaitApplied;
import static io.partnerflow.analytics.Events.cm;
import static io.partnerflow.analytics.Events.count;
import static io.partnerflow.analytics.Events.partnerUser;
import static io.partnerflow.analytics.Events.send;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Predictions trained on a known synthetic history that reaches the service as events (2040–2042 are this test's
 * alone): twelve steady partners and twelve that decline by 60 % a quarter from a staggered start until they stop.
 * The backtest must beat a random score; scores name their model version and drivers; partners see only their own.
 */
@QuarkusTest
class PredictionTest {
    static final int QUARTERS = 12; // 2040-Q1 … 2042-Q4

    static Instant dayOf(int quarter, int day) {
        return LocalDate.of(2040 + quarter / 4, 1 + 3 * (quarter % 4), 1).plusDays(day).atTime(10, 0).toInstant(ZoneOffset.UTC);
    }

    static void deal(List<String> ids, String partner, long amount, Instant closedAt) {
        String deal = UUID.randomUUID().toString();
        ids.add(send(EventType.DEAL_ATTRIBUTED, deal, Events.attributed(Events.attr(deal), deal, closedAt, "USD",
                List.of(new Credit(partner, "sourced", amount + ".00")))));
    }

    @Test
    void aModelTrainedOnALearnableHistoryBeatsARandomScoreAndEveryScoreNamesItsVersionAndDrivers() throws Exception {
        List<String> ids = new ArrayList<>();
        List<String> steady = new ArrayList<>();
        List<String> decliners = new ArrayList<>();
        for (int p = 0; p < 12; p++) {
            String id = UUID.randomUUID().toString();
            steady.add(id);
            for (int q = 0; q < QUARTERS; q++) {
                long amount = 8000 + ((p * 7 + q * 13) % 9) * 500L; // 8,000 … 12,000, never a drop beyond half
                deal(ids, id, amount / 2, dayOf(q, 10 + p));
                deal(ids, id, amount - amount / 2, dayOf(q, 50 + p));
            }
        }
        for (int p = 0; p < 12; p++) {
            String id = UUID.randomUUID().toString();
            decliners.add(id);
            int start = 3 + (p % 8); // quarter of the first drop: 3 … 10
            double revenue = 10000;
            for (int q = 0; q < QUARTERS; q++) {
                if (q >= start) {
                    revenue *= 0.4;
                }
                if (revenue >= 300) {
                    deal(ids, id, Math.round(revenue), dayOf(q, 20 + p));
                }
            }
        }
        // pipeline: an open deal, and a deal first open then lost (a later revision wins, the open stage is kept)
        String open = UUID.randomUUID().toString();
        String lost = UUID.randomUUID().toString();
        ids.add(send(EventType.DEAL_PIPELINE_UPDATED, open, Events.pipeline(open, 1, "open", "Negotiation", "5000.00",
                dayOf(11, 5), dayOf(11, 6), steady.get(0))));
        ids.add(send(EventType.DEAL_PIPELINE_UPDATED, lost, Events.pipeline(lost, 1, "open", "Proposal", "7000.00",
                dayOf(10, 5), dayOf(10, 6), steady.get(1))));
        ids.add(send(EventType.DEAL_PIPELINE_UPDATED, lost, Events.pipeline(lost, 2, "closed_lost", "Closed Lost", "7000.00",
                dayOf(10, 5), dayOf(10, 40), steady.get(1))));
        awaitApplied(ids);
        assertEquals(1, count("select count(*) from pipeline_deal where deal_id = ? and status = 'open' and open_stage = 'Negotiation'"
                + " and partners = ?", open, steady.get(0)));
        assertEquals(1, count("select count(*) from pipeline_deal where deal_id = ? and status = 'closed_lost'"
                + " and open_stage = 'Proposal' and closed_on = date '2042-08-10'", lost));

        // backtest: trained through 2042-Q3, tested on 2042-Q4
        ValidatableResponse backtest = cm().get("/predictions/backtest?through=2042-Q4").then().statusCode(200)
                .body("trainedThrough", equalTo("2042-Q3")).body("tested", equalTo("2042-Q4"))
                .body("testRows", greaterThanOrEqualTo(15)).body("atRiskInTest", greaterThanOrEqualTo(2))
                .body("mape", notNullValue()).body("baselineMape", notNullValue()).body("baselineAuc", notNullValue());
        double auc = backtest.extract().jsonPath().getDouble("auc");
        assertTrue(auc > 0.75, "the model must beat a random score (0.5) by a margin: AUC " + auc);

        // train and score 2043-Q1
        int version = cm().post("/predictions/models?through=2042-Q4").then().statusCode(200)
                .body("target", equalTo("2043-Q1")).body("trainingRows", greaterThan(100)).body("scored", greaterThanOrEqualTo(15))
                .extract().path("modelVersion");
        assertEquals(1, count("select count(*) from prediction_model where version = ? and length(atrisk_model) > 100", version));
        cm().get("/predictions/models").then().statusCode(200).body("[0].version", equalTo(version));

        String healthy = steady.get(3);
        String declining = decliners.get(7); // first drop in 2042-Q3 (start 10): still selling, falling fast
        double healthyRisk = cm().get("/predictions/partners/" + healthy).then().statusCode(200)
                .body("modelVersion", equalTo(version)).body("quarter", equalTo("2043-Q1"))
                .body("drivers", hasSize(3)).body("drivers[0].feature", notNullValue())
                .body("forecast.currency", equalTo("USD")).body("forecastLow.currency", equalTo("USD"))
                .extract().jsonPath().getDouble("atRisk");
        double decliningRisk = cm().get("/predictions/partners/" + declining).then().statusCode(200)
                .body("modelVersion", equalTo(version)).extract().jsonPath().getDouble("atRisk");
        assertTrue(decliningRisk > healthyRisk + 0.2, "declining " + decliningRisk + " vs steady " + healthyRisk);
        var f = cm().get("/predictions/partners/" + healthy).then().extract().jsonPath();
        assertTrue(f.getDouble("forecastLow.amount") <= f.getDouble("forecast.amount")
                && f.getDouble("forecast.amount") <= f.getDouble("forecastHigh.amount"), "interval around the point");
        cm().get("/predictions/at-risk?limit=5").then().statusCode(200).body("modelVersion", equalTo(version))
                .body("partners", hasSize(5)).body("partners[0].modelVersion", equalTo(version));
        cm().get("/predictions/forecast").then().statusCode(200).body("program.forecast.currency", equalTo("USD"))
                .body("program.partners", greaterThanOrEqualTo(15)).body("program.intervalLevel", equalTo(0.9f));

        // partner scoping: its own score, nobody else's, no program-wide lists, no training
        partnerUser(healthy).get("/predictions/partners/" + healthy).then().statusCode(200).body("partnerId", equalTo(healthy));
        partnerUser(healthy).get("/predictions/partners/" + declining).then().statusCode(404);
        partnerUser(healthy).get("/predictions/at-risk").then().statusCode(403);
        partnerUser(healthy).get("/predictions/forecast").then().statusCode(403);
        partnerUser(healthy).get("/predictions/backtest").then().statusCode(403);
        partnerUser(healthy).post("/predictions/models").then().statusCode(403);
        given().contentType(ContentType.JSON).get("/predictions/partners/" + healthy).then().statusCode(401);

        // segments read the latest model's scores: migration V6_1 added a rule set with "at-risk" and "struggling"
        // (version 1 intact); made current here again, as other test classes PUT their own rules
        List<Map<String, Object>> withScores = List.of(
                Map.of("code", "top-performers", "name", "Top performers", "metric", "revenue", "topPercent", 10),
                Map.of("code", "rising-stars", "name", "Rising stars", "metric", "revenue-growth-qoq", "op", "gt", "value", "50"),
                Map.of("code", "at-risk", "name", "At risk", "metric", "at-risk-probability", "op", "gte", "value", "0.6"),
                Map.of("code", "struggling", "name", "Struggling", "metric", "revenue-growth-qoq", "op", "lt", "value", "-30"),
                Map.of("code", "dormant", "name", "Dormant", "metric", "days-since-last-deal", "op", "gte", "value", "90"));
        assertEquals(1, count("select count(*) from segment_rule_set where created_by = 'migration' and version > 1"
                + " and cast(rules as jsonb) = cast(? as jsonb)", EventJson.writeString(withScores)));
        assertEquals(1, count("select count(*) from segment_rule_set where version = 1 and rules not like '%at-risk%'"));
        cm().body(Map.of("rules", withScores, "defaultCode", "steady", "defaultName", "Steady")).put("/segment-rules").then().statusCode(200);
        String riskiest = cm().get("/predictions/at-risk?limit=1").then().statusCode(200).extract().path("partners[0].partnerId");
        double riskiestScore = cm().get("/predictions/partners/" + riskiest).then().extract().jsonPath().getDouble("atRisk");
        assertTrue(riskiestScore >= 0.6, "the riskiest partner scores at least 0.6: " + riskiestScore);
        assertTrue(healthyRisk < 0.6, "the steady partner scores below 0.6: " + healthyRisk);
        cm().post("/segments/evaluations?period=2043-Q1").then().statusCode(200);
        cm().get("/segments/" + riskiest).then().statusCode(200).body("segment", equalTo("at-risk"))
                .body("reason", startsWith("at-risk probability "))
                .body("reason", containsString(" (prediction model v" + version + ") (≥ 0.6)"));
        // the steady partner sold 9,000.00 in 2042-Q4 and nothing in 2043-Q1: struggling, not at risk
        cm().get("/segments/" + healthy).then().statusCode(200).body("segment", equalTo("struggling"))
                .body("reason", startsWith("revenue growth -100 % QoQ (9000.00 → 0"))
                .body("reason", containsString("USD) (< -30 %)"));

        // bad input: a month where a quarter is needed, nothing trained
        cm().post("/predictions/models?through=2042-07").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("quarter")).body("errors[0].field", equalTo("through"));
        assertEquals(version, count("select max(version) from prediction_model"));
    }
}
