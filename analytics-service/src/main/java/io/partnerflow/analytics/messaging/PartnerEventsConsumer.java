package io.partnerflow.analytics.messaging;

import io.partnerflow.analytics.application.PartnerProjection;
import io.partnerflow.analytics.rebuild.RebuildGate;
import io.partnerflow.analytics.application.ReadModelChanges;
import io.partnerflow.platform.messaging.EventConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/** partner.events → the partner dimension (profile, tier) and certifications. */
@ApplicationScoped
public class PartnerEventsConsumer {
    private final EventConsumer consumer;
    private final RebuildGate gate;
    private final ReadModelChanges changes;
    private final PartnerProjection projection;

    public PartnerEventsConsumer(EventConsumer consumer, RebuildGate gate, PartnerProjection projection, ReadModelChanges changes) {
        this.consumer = consumer;
        this.gate = gate;
        this.changes = changes;
        this.projection = projection;
    }

    @Incoming("partner-events")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        // one poll = one transaction; the projection gets the poll's new events at once (ADR 0004)
        return gate.guard(() -> changes.consumeTogether(consumer, batch, projection::apply)); // waits while a rebuild runs
    }
}
