package io.partnerflow.payout;

import io.partnerflow.platform.time.AdjustableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.partnerflow.payout.Api.accrue;
import static io.partnerflow.payout.Api.awaitEarning;
import static io.partnerflow.payout.Api.finance;
import static io.partnerflow.payout.Api.knownPartner;
import static io.partnerflow.payout.Api.newId;
import static io.partnerflow.payout.Api.partnerUser;
import static io.partnerflow.payout.StatementAndDisputeTest.assertReconciles;
import static io.partnerflow.payout.StatementAndDisputeTest.dec;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Statements for any period: one section per currency, each reconciling and equal to the monthly ones chained. */
@QuarkusTest
class PeriodStatementTest {
    static final Instant LONG_AGO = Instant.parse("2025-01-10T10:00:00Z");

    @Inject
    AdjustableClock clock;

    @BeforeEach
    void tokens() {
        Api.token("fin-maker", "finance");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aTwoMonthPeriodHasOneSectionPerCurrencyEqualToTheMonthsChained() throws Exception {
        clock.setInstant(Instant.parse("2033-12-20T10:00:00Z")); // before the period: the EUR opening balance
        String p = knownPartner("DE", "EUR");
        awaitEarning(accrue(p, "10.00", "EUR", LONG_AGO));

        clock.setInstant(Instant.parse("2034-01-15T10:00:00Z"));
        String eur = accrue(p, "100.00", "EUR", LONG_AGO);
        String usd = accrue(p, "40.00", "USD", LONG_AGO);
        awaitEarning(eur);
        awaitEarning(usd);

        clock.setInstant(Instant.parse("2034-02-12T10:00:00Z"));
        awaitEarning(accrue(p, "25.50", "EUR", LONG_AGO));
        awaitEarning(Api.adjust(p, usd, "-5.25", "USD"));
        awaitEarning(Api.clawback(p, eur, "-0.01", "EUR"));

        clock.setInstant(Instant.parse("2034-03-05T10:00:00Z"));
        awaitEarning(accrue(p, "999.00", "EUR", LONG_AGO)); // after the period: not in it

        JsonPath range = finance().get("/partners/" + p + "/statements?from=2034-01-01&to=2034-02-28").then().statusCode(200)
                .body("sections.currency", equalTo(List.of("EUR", "USD"))).extract().jsonPath();
        Map<String, String> expectedClosing = Map.of("EUR", "135.49", "USD", "34.75");
        Map<String, String> expectedOpening = Map.of("EUR", "10.00", "USD", "0.00");
        for (int i = 0; i < 2; i++) {
            JsonPath s = new JsonPath(io.partnerflow.contracts.EventJson.writeString(range.getMap("sections[" + i + "]")));
            String ccy = s.getString("currency");
            assertReconciles(s);
            assertEquals(expectedOpening.get(ccy), s.getString("openingBalance.amount"), ccy + " opening");
            assertEquals(expectedClosing.get(ccy), s.getString("closingBalance.amount"), ccy + " closing");
            assertEquals("2034-01-01", s.getString("periodStart"));
            assertEquals("2034-02-28", s.getString("periodEnd"));

            JsonPath jan = finance().get("/partners/" + p + "/statements/2034-01?currency=" + ccy).then().statusCode(200).extract().jsonPath();
            JsonPath feb = finance().get("/partners/" + p + "/statements/2034-02?currency=" + ccy).then().statusCode(200).extract().jsonPath();
            assertEquals(0, dec(jan, "closingBalance").compareTo(dec(feb, "openingBalance")), ccy + ": the months chain");
            assertEquals(0, dec(s, "openingBalance").compareTo(dec(jan, "openingBalance")), ccy + " opening = January's");
            assertEquals(0, dec(s, "closingBalance").compareTo(dec(feb, "closingBalance")), ccy + " closing = February's");
            for (String f : List.of("accrued", "reversed", "adjusted", "paid")) {
                BigDecimal chained = dec(jan, f).add(dec(feb, f));
                assertEquals(0, dec(s, f).compareTo(chained), ccy + " " + f + " = January's + February's");
            }
            assertEquals(jan.getList("lines").size() + feb.getList("lines").size(), s.getList("lines").size(), ccy + " lines");
        }
        partnerUser(p).get("/partners/" + p + "/statements?from=2034-01-01&to=2034-02-28").then().statusCode(200);
        partnerUser(p).get("/partners/" + newId() + "/statements?from=2034-01-01&to=2034-02-28").then().statusCode(404);
    }

    @Test
    void aReversedMissingMalformedOrTooLongPeriodIsRefusedNamingTheField() {
        String url = "/partners/" + newId() + "/statements";
        finance().get(url + "?from=2034-03-01&to=2034-02-28").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("from"));
        finance().get(url + "?from=2030-01-01&to=2033-01-02").then().statusCode(400).body("errors.field", hasItem("to"));
        finance().get(url + "?from=2030-01-01&to=2033-01-01").then().statusCode(200).body("sections.size()", equalTo(0));
        finance().get(url + "?to=2033-01-01").then().statusCode(400).body("errors.field", hasItem("from"));
        finance().get(url + "?from=2033-01-01").then().statusCode(400).body("errors.field", hasItem("to"));
        finance().get(url + "?from=2033-13-01&to=2034-01-01").then().statusCode(400).body("errors.field", hasItem("from"));
        finance().get(url + "?from=1999-12-31&to=2000-01-31").then().statusCode(400).body("errors.field", hasItem("from"));
    }
}
