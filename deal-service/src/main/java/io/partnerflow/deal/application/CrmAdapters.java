package io.partnerflow.deal.application;

import io.partnerflow.contracts.crm.CrmDeliveryReceived;
import io.partnerflow.deal.config.DealConfig;
import io.partnerflow.deal.domain.CrmChange;
import io.partnerflow.deal.domain.InvalidCrmDataException;
import io.partnerflow.deal.domain.crm.GenericFormat;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Raw delivery → normalised changes, per sender format, with the configured mappings. */
@ApplicationScoped
public class CrmAdapters {
    private final DealConfig config;

    public CrmAdapters(DealConfig config) {
        this.config = config;
    }

    public Uni<List<CrmChange>> changes(CrmDeliveryReceived d) {
        return Uni.createFrom().item(() -> switch (d.source()) {
            case GenericFormat.SYSTEM -> GenericFormat.parse(CrmNormaliser.body(d), config.stageMapping());
            default -> throw new InvalidCrmDataException("no adapter for CRM source '" + d.source() + "'");
        });
    }
}
