package io.partnerflow.analytics.messaging;

import io.partnerflow.analytics.application.ScorecardProjection;
import io.partnerflow.analytics.application.ReadModelChanges;
import io.partnerflow.platform.messaging.EventConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/** incentive.earnings → earnings accrued, clawed back, adjusted. */
@ApplicationScoped
public class EarningsConsumer {
    private final EventConsumer consumer;
    private final ReadModelChanges changes;
    private final ScorecardProjection projection;

    public EarningsConsumer(EventConsumer consumer, ScorecardProjection projection, ReadModelChanges changes) {
        this.consumer = consumer;
        this.changes = changes;
        this.projection = projection;
    }

    @Incoming("incentive-earnings")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        // one poll = one transaction; the projection gets the poll's new events at once (ADR 0004)
        return changes.consumeTogether(consumer, batch, projection::apply);
    }
}
