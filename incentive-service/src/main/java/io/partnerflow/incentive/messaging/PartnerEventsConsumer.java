package io.partnerflow.incentive.messaging;

import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.partner.PartnerCertificationCompleted;
import io.partnerflow.contracts.partner.PartnerRegistered;
import io.partnerflow.contracts.partner.PartnerStatusChanged;
import io.partnerflow.contracts.partner.PartnerTierChanged;
import io.partnerflow.contracts.partner.PartnerUpdated;
import io.partnerflow.incentive.application.PartnerProjection;
import io.partnerflow.incentive.application.TierBackdateRecalc;
import io.partnerflow.platform.messaging.EventConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/** partner.events → the partner projection (and training rewards; a backdated tier change → its recalculation); other types are ignored. */
@ApplicationScoped
public class PartnerEventsConsumer {
    private final EventConsumer consumer;
    private final PartnerProjection partners;
    private final TierBackdateRecalc backdated;

    public PartnerEventsConsumer(EventConsumer consumer, PartnerProjection partners, TierBackdateRecalc backdated) {
        this.consumer = consumer;
        this.partners = partners;
        this.backdated = backdated;
    }

    @Incoming("partner-events")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return consumer.consumeBatch(batch, event -> {
            String t = event.type();
            if (EventType.PARTNER_REGISTERED.type().equals(t)) {
                return partners.onRegistered(event.dataAs(PartnerRegistered.class));
            }
            if (EventType.PARTNER_UPDATED.type().equals(t)) {
                return partners.onUpdated(event.dataAs(PartnerUpdated.class));
            }
            if (EventType.PARTNER_STATUS_CHANGED.type().equals(t)) {
                return partners.onStatusChanged(event.dataAs(PartnerStatusChanged.class));
            }
            if (EventType.PARTNER_TIER_CHANGED.type().equals(t)) {
                PartnerTierChanged changed = event.dataAs(PartnerTierChanged.class);
                return partners.onTierChanged(changed).chain(() -> backdated.onTierChanged(event.id(), changed));
            }
            if (EventType.PARTNER_CERTIFICATION_COMPLETED.type().equals(t)) {
                return partners.onCertification(event.dataAs(PartnerCertificationCompleted.class));
            }
            return Uni.createFrom().voidItem();
        });
    }
}
