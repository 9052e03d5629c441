package io.partnerflow.partner.application;

import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.partner.CrmAccountRef;
import io.partnerflow.contracts.partner.PartnerContact;
import io.partnerflow.contracts.partner.PartnerRegistered;
import io.partnerflow.contracts.partner.PartnerStatusChanged;
import io.partnerflow.contracts.partner.PartnerUpdated;
import io.partnerflow.partner.api.PartnerDtos;
import io.partnerflow.partner.api.PartnerDtos.ChangeStatus;
import io.partnerflow.partner.api.PartnerDtos.CreatePartner;
import io.partnerflow.partner.api.PartnerDtos.Page;
import io.partnerflow.partner.api.PartnerDtos.PartnerView;
import io.partnerflow.partner.api.PartnerDtos.UpdatePartner;
import io.partnerflow.partner.domain.CrmAccount;
import io.partnerflow.partner.domain.PartnerStatus;
import io.partnerflow.partner.domain.PartnerType;
import io.partnerflow.partner.domain.WebDomains;
import io.partnerflow.partner.persistence.PartnerCrmAccountEntity;
import io.partnerflow.partner.persistence.PartnerEntity;
import io.partnerflow.partner.persistence.PartnerWebDomainEntity;
import io.partnerflow.platform.outbox.OutboxEvent;
import io.partnerflow.platform.outbox.OutboxWriter;
import io.partnerflow.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Partner use cases. Each write is ONE transaction holding the aggregate rows and its outbox row; a refused
 * write (conflict, invalid transition) writes nothing at all.
 */
@ApplicationScoped
public class PartnerService {
    static final String CONFLICT_TYPE = "urn:partnerflow:problem:conflict";
    static final String TRANSITION_TYPE = "urn:partnerflow:problem:invalid-status-transition";

    private final OutboxWriter outbox;
    private final Clock clock;
    private final TierService tiers;

    public PartnerService(OutboxWriter outbox, Clock clock, TierService tiers) {
        this.outbox = outbox;
        this.clock = clock;
        this.tiers = tiers;
    }

    /** A profile as validated input: normalised domains, CRM accounts, parent, contact. */
    record Profile(String name, String legalName, PartnerType type, String country, String payoutCurrency,
                   List<String> domains, List<CrmAccount> crm, UUID parent, PartnerDtos.Contact contact) {
    }

    public Uni<PartnerView> register(CreatePartner cmd, String actor) {
        Profile profile = profile(cmd.name(), cmd.legalName(), cmd.type(), cmd.country(), cmd.payoutCurrency(),
                cmd.webDomains(), cmd.crmAccounts(), cmd.parentPartnerId(), cmd.primaryContact());
        Instant now = Times.now(clock);
        PartnerEntity p = new PartnerEntity();
        p.id = idOf(profile);
        p.status = PartnerStatus.PROSPECT;
        p.revision = 1;
        p.createdAt = now;
        p.updatedAt = now;
        apply(p, profile);
        // a new partner owns nothing yet: every existing owner of a domain or account is another partner
        return Panache.withTransaction(() -> requireUnclaimed(new UUID(0, 0), profile)
                        .chain(() -> PartnerEntity.<PartnerEntity>findById(p.id).invoke(taken -> {
                            if (taken != null) {
                                throw conflict("CRM account " + profile.crm().get(0).system() + "/" + profile.crm().get(0).accountId()
                                        + " was the first account of partner " + taken.id + " when it registered (its id is derived from it)");
                            }
                        }))
                        .chain(() -> requireValidParent(p.id, profile.parent()))
                        .chain(() -> tiers.ladderForNewPartner(p.type))
                        .chain(ladder -> {
                            p.tierCode = ladder.map(l -> l.entry().code()).orElse(null);
                            return p.<PartnerEntity>persist()
                                    .chain(() -> persistDomains(p.id, profile.domains()))
                                    .chain(() -> persistCrm(p.id, profile.crm()))
                                    .chain(() -> outbox.append(event(EventType.PARTNER_REGISTERED, p.id, now,
                                            new PartnerRegistered(p.id.toString(), p.name, p.legalName,
                                                    p.type.name().toLowerCase(), p.status.wire(), p.country,
                                                    p.payoutCurrency, profile.domains(), now, crmRefs(profile.crm()),
                                                    p.tierCode, str(p.parentPartnerId), contact(p)))))
                                    // the initial tier-changed follows the registration on the partner's key
                                    .chain(() -> tiers.recordInitial(p, ladder, now, actor));
                        })
                        .chain(() -> Panache.flush()))
                .onFailure(PartnerService::isUniqueViolation)
                .transform(e -> conflict("a web domain or CRM account of this partner already belongs to another partner"))
                .map(ignored -> view(p, profile.domains(), profile.crm()));
    }

