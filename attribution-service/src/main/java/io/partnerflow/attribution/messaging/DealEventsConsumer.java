package io.partnerflow.attribution.messaging;

import io.partnerflow.attribution.application.AttributionService;
import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.deal.DealClosedWon;
import io.partnerflow.contracts.deal.DealReversed;
import io.partnerflow.platform.messaging.EventConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** deal.events → attributions (closed-won) and attribution reversals (reversed); other types are ignored. */
@ApplicationScoped
public class DealEventsConsumer {
    private final EventConsumer consumer;
    private final AttributionService attributions;

    public DealEventsConsumer(EventConsumer consumer, AttributionService attributions) {
        this.consumer = consumer;
        this.attributions = attributions;
    }

    @Incoming("deal-events")
    public Uni<Void> consume(Message<String> message) {
        return consumer.consume(message, event -> {
            if (EventType.DEAL_CLOSED_WON.type().equals(event.type())) {
                return attributions.onClosedWon(event.dataAs(DealClosedWon.class));
            }
            if (EventType.DEAL_REVERSED.type().equals(event.type())) {
                return attributions.onReversed(event.dataAs(DealReversed.class));
            }
            return Uni.createFrom().voidItem();
        });
    }
}
