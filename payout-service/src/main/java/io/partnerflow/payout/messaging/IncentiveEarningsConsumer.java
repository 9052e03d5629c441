package io.partnerflow.payout.messaging;

import io.partnerflow.payout.application.EarningLine;
import io.partnerflow.payout.application.PartnerDirectory;
import io.partnerflow.platform.messaging.EventConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/** incentive.earnings → earning lines in the ledger (or waiting for their partner). Other types are ignored. */
@ApplicationScoped
public class IncentiveEarningsConsumer {
    private final EventConsumer consumer;
    private final PartnerDirectory partners;

    public IncentiveEarningsConsumer(EventConsumer consumer, PartnerDirectory partners) {
        this.consumer = consumer;
        this.partners = partners;
    }

    @Incoming("incentive-earnings")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return consumer.consumeBatch(batch, event -> switch (event.type()) {
            case "partnerflow.earning.accrued.v1", "partnerflow.earning.reversed.v1", "partnerflow.earning.adjusted.v1" ->
                    partners.bookOrWait(event.id(), event.type(), EarningLine.parse(event.type(), event.data()));
            default -> Uni.createFrom().voidItem();
        });
    }
}
