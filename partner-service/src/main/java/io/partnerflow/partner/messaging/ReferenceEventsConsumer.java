package io.partnerflow.partner.messaging;

import io.partnerflow.partner.application.MetricFactsStore;
import io.partnerflow.platform.messaging.EventConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** reference.events → FX rates (to convert tier revenue into the base currency). */
@ApplicationScoped
public class ReferenceEventsConsumer {
    private final EventConsumer consumer;
    private final MetricFactsStore facts;

    public ReferenceEventsConsumer(EventConsumer consumer, MetricFactsStore facts) {
        this.consumer = consumer;
        this.facts = facts;
    }

    @Incoming("reference-events")
    public Uni<Void> consume(Message<String> message) {
        return consumer.consume(message, facts::applyReferenceEvent);
    }
}
