package io.partnerflow.core.money;

import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigDecimal;
import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Property-based tests of {@link Money}: wire format and arithmetic. Tries as in {@link AllocationPropertiesTest}. */
class MoneyPropertiesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Provide
    Arbitrary<Money> totals() {
        return MoneyArbitraries.totals();
    }

    @Provide
    Arbitrary<BigDecimal> rates() {
        return Combinators.combine(
                        Arbitraries.bigIntegers().between(BigInteger.valueOf(-2_000_000), BigInteger.valueOf(2_000_000)),
                        Arbitraries.integers().between(0, 9))
                .as(BigDecimal::new);
    }

    @Property
    void jsonRoundTripsWithTheAmountAsADecimalString(@ForAll("totals") Money money) throws Exception {
        String json = MAPPER.writeValueAsString(money);
        int scale = Money.scaleOf(money.currency());
        String amount = scale == 0 ? "-?[0-9]+" : "-?[0-9]+\\.[0-9]{" + scale + "}";
        assertTrue(json.matches("\\{\"amount\":\"" + amount + "\",\"currency\":\"[A-Z]{3}\"}"), json);
        assertEquals(money, MAPPER.readValue(json, Money.class));
    }

    @Property
    void wireTextParsesBackToTheSameMoney(@ForAll("totals") Money money) {
        assertEquals(money, Money.of(money.amountString(), money.currencyCode()));
        assertEquals(money, Money.ofMinor(money.minorUnits(), money.currency()));
    }

    @Property
    void minusUndoesPlus(@ForAll("totals") Money a, @ForAll("totals") Money b) {
        Money c = Money.ofMinor(b.minorUnits(), a.currency());
        assertEquals(a, a.plus(c).minus(c));
        assertEquals(a.plus(c), c.plus(a));
        assertEquals(Money.zero(a.currency()), a.plus(a.negate()));
        assertEquals(Integer.signum(a.compareTo(c)), a.minus(c).amount().signum());
    }

    @Property
    void timesIsTheExactProductRoundedHalfEvenOnce(@ForAll("totals") Money money, @ForAll("rates") BigDecimal rate) {
        Money product = money.times(rate);
        BigDecimal exact = money.amount().multiply(rate);
        BigDecimal halfUnit = BigDecimal.valueOf(5, Money.scaleOf(money.currency()) + 1);
        BigDecimal error = product.amount().subtract(exact).abs();
        assertTrue(error.compareTo(halfUnit) <= 0, () -> money + " × " + rate + " = " + product);
        if (error.compareTo(halfUnit) == 0) {
            assertEquals(0, product.minorUnits().mod(BigInteger.TWO).signum(), "a tie rounds to even");
        }
    }
}
