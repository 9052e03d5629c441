package io.partnerflow.incentive;

import io.partnerflow.contracts.ContractValidator;
import io.partnerflow.contracts.EventJson;
import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.reference.FxRateCorrected;
import io.partnerflow.testing.TestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.partnerflow.incentive.Fixtures.count;
import static io.partnerflow.incentive.Fixtures.fxRate;
import static io.partnerflow.incentive.Fixtures.staff;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A published FX rate is never overwritten: a correction or a withdrawal is a new audited version naming the one it
 * replaces, published as fx.rate-corrected on reference.events.
 */
@QuarkusTest
class FxCorrectionTest {
    private static RequestSpecification finance() {
        return given().header("Authorization", TestSupport.bearer("fin-fx", "finance")).contentType(ContentType.JSON);
    }

    private static FxRateCorrected corrected(String date, int version) {
        List<ConsumerRecord<String, String>> out = TestSupport.await("reference.events",
                r -> "SEK/NOK".equals(r.key()) && EventType.FX_RATE_CORRECTED.type().equals(TestSupport.header(r, "ce_type"))
                        && EventJson.readTree(r.value()).path("date").asText().equals(date)
                        && EventJson.readTree(r.value()).path("version").asInt() == version, 1, Duration.ofSeconds(30));
        if (out.isEmpty()) {
            List<String> seen = TestSupport.await("reference.events", r -> "SEK/NOK".equals(r.key()), 100, Duration.ofSeconds(2))
                    .stream().map(r -> TestSupport.header(r, "ce_type") + " " + r.value()).toList();
            throw new AssertionError("no fx.rate-corrected v" + version + " for " + date + "; SEK/NOK records: " + seen);
        }
        assertEquals(List.of(), ContractValidator.validate(EventType.FX_RATE_CORRECTED, out.get(0).value()), out.get(0).value());
        return EventJson.readString(out.get(0).value(), FxRateCorrected.class);
    }

    @Test
    void aCorrectionIsANewVersionNamingTheReplacedOneAndIsPublished() {
        fxRate("SEK", "NOK", "2042-03-01", "0.9500");
        fxRate("SEK", "NOK", "2042-03-10", "0.9800");
        // the same value again is a no-op; a different value is not an overwrite
        finance().body(Map.of("from", "SEK", "to", "NOK", "date", "2042-03-10", "rate", "0.98")).post("/fx-rates")
                .then().statusCode(200).body("version", equalTo(1));
        finance().body(Map.of("from", "SEK", "to", "NOK", "date", "2042-03-10", "rate", "0.89")).post("/fx-rates")
                .then().statusCode(409).contentType("application/problem+json").body("detail", containsString("corrections"));
        // a correction must name the current version
        finance().body(Map.of("rate", "0.9700", "reason", "typo", "replacesVersion", 2))
                .post("/fx-rates/SEK/NOK/2042-03-10/corrections").then().statusCode(409).body("errors.field", hasItem("replacesVersion"));
        finance().body(Map.of("rate", "0.9700", "replacesVersion", 1))
                .post("/fx-rates/SEK/NOK/2042-03-10/corrections").then().statusCode(400).body("errors.field", hasItem("reason"));
        finance().body(Map.of("rate", "0.9700", "reason", "none", "replacesVersion", 1))
                .post("/fx-rates/SEK/NOK/2042-03-11/corrections").then().statusCode(404);
        assertEquals(1, count("select count(*) from fx_rate_version where from_ccy = 'SEK' and to_ccy = 'NOK' and rate_date = cast(? as date)", "2042-03-10"));

        finance().body(Map.of("rate", "0.9700", "reason", "digits transposed", "replacesVersion", 1))
                .post("/fx-rates/SEK/NOK/2042-03-10/corrections").then().statusCode(201)
                .body("version", equalTo(2)).body("replacesVersion", equalTo(1)).body("rate", equalTo("0.9700"));
        FxRateCorrected c = corrected("2042-03-10", 2);
        assertEquals("corrected", c.action());
        assertEquals(1, c.replacesVersion());
        assertEquals(0, new BigDecimal("0.98").compareTo(c.replacedRate()));
        assertEquals(0, new BigDecimal("0.97").compareTo(c.rate()));
        assertEquals("fin-fx", c.correctedBy());
        given().header("Authorization", staff()).queryParam("from", "SEK").queryParam("to", "NOK").queryParam("date", "2042-03-15")
                .get("/fx-rates").then().statusCode(200).body("rate", equalTo("0.97")).body("version", equalTo(2));

        // withdrawn the same way: conversions fall back to the latest earlier rate
        finance().body(Map.of("reason", "no such fixing was made", "replacesVersion", 2))
                .post("/fx-rates/SEK/NOK/2042-03-10/withdrawal").then().statusCode(201).body("action", equalTo("withdrawn"));
        FxRateCorrected w = corrected("2042-03-10", 3);
        assertNull(w.rate());
        assertEquals(2, w.replacesVersion());
        given().header("Authorization", staff()).queryParam("from", "SEK").queryParam("to", "NOK").queryParam("date", "2042-03-15")
                .get("/fx-rates").then().statusCode(200).body("rate", equalTo("0.95")).body("date", equalTo("2042-03-01"));

        List<Map<String, Object>> versions = given().header("Authorization", staff()).get("/fx-rates/SEK/NOK/2042-03-10/versions")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertEquals(List.of("published", "corrected", "withdrawn"), versions.stream().map(v -> v.get("action")).toList());
        assertEquals(List.of("fin-tests", "fin-fx", "fin-fx"), versions.stream().map(v -> v.get("recordedBy")).toList());
        assertEquals(2, versions.get(2).get("replacesVersion"));
        assertEquals(3, count("select count(*) from config_audit where entity = 'fx_rate' and entity_id = ?", "SEK/NOK@2042-03-10"));
        // the versions are append-only
        try (var conn = TestSupport.jdbc(); var st = conn.createStatement()) {
            org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                    () -> st.executeUpdate("update fx_rate_version set rate = 1 where from_ccy = 'SEK' and to_ccy = 'NOK'"));
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
        // published anew after the withdrawal: the next version, naming the withdrawn one
        finance().body(Map.of("from", "SEK", "to", "NOK", "date", "2042-03-10", "rate", "0.9650")).post("/fx-rates")
                .then().statusCode(201).body("version", equalTo(4));
    }

