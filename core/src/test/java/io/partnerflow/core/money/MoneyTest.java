package io.partnerflow.core.money;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Currency;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MoneyTest {

    private static final Currency EUR = Currency.getInstance("EUR");

    @Test
    void holdsAmountsAtTheCurrencyScale() {
        assertEquals("12.30", Money.of("12.3", "EUR").amountString());
        assertEquals("100.00", Money.of("100", "EUR").amountString());
        assertEquals("1234", Money.of("1234", "JPY").amountString());
        assertEquals("1.500", Money.of("1.5", "BHD").amountString());
        assertEquals("0.250", Money.of(new BigDecimal("0.25"), "KWD").amountString());
        assertEquals(2, Money.zero("USD").amount().scale());
    }

    @Test
    void equalAmountsAreEqualWhateverScaleTheyWereGivenAt() {
        assertEquals(Money.of("12.3", "EUR"), Money.of(new BigDecimal("12.300"), "EUR"));
        assertEquals(Money.of("12.3", "EUR").hashCode(), new Money(new BigDecimal("12.30000"), EUR).hashCode());
    }

    @Test
    void refusesAmountsWithMoreDecimalsThanTheCurrencyHas() {
        var eur = assertThrows(IllegalArgumentException.class, () -> Money.of("12.345", "EUR"));
        assertEquals("amount \"12.345\" has 3 decimals; EUR allows at most 2", eur.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Money.of("1.5", "JPY"));
        assertThrows(IllegalArgumentException.class, () -> Money.of("0.0001", "BHD"));
        assertThrows(IllegalArgumentException.class, () -> new Money(new BigDecimal("0.001"), EUR));
    }

    @Test
    void refusesTrailingZerosBeyondTheScaleOnTheWireButNotAsAValue() {
        assertThrows(IllegalArgumentException.class, () -> Money.of("12.340", "EUR"));
        assertEquals(Money.of("12.34", "EUR"), Money.of(new BigDecimal("12.340"), "EUR"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " 1", "1 ", "1e3", "1E+2", "+1", "12.", ".5", "1,5", "0x10", "NaN", "--1", "1.2.3"})
    void refusesAmountTextThatIsNotAPlainDecimal(String text) {
        var e = assertThrows(IllegalArgumentException.class, () -> Money.of(text, "EUR"));
        assertTrue(e.getMessage().contains("not a plain decimal"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"XXX", "XAU", "eur", "EURO", "ABC", ""})
    void refusesUnknownCurrenciesAndCurrenciesWithoutMinorUnit(String code) {
        var e = assertThrows(IllegalArgumentException.class, () -> Money.of("1", code));
        assertTrue(e.getMessage().contains(code), e.getMessage());
    }

    @Test
    void refusesMissingParts() {
        assertThrows(IllegalArgumentException.class, () -> Money.of((String) null, "EUR"));
        assertThrows(IllegalArgumentException.class, () -> Money.of("1", null));
        assertThrows(NullPointerException.class, () -> new Money(null, EUR));
    }

    @Test
    void addsSubtractsAndNegatesExactly() {
        Money a = Money.of("10.05", "EUR");
        Money b = Money.of("0.10", "EUR");
        assertEquals(Money.of("10.15", "EUR"), a.plus(b));
        assertEquals(Money.of("9.95", "EUR"), a.minus(b));
        assertEquals(Money.of("-10.05", "EUR"), a.negate());
        assertEquals(a, a.negate().abs());
        assertEquals(Money.of("-0.10", "EUR"), b.minus(Money.of("0.2", "EUR")));
    }

    @Test
    void refusesToMixCurrenciesAndNamesBoth() {
        Money eur = Money.of("1.00", "EUR");
        Money usd = Money.of("1.00", "USD");
        var e = assertThrows(IllegalArgumentException.class, () -> eur.plus(usd));
        assertTrue(e.getMessage().contains("EUR") && e.getMessage().contains("USD"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> eur.minus(usd));
        assertThrows(IllegalArgumentException.class, () -> eur.compareTo(usd));
        assertThrows(IllegalArgumentException.class, () -> eur.isGreaterThan(usd));
        assertThrows(IllegalArgumentException.class, () -> Money.sum(List.of(eur, usd)));
    }

    @Test
    void answersSignAndOrderQuestions() {
        assertTrue(Money.zero("EUR").isZero());
        assertTrue(Money.of("-0.01", "EUR").isNegative());
        assertTrue(Money.of("0.01", "EUR").isPositive());
        assertFalse(Money.of("-0.00", "EUR").isNegative());
        assertTrue(Money.of("2", "EUR").isGreaterThan(Money.of("1.99", "EUR")));
        assertTrue(Money.of("-2", "EUR").isLessThan(Money.of("-1.99", "EUR")));
        assertEquals(0, Money.of("5", "EUR").compareTo(Money.of("5.00", "EUR")));
    }

    @Test
    void timesRoundsHalfEvenToTheCurrencyScale() {
        assertEquals(Money.of("0.12", "EUR"), Money.of("10.00", "EUR").times(new BigDecimal("0.0125")));
        assertEquals(Money.of("0.14", "EUR"), Money.of("10.00", "EUR").times(new BigDecimal("0.0135")));
        assertEquals(Money.of("-0.12", "EUR"), Money.of("-10.00", "EUR").times(new BigDecimal("0.0125")));
        assertEquals(Money.of("12", "JPY"), Money.of("1000", "JPY").times(new BigDecimal("0.0125")));
        assertEquals(Money.of("14", "JPY"), Money.of("1000", "JPY").times(new BigDecimal("0.0135")));
        assertEquals(Money.of("0.012", "BHD"), Money.of("1.000", "BHD").times(new BigDecimal("0.0125")));
    }

    @Test
    void timesRoundsOnceNotStepByStep() {
        // 1.00 × 0.01451 = 0.01451 → 0.01; rounding to 3 decimals first would give 0.015 → 0.02.
        assertEquals(Money.of("0.01", "EUR"), Money.of("1.00", "EUR").times(new BigDecimal("0.01451")));
    }

    @Test
    void sumsAListExactly() {
        List<Money> parts = List.of(Money.of("0.10", "EUR"), Money.of("0.20", "EUR"), Money.of("-0.05", "EUR"));
        assertEquals(Money.of("0.25", "EUR"), Money.sum(parts));
        assertEquals(Money.zero("EUR"), Money.sum(EUR, List.of()));
        assertThrows(IllegalArgumentException.class, () -> Money.sum(List.of()));
    }

    @Test
    void convertsToAndFromMinorUnits() {
        assertEquals(BigInteger.valueOf(1234), Money.of("12.34", "EUR").minorUnits());
        assertEquals(BigInteger.valueOf(-1500), Money.of("-1.5", "BHD").minorUnits());
        assertEquals(BigInteger.valueOf(7), Money.of("7", "JPY").minorUnits());
        assertEquals(Money.of("-0.07", "EUR"), Money.ofMinor(BigInteger.valueOf(-7), EUR));
    }

    @Test
    void printsAmountAndCode() {
        assertEquals("-1234.50 EUR", Money.of("-1234.5", "EUR").toString());
    }
}
