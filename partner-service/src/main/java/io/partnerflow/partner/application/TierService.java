package io.partnerflow.partner.application;

import io.partnerflow.partner.persistence.PartnerEntity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/** Tiers (filled in by the tier slice). */
@ApplicationScoped
public class TierService {
    public Uni<Void> assignInitialTier(PartnerEntity p, Instant now, String actor) {
        return Uni.createFrom().voidItem();
    }
}
