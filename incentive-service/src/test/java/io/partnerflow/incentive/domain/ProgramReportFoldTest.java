package io.partnerflow.incentive.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ProgramReportFoldTest {
    static final LocalDate MAR_1 = LocalDate.parse("2030-03-01");
    static final LocalDate MAR_20 = LocalDate.parse("2030-03-20");

    static ProgramReportFold.Cell cell(String program, String group, String ccy, LocalDate date, String sourced, String influenced,
                                       long deals, String accrued, String reversed) {
        return new ProgramReportFold.Cell(program, "Program " + program, group, ccy, date, new BigDecimal(sourced), new BigDecimal(influenced),
                deals, 1, deals - 1, new BigDecimal(accrued), BigDecimal.ZERO.setScale(2), new BigDecimal(reversed));
    }

    /** EUR/USD 1.10 from March 1st, 1.2 from March 20th; GBP only as USD/GBP 0.8 (inverse); no JPY rate at all. */
    static final Facts.FxTable FX = FxBook.through("USD", (from, to, date) -> {
        Map<String, List<Facts.FxRate>> m = Map.of(
                "EUR/USD", List.of(new Facts.FxRate("EUR", "USD", new BigDecimal("1.2"), MAR_20), new Facts.FxRate("EUR", "USD", new BigDecimal("1.10"), MAR_1)),
                "USD/GBP", List.of(new Facts.FxRate("USD", "GBP", new BigDecimal("0.8"), MAR_1)));
        return m.getOrDefault(from + "/" + to, List.of()).stream().filter(r -> !r.date().isAfter(date)).findFirst();
    });

    @Test
    void cellsOfOneProgramGroupAndCurrencyAddUpAcrossCloseDates() {
        List<ProgramReportFold.Totals> t = ProgramReportFold.totals(List.of(
                cell("a", "gold", "EUR", MAR_1, "100.00", "50.00", 2, "15.00", "-1.50"),
                cell("a", "gold", "EUR", MAR_20, "200.00", "0.00", 1, "20.00", "0.00"),
                cell("a", "gold", "USD", MAR_20, "10.00", "0.00", 1, "1.00", "0.00"),
                cell("a", "silver", "EUR", MAR_20, "0.00", "300.00", 3, "9.00", "0.00")));
        assertEquals(3, t.size());
        ProgramReportFold.Totals gold = t.get(0);
        assertEquals("EUR", gold.currency());
        assertEquals(new BigDecimal("300.00"), gold.sourced());
        assertEquals(new BigDecimal("350.00"), gold.revenue());
        assertEquals(3, gold.deals());
        assertEquals(new BigDecimal("33.50"), gold.net());
        assertEquals(new BigDecimal("0.095714"), gold.costPerRevenue()); // 33.50 / 350.00 = 0.0957142…
        assertEquals("silver", t.get(2).group());
    }

    @Test
    void baseFiguresConvertEachCellAtItsCloseDateRateAndRoundOnce() {
        List<ProgramReportFold.InBase> b = ProgramReportFold.inBase(List.of(
                cell("a", null, "EUR", MAR_1, "100.01", "0.00", 1, "10.01", "0.00"),    // x 1.10 -> 110.011 / 11.011
                cell("a", null, "EUR", MAR_20, "100.01", "0.00", 1, "10.01", "0.00"),   // x 1.2  -> 120.012 / 12.012
                cell("a", null, "USD", MAR_20, "0.01", "0.00", 1, "0.00", "0.00"),      // as is
                cell("a", null, "GBP", MAR_20, "8.00", "0.00", 1, "0.80", "0.00")), "USD", FX); // / 0.8 -> 10.00 / 1.00
        assertEquals(1, b.size());
        ProgramReportFold.InBase a = b.get(0);
        // revenue 110.011 + 120.012 + 0.01 + 10 = 240.033 -> 240.03 (one rounding); net 11.011 + 12.012 + 1 = 24.023 -> 24.02
        assertEquals(new BigDecimal("240.03"), a.revenue());
        assertEquals(new BigDecimal("24.02"), a.netEarnings());
        assertEquals(new BigDecimal("0.100082"), a.costPerRevenue()); // 24.023 / 240.033 = 0.1000820…
        assertEquals(List.of("EUR", "GBP"), a.converted());
        assertEquals(List.of(), a.missingRates());
        assertEquals("USD", a.currency());
    }

    @Test
    void aMissingRateIsNamedAndNothingIsGuessed() {
        List<ProgramReportFold.InBase> b = ProgramReportFold.inBase(List.of(
                cell("a", "amer", "EUR", MAR_1, "100.00", "0.00", 1, "10.00", "0.00"),
                cell("a", "amer", "JPY", MAR_1, "1000", "0", 1, "100", "0"),
                cell("a", "emea", "EUR", LocalDate.parse("2030-02-01"), "100.00", "0.00", 1, "10.00", "0.00")), "USD", FX);
        assertEquals(2, b.size());
        assertNull(b.get(0).revenue());
        assertNull(b.get(0).netEarnings());
        assertNull(b.get(0).costPerRevenue());
        assertEquals(List.of("JPY on 2030-03-01"), b.get(0).missingRates());
        assertEquals(List.of("EUR on 2030-02-01"), b.get(1).missingRates()); // before the first EUR/USD rate
        assertEquals(Optional.empty(), Optional.ofNullable(b.get(1).revenue()));
    }
}
