package io.partnerflow.analytics.messaging;

import io.partnerflow.analytics.application.PipelineProjection;
import io.partnerflow.analytics.application.ScorecardProjection;
import io.partnerflow.analytics.rebuild.RebuildGate;
import io.partnerflow.analytics.application.ReadModelChanges;
import io.partnerflow.platform.messaging.EventConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * deal.events → registrations submitted and approved, and the partner-touched pipeline (pipeline updates, won deals)
 * the forecast weighs; other deal types are acknowledged and ignored.
 */
@ApplicationScoped
public class DealEventsConsumer {
    private final EventConsumer consumer;
    private final RebuildGate gate;
    private final ReadModelChanges changes;
    private final ScorecardProjection projection;
    private final PipelineProjection pipeline;

    public DealEventsConsumer(EventConsumer consumer, RebuildGate gate, ScorecardProjection projection, PipelineProjection pipeline, ReadModelChanges changes) {
        this.consumer = consumer;
        this.gate = gate;
        this.changes = changes;
        this.projection = projection;
        this.pipeline = pipeline;
    }

    @Incoming("deal-events")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        // one poll = one transaction; the projection gets the poll's new events at once (ADR 0004)
        return gate.guard(() -> changes.consumeTogether(consumer, batch, events -> projection.apply(events).chain(() -> pipeline.apply(events)))); // waits while a rebuild runs
    }
}
