package io.partnerflow.analytics.application;

import io.partnerflow.platform.messaging.EventConsumer;
import io.partnerflow.platform.messaging.EventEnvelope;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * In-process signal "the read models changed": a generation number the consumers bump after a batch that applied at
 * least one new event has committed (and a dashboard edit bumps). Live dashboard streams compare it with the one they
 * last evaluated at. Per replica: a replica only knows the batches IT consumed.
 */
@ApplicationScoped
public class ReadModelChanges {
    private final AtomicLong generation = new AtomicLong();

    public long generation() {
        return generation.get();
    }

    public void changed() {
        generation.incrementAndGet();
    }

    /**
     * {@link EventConsumer#consumeBatchTogether} that signals a change once the batch is done (committed and acknowledged)
     * when the effect ran for new events (duplicates only → no signal).
     */
    public Uni<Void> consumeTogether(EventConsumer consumer, KafkaRecordBatch<String, String> batch,
                                     Function<List<EventEnvelope>, Uni<Void>> effect) {
        AtomicBoolean applied = new AtomicBoolean();
        return consumer.consumeBatchTogether(batch, events -> effect.apply(events).invoke(() -> applied.set(true)))
                .invoke(() -> {
                    if (applied.get()) {
                        changed();
                    }
                });
    }
}
