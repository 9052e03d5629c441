package io.partnerflow.incentive.application;

import io.partnerflow.contracts.partner.PartnerCertificationCompleted;
import io.partnerflow.contracts.partner.PartnerRegistered;
import io.partnerflow.contracts.partner.PartnerStatusChanged;
import io.partnerflow.contracts.partner.PartnerTierChanged;
import io.partnerflow.contracts.partner.PartnerUpdated;
import io.partnerflow.incentive.domain.Texts;
import io.partnerflow.platform.messaging.PoisonMessageException;
import io.partnerflow.platform.persistence.Db;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;

/**
 * The partner projection (type, country, status, payout currency, effective-dated tier history, certifications),
 * fed by {@code partner.events}. A newly registered partner releases the work that waited for it.
 */
@ApplicationScoped
public class PartnerProjection {
    private final EarningEngine engine;
    private final Clock clock;

    public PartnerProjection(EarningEngine engine, Clock clock) {
        this.engine = engine;
        this.clock = clock;
    }

    public Uni<Void> onRegistered(PartnerRegistered p) {
        if (p.partnerId() == null || p.type() == null || p.country() == null || p.payoutCurrency() == null || p.registeredAt() == null) {
            throw new PoisonMessageException("partner.registered without partnerId, type, country, payoutCurrency or registeredAt");
        }
        return Db.exec("""
                        insert into partner (partner_id, name, type, status, country, payout_currency, registered_at, updated_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) on conflict (partner_id) do nothing""",
                        p.partnerId(), p.name(), p.type(), p.status(), p.country(), p.payoutCurrency(), p.registeredAt(), clock.instant())
                .chain(() -> p.tier() == null ? Uni.createFrom().voidItem()
                        : Db.exec("""
                                insert into partner_tier (partner_id, effective_at, decided_at, tier_code, tier_name, tier_rank, reason)
                                values (?1, ?2, ?2, ?3, ?4, 0, 'initial') on conflict do nothing""",
                        p.partnerId(), p.registeredAt(), p.tier(), Texts.capitalize(p.tier())).replaceWithVoid())
                .chain(() -> engine.resolvePartner(p.partnerId()));
    }

    /** A full profile snapshot: replace the copy (a partner first seen through an update is registered by it). */
    public Uni<Void> onUpdated(PartnerUpdated p) {
        return Db.exec("""
                        insert into partner (partner_id, name, type, status, country, payout_currency, registered_at, updated_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)
                        on conflict (partner_id) do update set name = excluded.name, type = excluded.type, status = excluded.status,
                            country = excluded.country, payout_currency = excluded.payout_currency, updated_at = excluded.updated_at""",
                        p.partnerId(), p.name(), p.type(), p.status(), p.country(), p.payoutCurrency(),
                        p.updatedAt() == null ? clock.instant() : p.updatedAt())
                .chain(() -> engine.resolvePartner(p.partnerId()));
    }

    public Uni<Void> onStatusChanged(PartnerStatusChanged s) {
        return Db.exec("update partner set status = ?2, updated_at = ?3 where partner_id = ?1", s.partnerId(), s.to(),
                s.changedAt() == null ? clock.instant() : s.changedAt()).replaceWithVoid();
    }

    public Uni<Void> onTierChanged(PartnerTierChanged t) {
        if (t.to() == null || t.effectiveAt() == null) {
            throw new PoisonMessageException("partner.tier-changed without to or effectiveAt");
        }
        return Db.exec("""
                        insert into partner_tier (partner_id, effective_at, decided_at, tier_code, tier_name, tier_rank, reason)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7) on conflict do nothing""",
                t.partnerId(), t.effectiveAt(), t.decidedAt() == null ? t.effectiveAt() : t.decidedAt(), t.to().code(),
                t.to().name() == null ? Texts.capitalize(t.to().code()) : t.to().name(), t.to().rank(),
                t.reason() == null ? "change" : t.reason()).replaceWithVoid();
    }

    public Uni<Void> onCertification(PartnerCertificationCompleted c) {
        if (c.certificationId() == null || c.personId() == null || c.completedAt() == null) {
            throw new PoisonMessageException("partner.certification-completed without certificationId, personId or completedAt");
        }
        return Db.exec("""
                        insert into partner_certification (certification_id, partner_id, certification_code, certification_name, person_id,
                            person_name, completed_at) values (?1, ?2, ?3, ?4, ?5, cast(?6 as text), ?7) on conflict do nothing""",
                        c.certificationId(), c.partnerId(), c.certificationCode(), c.certificationName(), c.personId(), c.personName(),
                        c.completedAt())
                .chain(n -> engine.onCertification(c));
    }
}
