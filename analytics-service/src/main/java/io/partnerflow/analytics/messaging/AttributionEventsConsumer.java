package io.partnerflow.analytics.messaging;

import io.partnerflow.analytics.application.ScorecardProjection;
import io.partnerflow.platform.messaging.EventConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.List;

/** attribution.events → sourced/influenced revenue and deals won (attributions, reversals, re-attributions). */
@ApplicationScoped
public class AttributionEventsConsumer {
    private final EventConsumer consumer;
    private final ScorecardProjection projection;

    public AttributionEventsConsumer(EventConsumer consumer, ScorecardProjection projection) {
        this.consumer = consumer;
        this.projection = projection;
    }

    @Incoming("attribution-events")
    public Uni<Void> consume(Message<String> message) {
        // the projection takes a list (one transaction per list): a batched consumer passes a whole poll here
        return consumer.consume(message, e -> projection.apply(List.of(e)));
    }
}
