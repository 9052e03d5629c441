package io.partnerflow.platform.messaging;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class ArrivalOrderTest {

    record Rec(int partition, long offset, long timestamp) {
    }

    private static List<Rec> merged(List<Rec> poll) {
        return ArrivalOrder.merge(poll, Rec::partition, Rec::timestamp);
    }

    @Test
    void aPollGroupedByPartitionIsAppliedInTheOrderItsRecordsWereProduced() {
        // as a poll returns them: partition 2 first, although its record was produced after partition 0's
        Rec refund = new Rec(2, 7, 1_000_050), open = new Rec(0, 3, 1_000_000), later = new Rec(0, 4, 1_000_100);
        assertEquals(List.of(open, refund, later), merged(List.of(refund, open, later)));
    }

    @Test
    void aPartitionKeepsItsOffsetOrderEvenWhenItsTimestampsGoBackwards() {
        // another producer's clock: partition 1's second record claims an earlier time than its first
        Rec a = new Rec(1, 10, 500), b = new Rec(1, 11, 100), c = new Rec(0, 5, 300);
        assertEquals(List.of(c, a, b), merged(List.of(a, b, c)));
    }

    @Test
    void equalTimestampsKeepThePollsPartitionOrderAndOnePartitionIsLeftAsItIs() {
        Rec x = new Rec(4, 1, 42), y = new Rec(1, 1, 42);
        assertEquals(List.of(x, y), merged(List.of(x, y)));
        List<Rec> single = List.of(new Rec(0, 1, 9), new Rec(0, 2, 3));
        assertSame(single, merged(single));
        assertEquals(List.of(), merged(List.of()));
    }

    @Test
    void randomPollsLoseNothingKeepEveryPartitionsOrderAndNeverPutALaterHeadFirst() {
        Random random = new Random(16);
        for (int run = 0; run < 500; run++) {
            List<Rec> poll = new ArrayList<>();
            int partitions = 1 + random.nextInt(6);
            for (int p = 0; p < partitions; p++) {
                long t = random.nextInt(1_000);
                for (int o = 0, n = random.nextInt(20); o < n; o++) {
                    t += random.nextInt(50) - 5; // mostly rising, sometimes back
                    poll.add(new Rec(p, o, t));
                }
            }
            List<Rec> out = merged(poll);
            assertEquals(poll.size(), out.size());
            assertEquals(poll.stream().sorted(Comparator.comparingInt(Rec::partition).thenComparingLong(Rec::offset)).toList(),
                    out.stream().sorted(Comparator.comparingInt(Rec::partition).thenComparingLong(Rec::offset)).toList());
            for (int p = 0; p < partitions; p++) {
                int partition = p;
                List<Long> offsets = out.stream().filter(r -> r.partition() == partition).map(Rec::offset).toList();
                assertEquals(offsets.stream().sorted().toList(), offsets, "partition " + p + " in offset order");
            }
            // each record taken was, at that moment, the earliest head of all partitions
            List<List<Rec>> left = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                int partition = p;
                left.add(new ArrayList<>(poll.stream().filter(r -> r.partition() == partition).toList()));
            }
            for (Rec r : out) {
                for (List<Rec> q : left) {
                    if (!q.isEmpty()) {
                        assertEquals(true, q.get(0).timestamp() >= r.timestamp(), "a head earlier than " + r);
                    }
                }
                left.get(r.partition()).remove(0);
            }
        }
    }
}