    /**
     * A partner registered with CRM accounts gets a name-based id from the first one (system, account id — unique across
     * partners, checked before the insert), so replaying the same CRM history (the demo's seed, a re-import) gives the
     * same partner ids; without a CRM account the id is random.
     */
    static UUID idOf(Profile profile) {
        if (profile.crm().isEmpty()) {
            return UUID.randomUUID();
        }
        CrmAccount first = profile.crm().get(0);
        return io.partnerflow.core.ids.NameBasedIds.of("partner.crm-account", first.system(), first.accountId());
    }

    public Uni<PartnerView> update(UUID id, UpdatePartner cmd, String actor) {
        Profile profile = profile(cmd.name(), cmd.legalName(), cmd.type(), cmd.country(), cmd.payoutCurrency(),
                cmd.webDomains(), cmd.crmAccounts(), cmd.parentPartnerId(), cmd.primaryContact());
        Instant now = Times.now(clock);
        return Panache.withTransaction(() -> find(id).chain(p -> {
                    if (cmd.expectedRevision() != null && cmd.expectedRevision() != p.revision) {
                        throw conflict("partner " + id + " is at revision " + p.revision + ", not "
                                + cmd.expectedRevision() + ": reload and retry");
                    }
                    if (p.status == PartnerStatus.TERMINATED) {
                        throw conflict("partner " + id + " is terminated; its profile can no longer change");
                    }
                    return requireUnclaimed(id, profile)
                            .chain(() -> requireValidParent(id, profile.parent()))
                            .chain(() -> domainEntities(id))
                            .chain(oldDomains -> crmEntities(id).chain(oldCrm -> {
                                List<String> changed = changedFields(p, profile, oldDomains, oldCrm);
                                if (changed.isEmpty()) {
                                    return Uni.createFrom().item(view(p, profile.domains(), profile.crm()));
                                }
                                apply(p, profile);
                                p.revision++;
                                p.updatedAt = now;
                                PartnerUpdated data = new PartnerUpdated(p.id.toString(), p.name, p.legalName,
                                        p.type.name().toLowerCase(), p.status.wire(), p.country, p.payoutCurrency,
                                        profile.domains(), crmRefs(profile.crm()), p.tierCode, changed, now, actor,
                                        p.revision, str(p.parentPartnerId), contact(p));
                                return replaceDomains(id, oldDomains, profile.domains())
                                        .chain(() -> replaceCrm(id, oldCrm, profile.crm()))
                                        .chain(() -> outbox.append(event(EventType.PARTNER_UPDATED, id, now, data)))
                                        .chain(() -> Panache.flush())
                                        .map(x -> view(p, profile.domains(), profile.crm()));
                            }));
                }))
                .onFailure(PartnerService::isUniqueViolation)
                .transform(e -> conflict("a web domain or CRM account of this partner already belongs to another partner"));
    }

    public Uni<PartnerView> changeStatus(UUID id, ChangeStatus cmd, String actor) {
        Instant now = Times.now(clock);
        return Panache.withTransaction(() -> find(id).chain(p -> {
            PartnerStatus from = p.status;
            if (!from.canBecome(cmd.status())) {
                throw new ProblemException(409, "Conflict", "partner " + id + " cannot go from " + from + " to "
                        + cmd.status() + "; from " + from + " it can go to " + from.allowedNext(), TRANSITION_TYPE, null);
            }
            p.status = cmd.status();
            p.revision++;
            p.updatedAt = now;
            PartnerStatusChanged data = new PartnerStatusChanged(id.toString(), from.wire(), p.status.wire(),
                    blankToNull(cmd.reason()), now, actor);
            return outbox.append(event(EventType.PARTNER_STATUS_CHANGED, id, now, data))
                    .chain(() -> Panache.flush())
                    .chain(() -> loadView(p));
        }));
    }

