package io.partnerflow.infra;

import io.debezium.connector.base.QueueProvider;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * The local relay's Debezium change-event queue: Debezium's in-memory one (an {@link ArrayDeque}, every call made under
 * the change-event queue's lock), minus the busy wait of its poll loop. In Debezium 3.6 {@code ChangeEventQueue.poll}
 * waits for {@code poll.interval.ms} on a millisecond timer that says "not expired" when exactly the interval has
 * passed while the time left to wait is already 0 ms, so for the last millisecond of every poll it loops without
 * waiting — each turn asks this queue for its {@link #size()} first — ≈ 1/21 of a core per engine at 20 ms, loaded or
 * idle (docs/benchmarks.md, session 11). Here an empty queue asked again within {@link #AGAIN_NS} of its last empty
 * answer parks {@link #PARK_NS} before answering: the loop turns a few times in that millisecond instead of spinning.
 * Answers are never wrong, only an empty one may come up to 0.1 ms later. Set by {@link OutboxRelay} only
 * ({@code queue.provider.type}): Kafka Connect on Kubernetes and docker keeps Debezium's own queue.
 */
public final class QuietQueueProvider<T> implements QueueProvider<T> {
    public static final String NAME = "partnerflow-quiet-memory";
    static final long AGAIN_NS = 20_000;
    static final long PARK_NS = 100_000;

    private ArrayDeque<T> queue = new ArrayDeque<>();
    private long lastEmptyAnswer = Long.MIN_VALUE / 2;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void configure(Map<String, ?> config) {
        Object max = config.get("max.queue.size");
        queue = new ArrayDeque<>(max == null ? 8192 : Integer.parseInt(max.toString()));
    }

    @Override
    public void enqueue(T item) {
        queue.add(item);
    }

    @Override
    public T poll() {
        return queue.poll();
    }

    @Override
    public int size() {
        int n = queue.size();
        if (n == 0) {
            long now = System.nanoTime();
            if (now - lastEmptyAnswer < AGAIN_NS) {
                LockSupport.parkNanos(PARK_NS);
                now = System.nanoTime();
            }
            lastEmptyAnswer = now;
        }
        return n;
    }
}
