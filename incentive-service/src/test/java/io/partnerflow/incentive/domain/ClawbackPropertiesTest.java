package io.partnerflow.incentive.domain;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Money split by refunds: the clawbacks of a credit refunded in pieces sum exactly to the earning. */
class ClawbackPropertiesTest {

    record Case(List<BigDecimal> lineBases, List<BigDecimal> rates, BigDecimal fx, List<Map<Integer, BigDecimal>> refunds) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Integer> lines = Arbitraries.integers().between(1, 4);
        return lines.flatMap(n -> Combinators.combine(
                Arbitraries.longs().between(1, 100_000_00L).map(c -> BigDecimal.valueOf(c, 2)).list().ofSize(n),
                Arbitraries.integers().between(0, 2500).map(r -> BigDecimal.valueOf(r, 4)).list().ofSize(n),
                Arbitraries.integers().between(1, 300000).map(f -> BigDecimal.valueOf(f, 5)),
                Arbitraries.integers().between(1, 6)
        ).as((bases, rates, fx, pieces) -> new Case(bases, rates, fx, split(bases, pieces))));
    }

    /** Refunds each line in {@code pieces} parts (cent amounts), the last part taking what is left. */
    static List<Map<Integer, BigDecimal>> split(List<BigDecimal> bases, int pieces) {
        List<Map<Integer, BigDecimal>> out = new ArrayList<>();
        List<BigDecimal> left = new ArrayList<>(bases);
        for (int p = 0; p < pieces; p++) {
            Map<Integer, BigDecimal> refund = new HashMap<>();
            for (int i = 0; i < bases.size(); i++) {
                BigDecimal part = p == pieces - 1 ? left.get(i)
                        : left.get(i).divide(BigDecimal.valueOf(pieces - p), 2, RoundingMode.DOWN);
                left.set(i, left.get(i).subtract(part));
                refund.put(i + 1, part.negate());
            }
            out.add(refund);
        }
        return out;
    }

    @Property
    void piecewiseRefundsClawBackExactlyTheEarningAndNeverMore(@ForAll("cases") Case c) {
        List<Calculation.Bucket> buckets = new ArrayList<>();
        BigDecimal exact = BigDecimal.ZERO;
        for (int i = 0; i < c.lineBases().size(); i++) {
            BigDecimal contribution = c.lineBases().get(i).multiply(c.rates().get(i));
            buckets.add(new Calculation.Bucket(List.of(i + 1), c.lineBases().get(i), contribution));
            exact = exact.add(contribution);
        }
        BigDecimal earning = exact.multiply(c.fx()).setScale(2, RoundingMode.HALF_EVEN);
        Map<Integer, BigDecimal> cumulative = new HashMap<>();
        BigDecimal clawedBack = BigDecimal.ZERO;
        for (Map<Integer, BigDecimal> refund : c.refunds()) {
            refund.forEach((line, amt) -> cumulative.merge(line, amt.abs(), BigDecimal::add));
            BigDecimal target = Clawbacks.exactTarget(buckets, cumulative).multiply(c.fx()).setScale(2, RoundingMode.HALF_EVEN);
            BigDecimal claw = target.negate().subtract(clawedBack);
            assertTrue(claw.signum() <= 0, "a refund never pays back: " + claw);
            clawedBack = clawedBack.add(claw);
            assertTrue(clawedBack.abs().compareTo(earning) <= 0, "never more than the earning");
        }
        assertEquals(earning.negate(), clawedBack, "fully refunded: the clawbacks sum exactly to the earning");
    }
}
