package io.partnerflow.payout.messaging;

import io.partnerflow.payout.application.EarningLine;
import io.partnerflow.payout.application.PartnerDirectory;
import io.partnerflow.payout.application.PartnerDirectory.EarningEvent;
import io.partnerflow.platform.messaging.EventConsumer;
import io.partnerflow.platform.messaging.EventEnvelope;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * incentive.earnings → earning lines in the ledger (or waiting for their partner). Other types are ignored.
 *
 * <p>Per chunk, not per event (#16): the chunk's new earning events (accrued, reversed, adjusted — booked alike) are
 * booked together in offset order ({@link PartnerDirectory#bookOrWait(List)}). Booking one event reads only whether
 * its partner is known (no event of this topic changes that) and whether its earning id is booked already (the first
 * event of an earning id wins, in offset order, as one after the other) — so a whole chunk is one run with the result
 * of applying its events one by one; the other types change nothing. An unreadable event fails the chunk, which the
 * platform bisects until that event is dead-lettered alone.
 */
@ApplicationScoped
public class IncentiveEarningsConsumer {
    static final Set<String> EARNING_TYPES = Set.of("partnerflow.earning.accrued.v1", "partnerflow.earning.reversed.v1",
            "partnerflow.earning.adjusted.v1");

    private final EventConsumer consumer;
    private final PartnerDirectory partners;

    public IncentiveEarningsConsumer(EventConsumer consumer, PartnerDirectory partners) {
        this.consumer = consumer;
        this.partners = partners;
    }

    @Incoming("incentive-earnings")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return consumer.consumeBatchTogether(batch, events -> partners.bookOrWait(earnings(events)));
    }

    static List<EarningEvent> earnings(List<EventEnvelope> events) {
        List<EarningEvent> out = new ArrayList<>(events.size());
        for (EventEnvelope e : events) {
            if (EARNING_TYPES.contains(e.type())) {
                out.add(new EarningEvent(e.id(), e.type(), EarningLine.parse(e.type(), e.data())));
            }
        }
        return out;
    }
}