    public Uni<PartnerView> get(UUID id) {
        return Panache.withSession(() -> find(id).chain(this::loadView));
    }

    /** Lists partners, filtered by type, status, tier code and country (each optional), oldest first. */
    public Uni<Page<PartnerView>> list(PartnerType type, PartnerStatus status, String tier, String country,
                                       int page, int size) {
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (type != null) {
            where.append(" and type = :type");
            params.put("type", type);
        }
        if (status != null) {
            where.append(" and status = :status");
            params.put("status", status);
        }
        if (tier != null) {
            where.append(" and tierCode = :tier");
            params.put("tier", tier);
        }
        if (country != null) {
            where.append(" and country = :country");
            params.put("country", country);
        }
        return Panache.withSession(() -> {
            var query = PartnerEntity.<PartnerEntity>find(where.toString(), Sort.by("createdAt").and("id"), params)
                    .page(page, size);
            return query.list().chain(partners -> query.count().chain(total -> views(partners)
                    .map(items -> new Page<>(items, page, size, total))));
        });
    }

    /** The partner, or 404. Must run in a session. */
    public static Uni<PartnerEntity> find(UUID id) {
        return PartnerEntity.<PartnerEntity>findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no partner " + id));
    }

    Uni<PartnerView> loadView(PartnerEntity p) {
        return views(List.of(p)).map(l -> l.get(0));
    }