    @Test
    void whatWasConvertedWithACorrectedOrWithdrawnRateGetsExactDeltas() {
        int year = 2048;
        // other test classes' open-ended programs may pay on this deal too: everything below is filtered by this program
        String code = "fx-delta-" + Fixtures.id().substring(0, 8);
        CommissionFlowTest.tierProgram(code, year);
        String p = Fixtures.id();
        Fixtures.registerPartner(p, "reseller", "CA", "CAD", "gold");
        Fixtures.awaitPartner(p);
        fxRate("EUR", "CAD", year + "-04-01", "1.5000");
        fxRate("EUR", "CAD", year + "-04-10", "1.4800");
        // gold 10% of 1,234.56 EUR = 123.456 EUR x 1.48 = 182.71488 -> 182.71 CAD
        io.partnerflow.contracts.attribution.DealContext d = Fixtures.deal(Fixtures.id(), "Maple", year + "-04-15T10:00:00Z", "CA",
                "new_business", List.of(Fixtures.line(1, "CLOUD-1Y", "cloud", "1", "1234.56", "EUR")));
        Fixtures.send(EventType.DEAL_ATTRIBUTED, Fixtures.attributed(d, "first_touch",
                Fixtures.credit(p, "1.00000000", "sourced", List.of("resale"), d, "1:1234.56")));
        io.partnerflow.contracts.incentive.EarningAccrued e = EventJson.readString(
                Fixtures.earnings(p, Fixtures.ACCRUED, 1, v -> v.contains(code)).get(0).value(), io.partnerflow.contracts.incentive.EarningAccrued.class);
        assertEquals(io.partnerflow.core.money.Money.of("182.71", "CAD"), e.amount());

        // corrected to 1.46: 123.456 x 1.46 = 180.24576 -> 180.25, delta -2.46
        finance().body(Map.of("rate", "1.4600", "reason", "wrong fixing", "replacesVersion", 1))
                .post("/fx-rates/EUR/CAD/" + year + "-04-10/corrections").then().statusCode(201);
        io.partnerflow.contracts.incentive.EarningAdjusted a1 = EventJson.readString(Fixtures.earnings(p, Fixtures.ADJUSTED, 1, v -> v.contains(code)).get(0).value(),
                io.partnerflow.contracts.incentive.EarningAdjusted.class);
        assertEquals("fx_correction", a1.reason());
        assertEquals(e.earningId(), a1.adjustsEarningId());
        assertEquals(io.partnerflow.core.money.Money.of("-2.46", "CAD"), a1.amount());
        assertEquals(io.partnerflow.core.money.Money.of("0.00", "EUR"), a1.originalAmount());
        assertEquals(0, new BigDecimal("1.46").compareTo(a1.fx().rate()));

        // withdrawn: the 04-01 rate applies: 123.456 x 1.5 = 185.184 -> 185.18; paid 180.25 -> +4.93
        finance().body(Map.of("reason", "no fixing that day", "replacesVersion", 2))
                .post("/fx-rates/EUR/CAD/" + year + "-04-10/withdrawal").then().statusCode(201);
        List<io.partnerflow.contracts.incentive.EarningAdjusted> both = Fixtures.earnings(p, Fixtures.ADJUSTED, 2, v -> v.contains(code)).stream()
                .map(r -> EventJson.readString(r.value(), io.partnerflow.contracts.incentive.EarningAdjusted.class)).toList();
        io.partnerflow.contracts.incentive.EarningAdjusted a2 = both.stream().filter(x -> !x.earningId().equals(a1.earningId())).findFirst().orElseThrow();
        assertEquals(io.partnerflow.core.money.Money.of("4.93", "CAD"), a2.amount());
        assertEquals(java.time.LocalDate.parse(year + "-04-01"), a2.fx().rateDate());
        assertEquals(io.partnerflow.core.money.Money.of("185.18", "CAD"), e.amount().plus(a1.amount()).plus(a2.amount()));
        assertEquals(3, count("select count(*) from earning where partner_id = ? and program_id = (select program_id from program where code = ?)",
                p, code));
    }

