package io.partnerflow.incentive.messaging;

import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.analytics.ChallengeCompleted;
import io.partnerflow.incentive.application.EarningEngine;
import io.partnerflow.platform.messaging.EventConsumer;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** analytics.events → challenge.completed becomes one challenge_award earning; other types are ignored. */
@ApplicationScoped
public class AnalyticsEventsConsumer {
    private final EventConsumer consumer;
    private final EarningEngine engine;

    public AnalyticsEventsConsumer(EventConsumer consumer, EarningEngine engine) {
        this.consumer = consumer;
        this.engine = engine;
    }

    @Incoming("analytics-events")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return consumer.consumeBatch(batch, event -> EventType.CHALLENGE_COMPLETED.type().equals(event.type())
                ? engine.onChallengeCompleted(event.dataAs(ChallengeCompleted.class))
                : Uni.createFrom().voidItem());
    }
}
