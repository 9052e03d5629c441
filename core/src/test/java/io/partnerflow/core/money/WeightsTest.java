package io.partnerflow.core.money;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WeightsTest {

    private static List<BigDecimal> decimals(String... values) {
        return java.util.Arrays.stream(values).map(BigDecimal::new).toList();
    }

    @Test
    void thirdsBecomeWireWeightsSummingToExactlyOne() {
        Map<String, BigDecimal> wire = Weights.toWire(List.of(
                Share.of("p-2", Weight.ratio(1, 3)), Share.of("p-1", Weight.ratio(1, 3)),
                Share.of("p-3", Weight.ratio(1, 3))));
        assertEquals(Map.of("p-1", new BigDecimal("0.33333334"), "p-2", new BigDecimal("0.33333333"),
                "p-3", new BigDecimal("0.33333333")), wire);
    }

    @Test
    void wireWeightsAreAlwaysAtScaleEight() {
        assertEquals(decimals("1.00000000"), Weights.toWireByIndex(decimals("7")));
        assertEquals(decimals("0.00000000", "1.00000000"), Weights.toWireByIndex(decimals("0", "2")));
        assertEquals(decimals("0.40000000", "0.20000000", "0.40000000"), Weights.toWireByIndex(decimals("4", "2", "4")));
        assertEquals("0.00000000", Weights.toWireByIndex(decimals("0", "1")).get(0).toPlainString());
    }

    @Test
    void roundsEachWeightByLargestRemainder() {
        // 1/7 = 0.14285714|2857…: 7 × 0.14285714 = 0.99999998, so the two lowest indices (equal
        // remainders) get one extra 0.00000001 each.
        List<BigDecimal> wire = Weights.toWireByIndex(decimals("1", "1", "1", "1", "1", "1", "1"));
        assertEquals(decimals("0.14285715", "0.14285715", "0.14285714", "0.14285714", "0.14285714", "0.14285714",
                "0.14285714"), wire);
        assertEquals(new BigDecimal("1.00000000"), wire.stream().reduce(BigDecimal.ZERO, BigDecimal::add));
    }

    @Test
    void amountsComeFromUnroundedWeightsNotFromWireWeights() {
        Money total = Money.of("1000000000.00", "EUR");
        List<Share<Integer>> shares = List.of(
                Share.of(1, Weight.ratio(1, 3)), Share.of(2, Weight.ratio(1, 3)), Share.of(3, Weight.ratio(1, 3)));

        List<Money> fromExact = List.copyOf(Allocation.allocate(total, shares).values());
        List<Money> fromWire = Allocation.allocateByIndex(total, List.copyOf(Weights.toWire(shares).values()));

        assertEquals(List.of(Money.of("333333333.34", "EUR"), Money.of("333333333.33", "EUR"),
                Money.of("333333333.33", "EUR")), fromExact);
        assertNotEquals(fromExact, fromWire, "wire weights are rounded; amounts must not be split from them");
    }

    @Test
    void checksWeightsReceivedFromTheWire() {
        assertEquals(decimals("0.50000000", "0.50000000"), Weights.requireWire(decimals("0.5", "0.50000000")));
        assertThrows(IllegalArgumentException.class, () -> Weights.requireWire(decimals("0.5", "0.49999999")));
        assertThrows(IllegalArgumentException.class, () -> Weights.requireWire(decimals("0.333333334", "0.666666666")));
        assertThrows(IllegalArgumentException.class, () -> Weights.requireWire(decimals("1.5", "-0.5")));
    }

    @Test
    void refusesNegativeAndAllZeroWeights() {
        assertThrows(IllegalArgumentException.class, () -> Weights.toWireByIndex(decimals("0", "0")));
        assertThrows(IllegalArgumentException.class, () -> Weights.toWireByIndex(decimals("1", "-1")));
        assertThrows(IllegalArgumentException.class, () -> Weight.ratio(-1, 3));
        assertThrows(IllegalArgumentException.class, () -> Weight.ratio(1, 0));
    }

    @Test
    void exactWeightsAreInLowestTerms() {
        assertEquals(Weight.ratio(1, 3), Weight.ratio(2, 6));
        assertEquals(Weight.ratio(1, 3), Weight.ratio(-1, -3));
        assertEquals(Weight.ratio(2, 5), Weight.of(new BigDecimal("0.4000")));
        assertEquals(Weight.ratio(1200, 1), Weight.of(new BigDecimal("1.2E+3")));
        assertEquals(Weight.ZERO, Weight.ratio(0, 7));
        assertEquals(Weight.ONE, Weight.ratio(1, 3).plus(Weight.ratio(2, 3)));
        assertEquals(Weight.ratio(1, 15), Weight.of("0.2").times(Weight.ratio(1, 3)));
        assertEquals(new Weight(BigInteger.ONE, BigInteger.valueOf(3)).toString(), "1/3");
    }
}
