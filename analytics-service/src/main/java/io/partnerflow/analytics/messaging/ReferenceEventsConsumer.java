package io.partnerflow.analytics.messaging;

import io.partnerflow.analytics.application.PartnerProjection;
import io.partnerflow.platform.messaging.EventConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.List;

/** reference.events → FX rates for the base-currency figures. */
@ApplicationScoped
public class ReferenceEventsConsumer {
    private final EventConsumer consumer;
    private final PartnerProjection projection;

    public ReferenceEventsConsumer(EventConsumer consumer, PartnerProjection projection) {
        this.consumer = consumer;
        this.projection = projection;
    }

    @Incoming("reference-events")
    public Uni<Void> consume(Message<String> message) {
        // the projection takes a list (one transaction per list): a batched consumer passes a whole poll here
        return consumer.consume(message, e -> projection.apply(List.of(e)));
    }
}
