package io.partnerflow.attribution.application;

import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.partner.PartnerRegistered;
import io.partnerflow.contracts.partner.PartnerTierChanged;
import io.partnerflow.contracts.partner.PartnerUpdated;
import io.partnerflow.platform.messaging.EventEnvelope;
import io.partnerflow.platform.persistence.Db;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;

/**
 * The partner facts reports group by (type, country, tier), kept from partner.events inside the consumer's
 * transaction (the inbox row and the change commit together). Other partner event types are ignored. Events of
 * one partner arrive in order (key = partnerId); a tier change before the registration creates the row.
 */
@ApplicationScoped
public class PartnerProfiles {
    private final Clock clock;

    public PartnerProfiles(Clock clock) {
        this.clock = clock;
    }

    public Uni<Void> apply(EventEnvelope event) {
        if (EventType.PARTNER_REGISTERED.type().equals(event.type())) {
            PartnerRegistered r = event.dataAs(PartnerRegistered.class);
            return upsert(r.partnerId(), r.type(), r.country(), r.tier());
        }
        if (EventType.PARTNER_UPDATED.type().equals(event.type())) {
            PartnerUpdated u = event.dataAs(PartnerUpdated.class);
            return upsert(u.partnerId(), u.type(), u.country(), u.tier());
        }
        if (EventType.PARTNER_TIER_CHANGED.type().equals(event.type())) {
            PartnerTierChanged t = event.dataAs(PartnerTierChanged.class);
            return Db.exec("""
                    insert into partner_profile (partner_id, tier, updated_at) values (?1, ?2, ?3)
                    on conflict (partner_id) do update set tier = excluded.tier, updated_at = excluded.updated_at""",
                    t.partnerId(), t.to() == null ? null : t.to().code(), clock.instant()).replaceWithVoid();
        }
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> upsert(String partnerId, String type, String country, String tier) {
        return Db.exec("""
                insert into partner_profile (partner_id, type, country, tier, updated_at) values (?1, ?2, ?3, ?4, ?5)
                on conflict (partner_id) do update set type = excluded.type, country = excluded.country,
                    tier = coalesce(excluded.tier, partner_profile.tier), updated_at = excluded.updated_at""",
                partnerId, type, country, tier, clock.instant()).replaceWithVoid();
    }
}
