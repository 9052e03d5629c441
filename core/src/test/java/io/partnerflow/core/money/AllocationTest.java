package io.partnerflow.core.money;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AllocationTest {

    /** Ties by ascending partner id, then line number (DESIGN). */
    record PartnerLine(String partnerId, int line) implements Comparable<PartnerLine> {
        private static final Comparator<PartnerLine> ORDER =
                Comparator.comparing(PartnerLine::partnerId).thenComparingInt(PartnerLine::line);

        @Override
        public int compareTo(PartnerLine other) {
            return ORDER.compare(this, other);
        }
    }

    private static List<Money> eur(String... amounts) {
        return java.util.Arrays.stream(amounts).map(a -> Money.of(a, "EUR")).toList();
    }

    private static List<BigDecimal> weights(String... weights) {
        return java.util.Arrays.stream(weights).map(BigDecimal::new).toList();
    }

    @Test
    void splitsSumExactlyToDealAmountWhenWeightsRepeat() {
        Map<String, Money> parts = Allocation.allocate(Money.of("100.00", "EUR"), List.of(
                Share.of("p-3", Weight.ONE), Share.of("p-1", Weight.ONE), Share.of("p-2", Weight.ONE)));

        assertEquals(Money.of("33.34", "EUR"), parts.get("p-1"), "the tie goes to the lowest key");
        assertEquals(Money.of("33.33", "EUR"), parts.get("p-2"));
        assertEquals(Money.of("33.33", "EUR"), parts.get("p-3"));
        assertEquals(List.of("p-3", "p-1", "p-2"), List.copyOf(parts.keySet()), "result keeps input order");
        assertEquals(Money.of("100.00", "EUR"), Money.sum(parts.values()));
    }

    @Test
    void splitsByIndexGivingTiesToTheLowerIndex() {
        assertEquals(eur("33.34", "33.33", "33.33"),
                Allocation.allocateByIndex(Money.of("100", "EUR"), weights("1", "1", "1")));
        assertEquals(eur("1.43", "1.43", "1.43", "1.43", "1.43", "1.43", "1.42"),
                Allocation.allocateByIndex(Money.of("10", "EUR"), weights("1", "1", "1", "1", "1", "1", "1")));
    }

    @Test
    void givesLeftoverUnitsToTheLargestRemainderBeforeTheLowerKey() {
        // Exact shares 1.4, 1.6 and 7.0 cents: the one leftover cent goes to b (remainder .6), not a.
        Map<String, Money> parts = Allocation.allocate(Money.of("0.10", "EUR"), List.of(
                Share.of("a", new BigDecimal("0.14")), Share.of("b", new BigDecimal("0.16")),
                Share.of("c", new BigDecimal("0.70"))));
        assertEquals(eur("0.01", "0.02", "0.07"), List.copyOf(parts.values()));
    }

    @Test
    void breaksTiesByPartnerIdThenLineNumber() {
        Map<PartnerLine, Money> parts = Allocation.allocate(Money.of("0.05", "EUR"), List.of(
                Share.of(new PartnerLine("p-2", 1), Weight.ONE),
                Share.of(new PartnerLine("p-1", 2), Weight.ONE),
                Share.of(new PartnerLine("p-1", 1), Weight.ONE),
                Share.of(new PartnerLine("p-2", 2), Weight.ONE),
                Share.of(new PartnerLine("p-3", 1), Weight.ONE),
                Share.of(new PartnerLine("p-3", 2), Weight.ONE)));
        // 5 cents over 6 equal parts: everybody but the last key (p-3, line 2) gets a cent.
        assertEquals(Money.of("0.00", "EUR"), parts.get(new PartnerLine("p-3", 2)));
        parts.forEach((k, v) -> assertEquals(k.equals(new PartnerLine("p-3", 2)) ? "0.00" : "0.01", v.amountString()));
    }

    @Test
    void mirrorsTheSplitForNegativeTotals() {
        List<Money> parts = Allocation.allocateByIndex(Money.of("-100.00", "EUR"), weights("1", "1", "1"));
        assertEquals(eur("-33.34", "-33.33", "-33.33"), parts);
        assertEquals(Money.of("-100.00", "EUR"), Money.sum(parts));
    }

    @Test
    void splitsZeroDecimalAndThreeDecimalCurrencies() {
        assertEquals(List.of(Money.of("34", "JPY"), Money.of("33", "JPY"), Money.of("33", "JPY")),
                Allocation.allocateByIndex(Money.of("100", "JPY"), weights("1", "1", "1")));
        assertEquals(List.of(Money.of("0.334", "BHD"), Money.of("0.333", "BHD"), Money.of("0.333", "BHD")),
                Allocation.allocateByIndex(Money.of("1", "BHD"), weights("1", "1", "1")));
        assertEquals(List.of(Money.of("-0.667", "KWD"), Money.of("-0.333", "KWD")),
                Allocation.allocateByIndex(Money.of("-1", "KWD"), weights("2", "1")));
    }

    @Test
    void splitsZeroIntoZeros() {
        assertEquals(eur("0", "0"), Allocation.allocateByIndex(Money.zero("EUR"), weights("1", "3")));
    }

    @Test
    void normalisesWeightsOfAnyScaleThatDoNotSumToOne() {
        Money total = Money.of("1000.00", "EUR");
        List<Money> expected = eur("500.00", "250.00", "250.00");
        assertEquals(expected, Allocation.allocateByIndex(total, weights("2", "1", "1")));
        assertEquals(expected, Allocation.allocateByIndex(total, weights("0.5", "0.25", "0.25")));
        assertEquals(expected, Allocation.allocateByIndex(total, weights("0.000000000002", "1E-12", "0.000000000001")));
    }

    @Test
    void splitsByExactRationalWeights() {
        // U-shaped 40/20/40 with the 20 spread over 3 middle touches: 0.2/3 each, exactly.
        Weight middle = Weight.ratio(1, 15);
        Map<Integer, Money> parts = Allocation.allocate(Money.of("1000.00", "EUR"), List.of(
                Share.of(1, Weight.of("0.4")), Share.of(2, middle), Share.of(3, middle), Share.of(4, middle),
                Share.of(5, Weight.of("0.4"))));
        assertEquals(eur("400.00", "66.67", "66.67", "66.66", "400.00"), List.copyOf(parts.values()));
    }

    @Test
    void givesNothingToZeroWeights() {
        assertEquals(eur("0.00", "0.01", "0.00"),
                Allocation.allocateByIndex(Money.of("0.01", "EUR"), weights("0", "1", "1")));
        assertEquals(eur("0.00", "0.00", "5.00"),
                Allocation.allocateByIndex(Money.of("5", "EUR"), weights("0", "0.000", "1E-30")));
    }

    @Test
    void refusesWeightsThatCannotSplitAnything() {
        Money total = Money.of("1", "EUR");
        var allZero = assertThrows(IllegalArgumentException.class,
                () -> Allocation.allocateByIndex(total, weights("0", "0.00")));
        assertTrue(allZero.getMessage().contains("all zero"), allZero.getMessage());
        var negative = assertThrows(IllegalArgumentException.class,
                () -> Allocation.allocateByIndex(total, weights("1", "-0.5")));
        assertTrue(negative.getMessage().contains("negative"), negative.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Allocation.allocateByIndex(total, List.of()));
        var duplicate = assertThrows(IllegalArgumentException.class,
                () -> Allocation.allocate(total, List.of(Share.of("p", Weight.ONE), Share.of("p", Weight.ONE))));
        assertTrue(duplicate.getMessage().contains("appears twice"), duplicate.getMessage());
    }
}
