package io.partnerflow.analytics.messaging;

import io.partnerflow.analytics.application.ScorecardProjection;
import io.partnerflow.analytics.rebuild.RebuildGate;
import io.partnerflow.analytics.application.ReadModelChanges;
import io.partnerflow.platform.messaging.EventConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/** attribution.events → sourced/influenced revenue and deals won (attributions, reversals, re-attributions). */
@ApplicationScoped
public class AttributionEventsConsumer {
    private final EventConsumer consumer;
    private final RebuildGate gate;
    private final ReadModelChanges changes;
    private final ScorecardProjection projection;

    public AttributionEventsConsumer(EventConsumer consumer, RebuildGate gate, ScorecardProjection projection, ReadModelChanges changes) {
        this.consumer = consumer;
        this.gate = gate;
        this.changes = changes;
        this.projection = projection;
    }

    @Incoming("attribution-events")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        // one poll = one transaction; the projection gets the poll's new events at once (ADR 0004)
        return gate.guard(() -> changes.consumeTogether(consumer, batch, projection::apply)); // waits while a rebuild runs
    }
}
