package io.partnerflow.analytics.messaging;

import io.partnerflow.analytics.application.ScorecardProjection;
import io.partnerflow.platform.messaging.EventConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.List;

/** deal.events → registrations submitted and approved (other deal types are acknowledged and ignored). */
@ApplicationScoped
public class DealEventsConsumer {
    private final EventConsumer consumer;
    private final ScorecardProjection projection;

    public DealEventsConsumer(EventConsumer consumer, ScorecardProjection projection) {
        this.consumer = consumer;
        this.projection = projection;
    }

    @Incoming("deal-events")
    public Uni<Void> consume(Message<String> message) {
        // the projection takes a list (one transaction per list): a batched consumer passes a whole poll here
        return consumer.consume(message, e -> projection.apply(List.of(e)));
    }
}