    @Test
    void aWithdrawalThatWouldLeaveConvertedEarningsWithoutAnyRateIsRefused() {
        int year = 2049;
        String code = "fx-nofallback-" + Fixtures.id().substring(0, 8);
        CommissionFlowTest.tierProgram(code, year);
        String p = Fixtures.id();
        Fixtures.registerPartner(p, "reseller", "AU", "AUD", "gold");
        Fixtures.awaitPartner(p);
        fxRate("EUR", "AUD", year + "-04-10", "1.6500");
        io.partnerflow.contracts.attribution.DealContext d = Fixtures.deal(Fixtures.id(), "Wattle", year + "-04-15T10:00:00Z", "AU",
                "new_business", List.of(Fixtures.line(1, "CLOUD-1Y", "cloud", "1", "1000.00", "EUR")));
        Fixtures.send(EventType.DEAL_ATTRIBUTED, Fixtures.attributed(d, "first_touch",
                Fixtures.credit(p, "1.00000000", "sourced", List.of("resale"), d, "1:1000.00")));
        Fixtures.earnings(p, Fixtures.ACCRUED, 1, v -> v.contains(code));
        finance().body(Map.of("reason", "oops", "replacesVersion", 1))
                .post("/fx-rates/EUR/AUD/" + year + "-04-10/withdrawal").then().statusCode(409).contentType("application/problem+json");
        given().header("Authorization", staff()).queryParam("from", "EUR").queryParam("to", "AUD").queryParam("date", year + "-04-10")
                .get("/fx-rates").then().statusCode(200).body("version", equalTo(1));
        assertEquals(1, count("select count(*) from fx_rate_version where from_ccy = 'EUR' and to_ccy = 'AUD'"));
    }

    @Test
    void badFxInputIsRefusedNamingTheField() {
        finance().body(Map.of("from", "SEK", "to", "NOK", "date", "+57443-04-18", "rate", "1.1")).post("/fx-rates")
                .then().statusCode(400).body("errors.field", hasItem("date"));
        finance().body(Map.of("from", "SEK", "to", "NOK", "date", "2042-04-01", "rate", "1.1", "source", "x".repeat(51)))
                .post("/fx-rates").then().statusCode(400).body("errors.field", hasItem(containsString("source")));
        finance().body(Map.of("rate", "0", "reason", "zero", "replacesVersion", 1))
                .post("/fx-rates/SEK/NOK/2042-03-01/corrections").then().statusCode(400).body("errors.field", hasItem("rate"));
        assertEquals(0, count("select count(*) from fx_rate where from_ccy = 'SEK' and rate_date = cast(? as date)", "2042-04-01"));
        // a malformed date parameter is named, not a bare "HTTP 400" / 404
        given().header("Authorization", staff()).queryParam("from", "SEK").queryParam("to", "NOK").queryParam("date", "tomorrow")
                .get("/fx-rates").then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("date"));
        finance().body(Map.of("rate", "1.1", "reason", "x", "replacesVersion", 1))
                .post("/fx-rates/SEK/NOK/20261204/corrections").then().statusCode(400).body("errors.field", hasItem("date"));
    }
}
