package io.partnerflow.deal.application;

import io.partnerflow.deal.domain.CrmChange;
import io.partnerflow.deal.domain.PartnerRef;
import io.partnerflow.deal.persistence.DealEntity;
import io.partnerflow.deal.persistence.RegistrationEntity;
import io.partnerflow.deal.persistence.TouchpointEntity;
import io.partnerflow.deal.domain.registration.RegistrationStatus;
import io.partnerflow.platform.persistence.Pg;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.persistence.LockModeType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What a chunk of CRM deliveries needs, loaded (and locked) ONCE before its changes are applied (issue #16): the deals
 * the changes name, the touchpoints they name or that belong to those deals, the partners their references name, the
 * deletion tombstones and the approved unmatched registrations of the deals' customers. While a scope is open on the
 * consumer's Vert.x context, {@link DealService}, {@link TouchpointService}, {@link DeletedDeals} and
 * {@link RegistrationLinks} read from it instead of one query per change, and register what they create in it; the
 * entities stay managed by the session, so their changes are written at the chunk's flush. The rules themselves are
 * unchanged — the same code runs with or without a scope (REST calls and admin replays run without one).
 */
final class NormaliserScope {
    private static final String KEY = "partnerflow.deal.normaliser-scope";

    record DealKey(String crmSystem, String crmDealId) {
    }

    record TouchKey(String crmSystem, String externalId) {
    }

    private final Map<DealKey, DealEntity> deals = new HashMap<>();
    private final Set<DealKey> dealKeys = new HashSet<>();
    private final Map<TouchKey, TouchpointEntity> byExternalId = new HashMap<>();
    private final Map<UUID, TouchpointEntity> touchpoints = new HashMap<>();
    private final Map<String, UUID> partners = new HashMap<>();
    private final Map<DealKey, Long> deleted = new HashMap<>();
    private final Map<String, List<RegistrationEntity>> registrations = new HashMap<>();
    private final Set<TouchKey> externalIdsAsked = new HashSet<>();

    /** The open scope of the current context, or null (outside a normaliser chunk). */
    static NormaliserScope current() {
        Context ctx = Vertx.currentContext();
        return ctx == null ? null : ctx.getLocal(KEY);
    }

    void open() {
        Vertx.currentContext().putLocal(KEY, this);
    }

    static void close() {
        Context ctx = Vertx.currentContext();
        if (ctx != null) {
            ctx.removeLocal(KEY);
        }
    }

    /** Loads everything the changes need: 3–6 statements for the whole chunk. */
    static Uni<NormaliserScope> load(List<CrmChange> changes) {
        NormaliserScope s = new NormaliserScope();
        Set<String> systems = new LinkedHashSet<>();
        Set<String> externalIds = new LinkedHashSet<>();
        Set<String> dealIds = new LinkedHashSet<>();
        Set<PartnerRef> refs = new LinkedHashSet<>();
        Set<String> domains = new LinkedHashSet<>();
        for (CrmChange c : changes) {
            if (c instanceof CrmChange.DealUpserted u) {
                s.want(systems, dealIds, u.crmSystem(), u.crmDealId());
                if (u.deal().customer().rootDomain() != null) {
                    domains.add(u.deal().customer().rootDomain());
                }
            } else if (c instanceof CrmChange.DealDeleted d) {
                s.want(systems, dealIds, d.crmSystem(), d.crmDealId());
            } else if (c instanceof CrmChange.DealReversal r) {
                s.want(systems, dealIds, r.crmSystem(), r.crmDealId());
            } else if (c instanceof CrmChange.TouchpointRecorded t) {
                s.want(systems, dealIds, t.crmSystem(), t.crmDealId());
                s.externalIdsAsked.add(new TouchKey(t.crmSystem(), t.externalId()));
                systems.add(t.crmSystem());
                externalIds.add(t.externalId());
                refs.add(t.partner());
            } else if (c instanceof CrmChange.TouchpointRemoved t) {
                s.externalIdsAsked.add(new TouchKey(t.crmSystem(), t.externalId()));
                systems.add(t.crmSystem());
                externalIds.add(t.externalId());
            }
        }
        if (systems.isEmpty()) {
            return Uni.createFrom().item(s);
        }
        List<String> sys = List.copyOf(systems);
        // 1. the touchpoints the changes name (their current deal may be another one, which then needs loading too)
        Uni<Void> named = externalIds.isEmpty() ? Uni.createFrom().voidItem()
                : TouchpointEntity.<TouchpointEntity>find("crmSystem in ?1 and externalId in ?2 order by id",
                        sys, List.copyOf(externalIds)).withLock(LockModeType.PESSIMISTIC_WRITE).list()
                .invoke(l -> l.forEach(t -> {
                    s.add(t);
                    s.want(systems, dealIds, t.crmSystem, t.crmDealId);
                })).replaceWithVoid();
        return named.chain(() -> {
            List<String> sys2 = List.copyOf(systems);
            List<String> ids = List.copyOf(dealIds);
            return DealEntity.<DealEntity>find("crmSystem in ?1 and crmDealId in ?2 order by id", sys2, ids)
                    .withLock(LockModeType.PESSIMISTIC_WRITE).list()
                    .invoke(l -> l.forEach(d -> s.deals.put(new DealKey(d.crmSystem, d.crmDealId), d)))
                    // 2. every touchpoint of those deals (a snapshot lists them)
                    .chain(() -> TouchpointEntity.<TouchpointEntity>find("crmSystem in ?1 and crmDealId in ?2 order by id",
                            sys2, ids).withLock(LockModeType.PESSIMISTIC_WRITE).list())
                    .invoke(l -> l.forEach(s::add))
                    .chain(() -> s.loadDeleted(sys2, ids))
                    .chain(() -> s.loadPartners(refs))
                    .chain(() -> s.loadRegistrations(domains))
                    .replaceWith(s);
        });
    }

    private void want(Set<String> systems, Set<String> dealIds, String system, String dealId) {
        systems.add(system);
        dealIds.add(dealId);
        dealKeys.add(new DealKey(system, dealId));
    }

    private void add(TouchpointEntity t) {
        if (touchpoints.putIfAbsent(t.id, t) == null && t.externalId != null) {
            byExternalId.put(new TouchKey(t.crmSystem, t.externalId), t);
        }
    }

    private Uni<Void> loadDeleted(List<String> systems, List<String> dealIds) {
        return Pg.rows("""
                        select crm_system, external_id, properties from crm_record_state
                        where object_type = 'deal_deleted' and crm_system = any($1) and external_id = any($2)""",
                        systems.toArray(String[]::new), dealIds.toArray(String[]::new))
                .invoke(rows -> rows.forEach(r -> deleted.put(new DealKey((String) r[0], (String) r[1]),
                        Long.parseLong((String) r[2])))).replaceWithVoid();
    }

    private Uni<Void> loadPartners(Set<PartnerRef> refs) {
        List<UUID> ids = new ArrayList<>();
        List<String> accounts = new ArrayList<>();
        for (PartnerRef r : refs) {
            partners.put(r.key(), null);
            if (r.partnerId() != null) {
                ids.add(r.partnerId());
            } else {
                accounts.add(r.key());
            }
        }
        Uni<Void> byId = ids.isEmpty() ? Uni.createFrom().voidItem()
                : Pg.rows("select partner_id from partner_directory where partner_id = any($1)", (Object) ids.toArray(UUID[]::new))
                .invoke(rows -> rows.forEach(r -> partners.put(new PartnerRef((UUID) r[0], null, null).key(), (UUID) r[0])))
                .replaceWithVoid();
        // the same rule as TouchpointService.resolve: the lowest partner id holding the account
        return byId.chain(() -> accounts.isEmpty() ? Uni.createFrom().voidItem()
                : Pg.rows("""
                                select distinct on (a) a, partner_id from partner_directory, unnest(crm_accounts) a
                                where a = any($1) order by a, partner_id""", (Object) accounts.toArray(String[]::new))
                .invoke(rows -> rows.forEach(r -> partners.put((String) r[0], (UUID) r[1]))).replaceWithVoid());
    }

    /** Approved, unmatched registrations of the customers' root domains (the loaded deals' and the upserts'). */
    private Uni<Void> loadRegistrations(Set<String> domains) {
        deals.values().forEach(d -> {
            if (d.customerRootDomain != null) {
                domains.add(d.customerRootDomain);
            }
        });
        if (domains.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        for (String d : domains) {
            registrations.putIfAbsent(d, new ArrayList<>());
        }
        return RegistrationEntity.<RegistrationEntity>list(
                        "status = ?1 and customerRootDomain in ?2 and dealId is null order by approvedAt, id",
                        RegistrationStatus.APPROVED, List.copyOf(domains))
                .invoke(l -> l.forEach(r -> registrations.get(r.customerRootDomain).add(r))).replaceWithVoid();
    }

    // ---------------------------------------------------------------- reads and registrations by the services

    boolean coversDeal(String crmSystem, String crmDealId) {
        return dealKeys.contains(new DealKey(crmSystem, crmDealId));
    }

    DealEntity deal(String crmSystem, String crmDealId) {
        return deals.get(new DealKey(crmSystem, crmDealId));
    }

    void created(DealEntity d) {
        DealKey k = new DealKey(d.crmSystem, d.crmDealId);
        dealKeys.add(k);
        deals.put(k, d);
    }

    boolean coversTouchpoint(String crmSystem, String externalId) {
        TouchKey k = new TouchKey(crmSystem, externalId);
        return externalIdsAsked.contains(k) || byExternalId.containsKey(k);
    }

    TouchpointEntity touchpoint(String crmSystem, String externalId) {
        return byExternalId.get(new TouchKey(crmSystem, externalId));
    }

    TouchpointEntity touchpoint(UUID id) {
        return touchpoints.get(id);
    }

    void created(TouchpointEntity t) {
        add(t);
    }

    /** The deal's touchpoints known to the scope (complete for every deal the scope covers). */
    List<TouchpointEntity> touchpointsOf(String crmSystem, String crmDealId) {
        List<TouchpointEntity> out = new ArrayList<>();
        for (TouchpointEntity t : touchpoints.values()) {
            if (crmSystem.equals(t.crmSystem) && crmDealId.equals(t.crmDealId)) {
                out.add(t);
            }
        }
        return out;
    }

    boolean coversPartner(PartnerRef ref) {
        return partners.containsKey(ref.key());
    }

    UUID partner(PartnerRef ref) {
        return partners.get(ref.key());
    }

    boolean coversDeletion(String crmSystem, String crmDealId) {
        return coversDeal(crmSystem, crmDealId); // tombstones are loaded for exactly the deals the scope covers
    }

    Long deletedVersion(String crmSystem, String crmDealId) {
        return deleted.get(new DealKey(crmSystem, crmDealId));
    }

    void deletedAt(String crmSystem, String crmDealId, long version) {
        deleted.put(new DealKey(crmSystem, crmDealId), version);
    }

    boolean coversRegistrations(String rootDomain) {
        return registrations.containsKey(rootDomain);
    }

    /** Approved registrations of the domain not yet matched to a deal, oldest approval first. */
    List<RegistrationEntity> unmatchedRegistrations(String rootDomain) {
        return registrations.get(rootDomain).stream().filter(r -> r.dealId == null).toList();
    }
}
