package io.partnerflow.platform.messaging;

import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BisectionTest {

    /** An all-or-nothing "transaction": fails when the chunk holds a poison value, else records the chunk. */
    private static Function<List<Integer>, Uni<Void>> applying(Set<Integer> poison, List<List<Integer>> attempts,
                                                               List<Integer> committed) {
        return chunk -> {
            attempts.add(List.copyOf(chunk));
            for (Integer i : chunk) {
                if (poison.contains(i)) {
                    return Uni.createFrom().failure(new PoisonMessageException("bad " + i));
                }
            }
            committed.addAll(chunk);
            return Uni.createFrom().voidItem();
        };
    }

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    @Test
    void aCleanBatchIsAppliedInOneAttempt() {
        List<List<Integer>> attempts = new ArrayList<>();
        List<Integer> committed = new ArrayList<>();
        var outcome = Bisection.run(range(500), applying(Set.of(), attempts, committed)).await().indefinitely();
        assertEquals(1, attempts.size());
        assertEquals(range(500), committed);
        assertEquals(List.of(), outcome.poison());
        assertEquals(range(500), outcome.appliedItems());
    }

    @Test
    void aPoisonRecordInTheMiddleStandsAloneAndEverythingElseIsAppliedOnceInOffsetOrder() {
        List<List<Integer>> attempts = new ArrayList<>();
        List<Integer> committed = new ArrayList<>();
        var outcome = Bisection.run(range(100), applying(Set.of(57), attempts, committed)).await().indefinitely();

        assertEquals(1, outcome.poison().size());
        assertEquals(57, outcome.poison().get(0).item());
        assertEquals("bad 57", outcome.poison().get(0).reason().getMessage());
        List<Integer> expected = new ArrayList<>(range(100));
        expected.remove(Integer.valueOf(57));
        assertEquals(expected, committed, "every other record exactly once, in offset order");
        assertEquals(expected, outcome.appliedItems());
        assertTrue(attempts.size() <= 2 * 7 + 1, "about 2·log2(n) attempts, was " + attempts.size());
    }

    @Test
    void severalPoisonRecordsAllEndUpAloneAndTheirNeighboursAreApplied() {
        List<List<Integer>> attempts = new ArrayList<>();
        List<Integer> committed = new ArrayList<>();
        Set<Integer> poison = Set.of(0, 1, 31, 63);
        var outcome = Bisection.run(range(64), applying(poison, attempts, committed)).await().indefinitely();

        assertEquals(List.of(0, 1, 31, 63), outcome.poison().stream().map(Bisection.Poison::item).toList());
        assertEquals(range(64).stream().filter(i -> !poison.contains(i)).toList(), committed);
    }

    @Test
    void aBatchOfOnlyPoisonIsAllDeadLetteredAndNothingIsApplied() {
        List<Integer> committed = new ArrayList<>();
        var outcome = Bisection.run(range(5), applying(Set.of(0, 1, 2, 3, 4), new ArrayList<>(), committed))
                .await().indefinitely();
        assertEquals(range(5), outcome.poison().stream().map(Bisection.Poison::item).toList());
        assertEquals(List.of(), committed);
        assertEquals(List.of(), outcome.applied());
    }

    @Test
    void anEmptyBatchDoesNothing() {
        List<List<Integer>> attempts = new ArrayList<>();
        var outcome = Bisection.run(List.<Integer>of(), applying(Set.of(), attempts, new ArrayList<>())).await().indefinitely();
        assertEquals(List.of(), attempts);
        assertEquals(List.of(), outcome.appliedItems());
    }

    @Test
    void aThrowingApplyIsTreatedLikeAFailedChunk() {
        List<Integer> committed = new ArrayList<>();
        var outcome = Bisection.<Integer>run(range(4), chunk -> {
            if (chunk.contains(2)) {
                throw new IllegalStateException("boom");
            }
            committed.addAll(chunk);
            return Uni.createFrom().voidItem();
        }).await().indefinitely();
        assertEquals(List.of(0, 1, 3), committed);
        assertEquals(2, outcome.poison().get(0).item());
    }
}
