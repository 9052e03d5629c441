package io.partnerflow.incentive;

import io.partnerflow.contracts.EventJson;
import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.attribution.DealContext;
import io.partnerflow.contracts.incentive.EarningAccrued;
import io.partnerflow.core.money.Money;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static io.partnerflow.incentive.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** FX through the base currency (USD in tests) and ONE rounding at the end, in the payout currency — against real Kafka/PostgreSQL. */
@QuarkusTest
class FxCrossRateTest {

    @Test
    void eurToJpyGoesThroughUsdWithTheInverseLegAndIsRoundedOnceToTheYen() {
        int year = 2071;
        program(commissionProgram("fx-cross-" + id().substring(0, 8), year + "-01-01T00:00:00Z", (year + 1) + "-01-01T00:00:00Z",
                List.of(rate("*", "*", "0.10", "0.10")), null));
        String p = id();
        registerPartner(p, "reseller", "JP", "JPY", "gold");
        awaitPartner(p);
        // no EUR/JPY, no JPY/EUR: EUR -> USD as published, USD -> JPY as the inverse of JPY/USD
        fxRate("EUR", "USD", year + "-03-01", "1.0842");
        fxRate("JPY", "USD", year + "-03-02", "0.0066");

        DealContext d = deal(id(), "Tokyo Expansion", year + "-03-10T10:00:00Z", "JP", "new_business",
                List.of(line(1, "CLOUD-1Y", "cloud", "1", "12345.72", "EUR")));
        send(EventType.DEAL_ATTRIBUTED, attributed(d, "first_touch", credit(p, "1.00000000", "sourced", List.of("resale"), d, "1:12345.72")));

        EarningAccrued e = EventJson.readString(earnings(p, ACCRUED, 1).get(0).value(), EarningAccrued.class);
        // 1,234.572 EUR x 1.0842 / 0.0066 = 202,806.5094... -> 202,807 JPY (rounding the commission to 1,234.57 EUR first would give 202,806)
        assertEquals(Money.of("202807", "JPY"), e.amount());
        assertEquals(Money.of("1234.57", "EUR"), e.originalAmount());
        assertEquals("EUR", e.fx().from());
        assertEquals("JPY", e.fx().to());
        assertEquals(0, e.fx().rate().compareTo(new java.math.BigDecimal("164.2727272727272727272727272727273")), e.fx().rate().toPlainString());
        assertEquals(LocalDate.parse(year + "-03-01"), e.fx().rateDate(), "the oldest leg's date");
        assertTrue(e.fx().path().contains("EUR/USD 1.0842 (" + year + "-03-01)") && e.fx().path().contains("1 / JPY/USD 0.0066 (" + year + "-03-02)")
                && e.fx().path().contains("cross through USD"), e.fx().path());
        assertTrue(e.explanation().inputs().stream().anyMatch(i -> i.name().equals("fx_rate") && i.ref().contains("cross through USD")),
                "the rate path is in the explanation");
    }

    @Test
    void aRebateInItsBaseCurrencyIsConvertedFromTheExactFigureAndRoundedOnce() {
        int year = 2072;
        PeriodCloseTest.programOf(year, List.of(PeriodCloseTest.rule("rebate-fx", "volume_rebate", "rebate",
                Map.of("period", "quarter", "mode", "retroactive", "baseCurrency", "EUR", "bands", List.of(Map.of("from", "0", "rate", "0.01"))))));
        String p = id();
        registerPartner(p, "distributor", "US", "USD", "gold");
        awaitPartner(p);
        fxRate("EUR", "USD", year + "-01-01", "1.5");
        DealContext d = deal(id(), "Rebate FX", year + "-02-10T10:00:00Z", "DE", "new_business", List.of(line(1, "A", "cloud", "1", "10000.50", "EUR")));
        send(EventType.DEAL_ATTRIBUTED, attributed(d, "first_touch", credit(p, "1.00000000", "sourced", List.of("resale"), d, "1:10000.50")));
        awaitRow("select 1 from attribution_event where deal_id = ?", d.dealId());

        PeriodCloseTest.close(year + "-Q1");
        EarningAccrued rebate = EventJson.readString(earnings(p, ACCRUED, 1).get(0).value(), EarningAccrued.class);
        // 1% of 10,000.50 = 100.005 EUR exactly; x 1.5 = 150.0075 -> 150.01 USD. Rounded in EUR first (100.00) it would be 150.00.
        assertEquals(Money.of("150.01", "USD"), rebate.amount());
        assertEquals(Money.of("100.00", "EUR"), rebate.originalAmount(), "the figure in its own currency, rounded once there");
        assertTrue(rebate.explanation().steps().stream().anyMatch(s -> s.expression().startsWith("100.005 x 1.5")),
                "converted from the unrounded figure: " + rebate.explanation().steps());
    }
}
