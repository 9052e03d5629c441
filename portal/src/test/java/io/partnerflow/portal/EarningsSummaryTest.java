package io.partnerflow.portal;

import io.partnerflow.portal.view.Amount;
import io.partnerflow.portal.view.EarningLine;
import io.partnerflow.portal.view.EarningsSummary;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EarningsSummaryTest {

    private static EarningLine line(String id, String amount, String currency, String status, String period) {
        return new EarningLine(id, "commission", Amount.of(amount, currency), status, period, "Deal " + id, period + "-15", null);
    }

    @Test
    void sumsExactlyPerStatusAndCurrencyAndCountsClawbacksApart() {
        List<EarningLine> lines = List.of(
                line("a", "0.10", "EUR", "pending", "2026-11"), line("b", "0.20", "EUR", "pending", "2026-11"),
                line("c", "1000000.05", "USD", "paid", "2026-10"), line("d", "-50.00", "EUR", "approved", "2026-11"),
                line("e", "150000", "JPY", "approved", "2026-10"));
        EarningsSummary s = EarningsSummary.of(lines, 3);
        assertEquals(List.of("pending|EUR|0.30 EUR", "approved|JPY|150,000 JPY", "paid|USD|1,000,000.05 USD", "clawed back|EUR|-50.00 EUR"),
                s.byStatus().stream().map(r -> r.label() + "|" + r.currency() + "|" + r.total().text()).toList());
        assertEquals("2026-11", s.byMonth().get(0).label(), "newest month first");
        assertEquals("0.30 EUR", s.byMonth().stream().filter(r -> r.label().equals("2026-11") && r.currency().equals("EUR"))
                .findFirst().orElseThrow().total().plus(Amount.of("50.00", "EUR")).text());
        assertEquals(3, s.latest().size());
        assertEquals(5, s.count());
    }

    @Test
    void showsTheCurrencyScaleAndNeverRounds() {
        assertEquals("1,234.50 EUR", Amount.of("1234.5", "EUR").text());
        assertEquals("12 JPY", Amount.of("12", "JPY").text());
        assertEquals("0.125 KWD", Amount.of("0.125", "KWD").text());
        assertEquals("-27.10 USD", Amount.of("-27.10", "USD").text());
        assertEquals("0.001 EUR", Amount.of("0.001", "EUR").text(), "more digits than the currency has are shown, not rounded");
        assertThrows(IllegalArgumentException.class, () -> Amount.of("1.00", "EUR").plus(Amount.of("1.00", "USD")));
    }

    @Test
    void fingerprintChangesWhenAStatusOrAmountChanges() {
        List<EarningLine> before = List.of(line("a", "10.00", "EUR", "pending", "2026-11"));
        List<EarningLine> after = List.of(line("a", "10.00", "EUR", "approved", "2026-11"));
        assertEquals(EarningsSummary.fingerprint(before), EarningsSummary.fingerprint(List.copyOf(before)));
        org.junit.jupiter.api.Assertions.assertNotEquals(EarningsSummary.fingerprint(before), EarningsSummary.fingerprint(after));
    }
}
