package io.partnerflow.analytics.application;

import io.partnerflow.analytics.persistence.PartnerStore;
import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.partner.PartnerCertificationCompleted;
import io.partnerflow.contracts.partner.PartnerRegistered;
import io.partnerflow.contracts.partner.PartnerStatusChanged;
import io.partnerflow.contracts.partner.PartnerTierChanged;
import io.partnerflow.contracts.partner.PartnerUpdated;
import io.partnerflow.contracts.reference.FxRateCorrected;
import io.partnerflow.contracts.reference.FxRatePublished;
import io.partnerflow.core.money.Money;
import io.partnerflow.platform.messaging.EventEnvelope;
import io.partnerflow.platform.messaging.PoisonMessageException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * partner.events → the partner dimension (name, type, status, country, tier) and certifications;
 * reference.events → FX rates. A list at a time, inside the caller's transaction; types not used are ignored.
 */
@ApplicationScoped
public class PartnerProjection {
    private final PartnerStore store;
    private final GamificationService gamification;

    public PartnerProjection(PartnerStore store, GamificationService gamification) {
        this.store = store;
        this.gamification = gamification;
    }

    public Uni<Void> apply(List<EventEnvelope> events) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        java.util.Set<String> certified = new java.util.TreeSet<>();
        boolean rates = false;
        for (EventEnvelope e : events) {
            chain = chain.chain(() -> one(e));
            if (EventType.PARTNER_CERTIFICATION_COMPLETED.type().equals(e.type())) {
                certified.add(EventFacts.partner(e.dataAs(PartnerCertificationCompleted.class).partnerId(), e));
            }
            rates |= EventType.FX_RATE_PUBLISHED.type().equals(e.type()) || EventType.FX_RATE_CORRECTED.type().equals(e.type());
        }
        // certification badges; a new rate may complete a money challenge that waited for it (every partner re-checked)
        chain = chain.chain(() -> gamification.badgesFor(certified));
        return rates ? chain.chain(() -> gamification.challengesFor(null, null)) : chain;
    }

    private Uni<Void> one(EventEnvelope e) {
        EventType type = EventType.find(e.type()).orElse(null);
        if (type == null) {
            return Uni.createFrom().voidItem();
        }
        switch (type) {
            case PARTNER_REGISTERED -> {
                PartnerRegistered p = e.dataAs(PartnerRegistered.class);
                return store.upsertProfile(uuid(p.partnerId(), e), p.name(), p.type(), p.status(), p.country(), p.tier());
            }
            case PARTNER_UPDATED -> {
                PartnerUpdated p = e.dataAs(PartnerUpdated.class);
                return store.upsertProfile(uuid(p.partnerId(), e), p.name(), p.type(), p.status(), p.country(), p.tier());
            }
            case PARTNER_STATUS_CHANGED -> {
                PartnerStatusChanged p = e.dataAs(PartnerStatusChanged.class);
                return store.upsertProfile(uuid(p.partnerId(), e), null, null, p.to(), null, null);
            }
            case PARTNER_TIER_CHANGED -> {
                PartnerTierChanged p = e.dataAs(PartnerTierChanged.class);
                EventFacts.require(p.to(), "to", e);
                return store.tier(uuid(p.partnerId(), e), p.to().code(), p.to().name());
            }
            case PARTNER_CERTIFICATION_COMPLETED -> {
                PartnerCertificationCompleted c = e.dataAs(PartnerCertificationCompleted.class);
                EventFacts.require(c.certificationId(), "certificationId", e);
                EventFacts.require(c.completedAt(), "completedAt", e);
                return store.certification(c.certificationId(), uuid(c.partnerId(), e), c.personId(),
                        EventFacts.day(c.completedAt()));
            }
            case FX_RATE_PUBLISHED -> {
                FxRatePublished r = e.dataAs(FxRatePublished.class);
                EventFacts.require(r.date(), "date", e);
                EventFacts.require(r.rate(), "rate", e);
                if (r.rate().signum() <= 0) {
                    throw new PoisonMessageException("rate must be positive in " + e.type() + " " + e.id());
                }
                try {
                    Money.currencyOf(r.from());
                    Money.currencyOf(r.to());
                } catch (IllegalArgumentException ex) {
                    throw new PoisonMessageException(ex.getMessage() + " in " + e.type() + " " + e.id());
                }
                Instant published = r.publishedAt() != null ? r.publishedAt() : e.time() != null ? e.time() : Instant.EPOCH;
                return store.fxRate(r.from(), r.to(), r.date(), r.rate(), published);
            }
            case FX_RATE_CORRECTED -> {
                FxRateCorrected c = e.dataAs(FxRateCorrected.class);
                EventFacts.require(c.date(), "date", e);
                Instant at = c.correctedAt() != null ? c.correctedAt() : e.time() != null ? e.time() : Instant.EPOCH;
                if (FxRateCorrected.WITHDRAWN.equals(c.action())) {
                    return store.withdrawFxRate(c.from(), c.to(), c.date(), at);
                }
                EventFacts.require(c.rate(), "rate", e);
                if (c.rate().signum() <= 0) {
                    throw new PoisonMessageException("rate must be positive in " + e.type() + " " + e.id());
                }
                return store.fxRate(c.from(), c.to(), c.date(), c.rate(), at);
            }
            default -> {
                return Uni.createFrom().voidItem();
            }
        }
    }

    private static UUID uuid(String raw, EventEnvelope e) {
        return UUID.fromString(EventFacts.partner(raw, e));
    }
}
