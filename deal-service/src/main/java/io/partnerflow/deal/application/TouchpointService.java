package io.partnerflow.deal.application;

import io.partnerflow.deal.domain.CrmChange;
import io.partnerflow.deal.domain.Ids;
import io.partnerflow.deal.domain.PartnerRef;
import io.partnerflow.deal.persistence.DealEntity;
import io.partnerflow.deal.persistence.PartnerDirectoryEntry;
import io.partnerflow.deal.persistence.TouchpointEntity;
import io.partnerflow.platform.persistence.Pg;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Touchpoints from the CRM, from REST and from approved registrations. The partner is resolved through the local
 * partner directory; a touchpoint whose partner is not known yet is kept (pending, {@code partner_id} null) and
 * resolved when the partner appears on partner.events — never dropped. Runs inside the caller's transaction.
 */
@ApplicationScoped
public class TouchpointService {
    private final DealService deals;
    private final Clock clock;

    public TouchpointService(DealService deals, Clock clock) {
        this.deals = deals;
        this.clock = clock;
    }

    /** The touchpoint of a CRM reference, locked (from the normaliser's chunk when it loaded it). */
    private static Uni<TouchpointEntity> lock(String crmSystem, String externalId) {
        NormaliserScope scope = NormaliserScope.current();
        if (scope != null && scope.coversTouchpoint(crmSystem, externalId)) {
            return Uni.createFrom().item(scope.touchpoint(crmSystem, externalId));
        }
        return TouchpointEntity.<TouchpointEntity>find("crmSystem = ?1 and externalId = ?2", crmSystem, externalId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** Writes pending entity changes before a query reads them — not needed while a normaliser chunk's scope answers. */
    static Uni<Void> flushUnlessScoped() {
        return NormaliserScope.current() != null ? Uni.createFrom().voidItem() : Panache.flush();
    }

    public Uni<String> record(CrmChange.TouchpointRecorded c) {
        return lock(c.crmSystem(), c.externalId()).chain(existing -> {
                    if (existing != null && existing.crmVersion != null && c.version() < existing.crmVersion) {
                        return Uni.createFrom().item("stale: touchpoint " + c.externalId() + " is at version "
                                + existing.crmVersion + ", version " + c.version() + " ignored");
                    }
                    Instant now = clock.instant();
                    TouchpointEntity t = existing != null ? existing : new TouchpointEntity();
                    String oldDeal = existing == null ? null : existing.crmDealId;
                    Instant oldAt = existing == null ? null : existing.occurredAt;
                    if (existing == null) {
                        t.id = Ids.of("touchpoint", c.crmSystem(), c.externalId());
                        t.createdAt = now;
                        t.source = "crm";
                        t.crmSystem = c.crmSystem();
                        t.externalId = c.externalId();
                    }
                    t.crmVersion = c.version();
                    t.crmDealId = c.crmDealId();
                    t.partnerRef = c.partner().key();
                    t.touchType = c.touchType();
                    t.occurredAt = c.occurredAt();
                    t.evidence = c.evidence();
                    t.removed = false;
                    t.updatedAt = now;
                    return resolve(c.partner()).chain(partnerId -> {
                        t.partnerId = partnerId;
                        NormaliserScope scope = NormaliserScope.current();
                        if (existing == null && scope != null) {
                            scope.created(t);
                        }
                        Uni<Void> saved = existing == null ? t.persist().replaceWithVoid() : Uni.createFrom().voidItem();
                        return saved.chain(TouchpointService::flushUnlessScoped)
                                .chain(() -> oldDeal != null && !oldDeal.equals(t.crmDealId)
                                        ? deals.touchpointsChanged(t.crmSystem, oldDeal, oldAt).replaceWithVoid()
                                        : Uni.createFrom().voidItem())
                                .chain(() -> partnerId == null ? Uni.createFrom().item(false)
                                        : deals.touchpointsChanged(t.crmSystem, t.crmDealId, earliest(oldAt, t.occurredAt)))
                                .map(published -> (existing == null ? "recorded" : "updated") + " touchpoint "
                                        + c.externalId() + (partnerId == null ? " (pending: partner " + t.partnerRef
                                        + " not known yet)" : "") + (published ? "; deal snapshot published" : ""));
                    });
                });
    }

    public Uni<String> remove(CrmChange.TouchpointRemoved c) {
        return lock(c.crmSystem(), c.externalId()).chain(t -> {
                    if (t == null) {
                        return Uni.createFrom().item("touchpoint " + c.externalId() + " not known; nothing to remove");
                    }
                    if (t.crmVersion != null && c.version() < t.crmVersion) {
                        return Uni.createFrom().item("stale: touchpoint " + c.externalId() + " is at version "
                                + t.crmVersion + ", removal at version " + c.version() + " ignored");
                    }
                    t.crmVersion = c.version();
                    return removeNow(t).replaceWith("removed touchpoint " + c.externalId());
                });
    }

    /** A touchpoint entered through REST or by a registration approval. */
    public Uni<TouchpointEntity> addManual(DealEntity deal, UUID id, UUID partnerId, String touchType, Instant at,
                                           String evidence, String source, UUID registrationId, String by) {
        Instant now = clock.instant();
        TouchpointEntity t = new TouchpointEntity();
        t.id = id;
        t.crmSystem = deal.crmSystem;
        t.crmDealId = deal.crmDealId;
        t.partnerRef = new PartnerRef(partnerId, null, null).key();
        t.touchType = touchType;
        t.occurredAt = at;
        t.evidence = evidence;
        t.source = source;
        t.registrationId = registrationId;
        t.createdBy = by;
        t.createdAt = now;
        t.updatedAt = now;
        return resolve(new PartnerRef(partnerId, null, null)).chain(resolved -> {
            t.partnerId = resolved;
            return t.persist().chain(() -> Panache.flush())
                    .chain(() -> resolved == null ? Uni.createFrom().item(false)
                            : deals.touchpointsChanged(deal.crmSystem, deal.crmDealId, at))
                    .replaceWith(t);
        });
    }

    public Uni<Void> removeNow(TouchpointEntity t) {
        if (t.removed) {
            return Uni.createFrom().voidItem();
        }
        t.removed = true;
        t.updatedAt = clock.instant();
        return flushUnlessScoped().chain(() -> t.partnerId == null ? Uni.createFrom().voidItem()
                : deals.touchpointsChanged(t.crmSystem, t.crmDealId, t.occurredAt).replaceWithVoid());
    }

    /**
     * The partner appeared (or changed its CRM accounts): resolves its pending touchpoints and republishes the
     * affected deals.
     */
    public Uni<Integer> resolvePending(PartnerDirectoryEntry partner) {
        List<String> refs = new ArrayList<>();
        refs.add(new PartnerRef(partner.partnerId, null, null).key());
        for (String acct : partner.crmAccounts) {
            refs.add(acct);
        }
        return TouchpointEntity.<TouchpointEntity>list("partnerId is null and partnerRef in ?1 order by occurredAt, id", refs)
                .chain(pending -> {
                    Set<String> dealsTouched = new LinkedHashSet<>();
                    for (TouchpointEntity t : pending) {
                        t.partnerId = partner.partnerId;
                        t.updatedAt = clock.instant();
                        if (!t.removed) {
                            dealsTouched.add(t.crmSystem + "\u0000" + t.crmDealId);
                        }
                    }
                    Uni<Void> chain = Panache.flush();
                    for (String key : dealsTouched) {
                        String[] k = key.split("\u0000", 2);
                        Instant earliest = pending.stream().filter(t -> t.crmSystem.equals(k[0]) && t.crmDealId.equals(k[1]))
                                .map(t -> t.occurredAt).min(Instant::compareTo).orElse(null);
                        chain = chain.chain(() -> deals.touchpointsChanged(k[0], k[1], earliest).replaceWithVoid());
                    }
                    return chain.replaceWith(pending.size());
                });
    }

    /** The Partnerflow partner a reference names, when the directory knows it; null while unknown. */
    public static Uni<UUID> resolve(PartnerRef ref) {
        NormaliserScope scope = NormaliserScope.current();
        if (scope != null && scope.coversPartner(ref)) {
            return Uni.createFrom().item(scope.partner(ref));
        }
        if (ref.partnerId() != null) {
            return PartnerDirectoryEntry.<PartnerDirectoryEntry>findById(ref.partnerId()).map(p -> p == null ? null : p.partnerId);
        }
        // on the raw connection (Pg): a native SELECT through Hibernate misses its plan cache on every execution
        return Pg.rows("select partner_id from partner_directory where $1 = any(crm_accounts) order by partner_id limit 1",
                        ref.key())
                .map(l -> l.isEmpty() ? null : (UUID) l.get(0)[0]);
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }
}
