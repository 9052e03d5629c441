package io.partnerflow.incentive.domain;

import io.partnerflow.core.money.Money;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FxBookTest {
    static final LocalDate D = LocalDate.parse("2026-03-10");

    static Facts.FxTable published(Facts.FxRate... rates) {
        List<Facts.FxRate> all = List.of(rates);
        return (from, to, date) -> all.stream().filter(r -> r.from().equals(from) && r.to().equals(to) && !r.date().isAfter(date)).findFirst();
    }

    static Facts.FxRate rate(String from, String to, String rate, String date) {
        return new Facts.FxRate(from, to, new BigDecimal(rate), LocalDate.parse(date));
    }

    @Test
    void aPublishedPairIsUsedAsIsEvenWhenItsInverseExists() {
        Facts.FxTable t = FxBook.through("USD", published(rate("EUR", "USD", "1.0842", "2026-03-09"), rate("USD", "EUR", "0.9", "2026-03-09")));
        Facts.FxRate r = t.latestOnOrBefore("EUR", "USD", D).orElseThrow();
        assertEquals(new BigDecimal("1.0842"), r.rate());
        assertNull(r.path());
    }

    @Test
    void theInverseIsOneDivisionAtThirtyFourDigits() {
        Facts.FxRate r = FxBook.through("USD", published(rate("USD", "CHF", "0.8", "2026-03-01"))).latestOnOrBefore("CHF", "USD", D).orElseThrow();
        assertEquals(new BigDecimal("1.25"), r.rate());
        assertTrue(r.path().contains("inverse"), r.path());
    }

    @Test
    void crossThroughTheBaseConvertsToTheMinorUnitWithOneRounding() {
        Facts.FxTable t = FxBook.through("USD", published(rate("EUR", "USD", "1.0842", "2026-03-01"), rate("JPY", "USD", "0.0066", "2026-03-02")));
        PerDealCalculator.Conversion c = PerDealCalculator.convert(new BigDecimal("1234.572"), "EUR", "JPY", t, D);
        // 1234.572 x 1.0842 / 0.0066 = 202806.5094... -> 202807 (1234.57 x 164.27 would give 202803; 1234.57 x 164.2727 gives 202806)
        assertEquals(Money.of("202807", "JPY"), c.payout());
        assertEquals(LocalDate.parse("2026-03-01"), c.rate().date(), "the oldest leg");
        assertEquals("EUR/JPY = EUR/USD 1.0842 (2026-03-01) x 1 / JPY/USD 0.0066 (2026-03-02) (cross through USD)", c.rate().path());
    }

    @Test
    void aMissingLegIsMissingNeverGuessed() {
        Facts.FxTable t = FxBook.through("USD", published(rate("EUR", "USD", "1.0842", "2026-03-01")));
        assertEquals(Optional.empty(), t.latestOnOrBefore("EUR", "GBP", D));
        assertEquals(Optional.empty(), t.latestOnOrBefore("EUR", "USD", LocalDate.parse("2026-02-28")));
    }
}