    private Uni<List<PartnerView>> views(List<PartnerEntity> partners) {
        if (partners.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<UUID> ids = partners.stream().map(p -> p.id).toList();
        return PartnerWebDomainEntity.<PartnerWebDomainEntity>list("partnerId in ?1 order by domain", ids)
                .chain(domains -> PartnerCrmAccountEntity.<PartnerCrmAccountEntity>list(
                                "partnerId in ?1 order by system, accountId", ids)
                        .map(crm -> {
                            Map<UUID, List<String>> d = domains.stream().collect(Collectors.groupingBy(
                                    e -> e.partnerId, Collectors.mapping(e -> e.domain, Collectors.toList())));
                            Map<UUID, List<CrmAccount>> c = crm.stream().collect(Collectors.groupingBy(
                                    e -> e.partnerId, Collectors.mapping(e -> new CrmAccount(e.system, e.accountId),
                                            Collectors.toList())));
                            return partners.stream().map(p -> view(p, d.getOrDefault(p.id, List.of()),
                                    c.getOrDefault(p.id, List.of()))).toList();
                        }));
    }

    // ---- validation

    private static Profile profile(String name, String legalName, PartnerType type, String country, String currency,
                                   List<String> rawDomains, List<PartnerDtos.CrmAccountRef> rawCrm, UUID parent,
                                   PartnerDtos.Contact contact) {
        try {
            io.partnerflow.core.money.Money.currencyOf(currency);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("unknown ISO 4217 currency " + currency);
        }
        Set<String> domains = new LinkedHashSet<>();
        for (String d : rawDomains == null ? List.<String>of() : rawDomains) {
            domains.add(WebDomains.normalise(d));
        }
        Set<CrmAccount> crm = new LinkedHashSet<>();
        for (PartnerDtos.CrmAccountRef r : rawCrm == null ? List.<PartnerDtos.CrmAccountRef>of() : rawCrm) {
            crm.add(new CrmAccount(r.system(), r.accountId()));
        }
        return new Profile(name.trim(), blankToNull(legalName), type, country, currency,
                domains.stream().sorted().toList(),
                crm.stream().sorted(Comparator.comparing(CrmAccount::system).thenComparing(CrmAccount::accountId)).toList(),
                parent, contact);
    }

    /** 409 naming the first domain or CRM account another partner already holds (the keys are the backstop). */
    private static Uni<Void> requireUnclaimed(UUID self, Profile profile) {
        Uni<Void> check = Uni.createFrom().voidItem();
        if (!profile.domains().isEmpty()) {
            check = PartnerWebDomainEntity.<PartnerWebDomainEntity>list("domain in ?1 and partnerId <> ?2",
                    profile.domains(), self).map(taken -> {
                if (!taken.isEmpty()) {
                    throw conflict("web domain " + taken.stream().map(t -> t.domain).sorted().toList()
                            + " already belongs to another partner");
                }
                return null;
            });
        }
        for (CrmAccount a : profile.crm()) {
            check = check.chain(() -> PartnerCrmAccountEntity.<PartnerCrmAccountEntity>find(
                            "system = ?1 and accountId = ?2 and partnerId <> ?3", a.system(), a.accountId(), self)
                    .firstResult().map(taken -> {
                        if (taken != null) {
                            throw conflict("CRM account " + a.system() + "/" + a.accountId()
                                    + " already belongs to another partner");
                        }
                        return null;
                    }));
        }
        return check;
    }

    /** The parent must exist, not be terminated, and not make the partner its own ancestor. */
    private static Uni<Void> requireValidParent(UUID self, UUID parent) {
        if (parent == null) {
            return Uni.createFrom().voidItem();
        }
        if (parent.equals(self)) {
            throw ProblemException.unprocessable("a partner cannot be its own parent");
        }
        return PartnerEntity.<PartnerEntity>findById(parent).chain(pp -> {
            if (pp == null) {
                return Uni.createFrom().failure(ProblemException.unprocessable("parent partner " + parent + " does not exist"));
            }
            if (pp.status == PartnerStatus.TERMINATED) {
                return Uni.createFrom().failure(ProblemException.unprocessable("parent partner " + parent + " is terminated"));
            }
            return ancestorsContain(pp.parentPartnerId, self, 0);
        });
    }

    private static Uni<Void> ancestorsContain(UUID next, UUID self, int depth) {
        if (next == null) {
            return Uni.createFrom().voidItem();
        }
        if (next.equals(self) || depth > 50) {
            return Uni.createFrom().failure(ProblemException.unprocessable(
                    "the parent chain would contain the partner itself (a cycle)"));
        }
        return PartnerEntity.<PartnerEntity>findById(next)
                .chain(p -> ancestorsContain(p == null ? null : p.parentPartnerId, self, depth + 1));
    }

    // ---- rows

    private static void apply(PartnerEntity p, Profile profile) {
        p.name = profile.name();
        p.legalName = profile.legalName();
        p.type = profile.type();
        p.country = profile.country();
        p.payoutCurrency = profile.payoutCurrency();
        p.parentPartnerId = profile.parent();
        p.contactName = profile.contact() == null ? null : profile.contact().name();
        p.contactEmail = profile.contact() == null ? null : blankToNull(profile.contact().email());
        p.contactPhone = profile.contact() == null ? null : blankToNull(profile.contact().phone());
    }

    private static List<String> changedFields(PartnerEntity p, Profile n, List<PartnerWebDomainEntity> oldDomains,
                                              List<PartnerCrmAccountEntity> oldCrm) {
        List<String> changed = new ArrayList<>();
        if (!Objects.equals(p.name, n.name())) changed.add("name");
        if (!Objects.equals(p.legalName, n.legalName())) changed.add("legalName");
        if (p.type != n.type()) changed.add("type");
        if (!Objects.equals(p.country, n.country())) changed.add("country");
        if (!Objects.equals(p.payoutCurrency, n.payoutCurrency())) changed.add("payoutCurrency");
        if (!Set.copyOf(n.domains()).equals(oldDomains.stream().map(d -> d.domain).collect(Collectors.toSet()))) {
            changed.add("webDomains");
        }
        if (!Set.copyOf(n.crm()).equals(oldCrm.stream().map(c -> new CrmAccount(c.system, c.accountId))
                .collect(Collectors.toSet()))) {
            changed.add("crmAccounts");
        }
        if (!Objects.equals(p.parentPartnerId, n.parent())) changed.add("parentPartnerId");
        PartnerDtos.Contact c = n.contact();
        if (!Objects.equals(p.contactName, c == null ? null : c.name())
                || !Objects.equals(p.contactEmail, c == null ? null : blankToNull(c.email()))
                || !Objects.equals(p.contactPhone, c == null ? null : blankToNull(c.phone()))) {
            changed.add("primaryContact");
        }
        return changed;
    }

    private static Uni<List<PartnerWebDomainEntity>> domainEntities(UUID id) {
        return PartnerWebDomainEntity.list("partnerId", id);
    }

    private static Uni<List<PartnerCrmAccountEntity>> crmEntities(UUID id) {
        return PartnerCrmAccountEntity.list("partnerId", id);
    }

    private static Uni<Void> persistDomains(UUID partnerId, List<String> domains) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String d : domains) {
            chain = chain.chain(() -> new PartnerWebDomainEntity(d, partnerId).persist().replaceWithVoid());
        }
        return chain;
    }

    private static Uni<Void> persistCrm(UUID partnerId, List<CrmAccount> crm) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (CrmAccount a : crm) {
            chain = chain.chain(() -> new PartnerCrmAccountEntity(a.system(), a.accountId(), partnerId).persist()
                    .replaceWithVoid());
        }
        return chain;
    }

    private static Uni<Void> replaceDomains(UUID id, List<PartnerWebDomainEntity> old, List<String> now) {
        Set<String> keep = Set.copyOf(now);
        Set<String> had = old.stream().map(d -> d.domain).collect(Collectors.toSet());
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (PartnerWebDomainEntity d : old) {
            if (!keep.contains(d.domain)) {
                chain = chain.chain(() -> d.delete());
            }
        }
        // Deletes are flushed first so a domain moved between partners in two steps is never held twice.
        chain = chain.chain(() -> Panache.flush());
        return chain.chain(() -> persistDomains(id, now.stream().filter(d -> !had.contains(d)).toList()));
    }

    private static Uni<Void> replaceCrm(UUID id, List<PartnerCrmAccountEntity> old, List<CrmAccount> now) {
        Set<CrmAccount> keep = Set.copyOf(now);
        Set<CrmAccount> had = old.stream().map(c -> new CrmAccount(c.system, c.accountId)).collect(Collectors.toSet());
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (PartnerCrmAccountEntity c : old) {
            if (!keep.contains(new CrmAccount(c.system, c.accountId))) {
                chain = chain.chain(() -> c.delete());
            }
        }
        chain = chain.chain(() -> Panache.flush());
        return chain.chain(() -> persistCrm(id, now.stream().filter(c -> !had.contains(c)).toList()));
    }

    // ---- mapping

    static OutboxEvent event(EventType type, UUID partnerId, Instant at, Object data) {
        return event(UUID.randomUUID(), type, partnerId, at, data);
    }

    static OutboxEvent event(UUID eventId, EventType type, UUID partnerId, Instant at, Object data) {
        return new OutboxEvent(eventId, type.topic(), type.type(), type.aggregate(), partnerId.toString(),
                partnerId.toString(), at, data);
    }

    private static List<CrmAccountRef> crmRefs(List<CrmAccount> crm) {
        return crm.stream().map(c -> new CrmAccountRef(c.system(), c.accountId())).toList();
    }

    private static PartnerContact contact(PartnerEntity p) {
        return p.contactName == null ? null : new PartnerContact(p.contactName, p.contactEmail, p.contactPhone);
    }

    static PartnerView view(PartnerEntity p, List<String> domains, List<CrmAccount> crm) {
        return new PartnerView(p.id, p.name, p.legalName, p.type, p.status, p.country, p.payoutCurrency, domains,
                crm.stream().map(c -> new PartnerDtos.CrmAccountRef(c.system(), c.accountId())).toList(),
                p.parentPartnerId,
                p.contactName == null ? null : new PartnerDtos.Contact(p.contactName, p.contactEmail, p.contactPhone),
                p.tierCode, p.revision, p.createdAt, p.updatedAt);
    }

    static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail, CONFLICT_TYPE, null);
    }

    private static String str(UUID id) {
        return id == null ? null : id.toString();
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static boolean isUniqueViolation(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof org.hibernate.exception.ConstraintViolationException) {
                return true;
            }
            String m = c.getMessage();
            if (m != null && m.contains("23505")) {
                return true;
            }
        }
        return false;
    }
}
