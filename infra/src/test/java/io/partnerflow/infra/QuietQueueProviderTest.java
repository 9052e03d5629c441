package io.partnerflow.infra;

import io.debezium.connector.base.QueueProvider;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The relay's Debezium queue: the same answers as Debezium's in-memory queue, without a busy wait on an empty one. */
class QuietQueueProviderTest {

    @Test
    void itIsAFifoQueueWhoseSizeIsAlwaysTrue() {
        QuietQueueProvider<String> q = new QuietQueueProvider<>();
        q.configure(Map.of("max.queue.size", "4"));
        assertEquals(0, q.size());
        q.enqueue("a");
        q.enqueue("b");
        assertEquals(2, q.size());
        assertEquals("a", q.poll());
        assertEquals("b", q.poll());
        assertNull(q.poll());
        assertEquals(0, q.size());
        assertEquals(0, q.size(), "asked again at once: still the truth, only later");
    }

    @Test
    void aLoopAskingAnEmptyQueueParksInsteadOfSpinning() {
        QuietQueueProvider<String> q = new QuietQueueProvider<>();
        long calls = 0;
        long end = System.nanoTime() + 10_000_000; // 10 ms: the spin of Debezium's poll loop lasts up to 1 ms per poll
        while (System.nanoTime() < end) {
            q.size();
            calls++;
        }
        // parked ≥ 0.1 ms per call after the first: at most ≈ 100 calls (a spinning queue answers millions)
        assertTrue(calls <= 110, calls + " calls in 10 ms");
        q.enqueue("x");
        long t0 = System.nanoTime();
        for (int i = 0; i < 1_000; i++) {
            assertEquals(1, q.size());
        }
        assertTrue(System.nanoTime() - t0 < 50_000_000L, "a non-empty queue answers without parking");
    }

    @Test
    void debeziumFindsItByTheNameTheRelayConfigures() {
        @SuppressWarnings("rawtypes")
        var found = ServiceLoader.load(QueueProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> QuietQueueProvider.NAME.equals(p.name())).toList();
        assertEquals(1, found.size());
        assertTrue(found.get(0) instanceof QuietQueueProvider);
    }
}
