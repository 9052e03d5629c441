package io.partnerflow.deal.application;

import io.partnerflow.contracts.EventJson;
import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.Topics;
import io.partnerflow.contracts.deal.Customer;
import io.partnerflow.contracts.deal.DealRegistrationApproved;
import io.partnerflow.contracts.deal.DealRegistrationCancelled;
import io.partnerflow.contracts.deal.DealRegistrationExpired;
import io.partnerflow.contracts.deal.DealRegistrationRejected;
import io.partnerflow.contracts.deal.DealRegistrationSubmitted;
import io.partnerflow.core.money.Money;
import io.partnerflow.deal.api.RegistrationDtos.ConflictView;
import io.partnerflow.deal.api.RegistrationDtos.ExpiryRun;
import io.partnerflow.deal.api.RegistrationDtos.RegistrationView;
import io.partnerflow.deal.api.RegistrationDtos.SubmitRegistration;
import io.partnerflow.deal.config.DealConfig;
import io.partnerflow.deal.domain.Ids;
import io.partnerflow.deal.domain.InvalidCrmDataException;
import io.partnerflow.deal.domain.registration.Conflicts;
import io.partnerflow.deal.domain.registration.RegistrationStatus;
import io.partnerflow.deal.persistence.DealEntity;
import io.partnerflow.deal.persistence.PartnerDirectoryEntry;
import io.partnerflow.deal.persistence.RegistrationEntity;
import io.partnerflow.deal.persistence.TouchpointEntity;
import io.partnerflow.platform.outbox.OutboxEvent;
import io.partnerflow.platform.jobs.AdvisoryLock;
import io.partnerflow.platform.outbox.OutboxWriter;
import io.partnerflow.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Deal registration use cases; each is ONE transaction holding the registration, its claims (kept by a trigger),
 * any deal link and touchpoint, and the outbox rows. Conflicts with other partners' active registrations are
 * detected on submission (serialised per customer with advisory locks); the policy decides what happens to them.
 * At most one approved registration per customer and product category is enforced by the database.
 */
@ApplicationScoped
public class RegistrationService {
    public static final String FIRST_TO_REGISTER = "first-to-register";
    public static final String MANUAL_REVIEW = "manual-review";
    static final String EXPIRY_JOB = "deal-service:registration-expiry";

    private final OutboxWriter outbox;
    private final Clock clock;
    private final DealConfig config;
    private final RegistrationLinks links;
    private final DealService deals;
    private final AdvisoryLock jobLock;

    public RegistrationService(OutboxWriter outbox, Clock clock, DealConfig config, RegistrationLinks links, DealService deals,
                               AdvisoryLock jobLock) {
        this.jobLock = jobLock;
        this.outbox = outbox;
        this.clock = clock;
        this.config = config;
        this.links = links;
        this.deals = deals;
    }

    // ------------------------------------------------------------------ submit

    public Uni<RegistrationView> submit(UUID partnerId, SubmitRegistration cmd, String by) {
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        Conflicts.Scope scope;
        try {
            scope = Conflicts.Scope.of(id, partnerId, cmd.customer().name(), cmd.customer().domain(),
                    cmd.customer().country(), cmd.productCategories(), now);
        } catch (InvalidCrmDataException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        if (scope.categories().isEmpty()) {
            throw ProblemException.badRequest("at least one product category is required");
        }
        RegistrationEntity r = new RegistrationEntity();
        r.id = id;
        r.partnerId = partnerId;
        r.customerName = cmd.customer().name().trim();
        r.customerNameKey = scope.nameKey();
        r.customerDomain = io.partnerflow.deal.domain.Domains.normalise(cmd.customer().domain());
        r.customerRootDomain = scope.rootDomain();
        r.customerCountry = scope.country();
        r.productCategories = scope.categories().toArray(String[]::new);
        if (cmd.expectedAmount() != null) {
            r.expectedAmount = cmd.expectedAmount().amount();
            r.currency = cmd.expectedAmount().currencyCode();
        }
        r.expectedCloseDate = cmd.expectedCloseDate();
        r.dealName = cmd.dealName();
        r.description = cmd.description();
        r.status = RegistrationStatus.SUBMITTED;
        r.submittedBy = by;
        r.submittedAt = now;
        return Panache.withTransaction(() -> PartnerDirectoryEntry.<PartnerDirectoryEntry>findById(partnerId)
                .onItem().ifNull().failWith(() -> ProblemException.unprocessable(
                        "partner " + partnerId + " is not known to deal-service yet"))
                .chain(() -> lockCustomer(scope))
                .chain(() -> activeFor(scope))
                .chain(active -> {
                    List<Conflicts.Conflict> conflicts = Conflicts.find(scope, active);
                    List<ConflictView> views = conflicts.stream().map(c -> new ConflictView(c.registrationId(),
                            c.partnerId(), c.category(), c.reason())).toList();
                    r.conflicts = EventJson.writeString(views);
                    Uni<Void> done = r.persist().chain(() -> outbox.append(submitted(r, views)));
                    if (!conflicts.isEmpty() && FIRST_TO_REGISTER.equals(config.registration().conflictPolicy())) {
                        Conflicts.Conflict first = conflicts.get(0);
                        done = done.chain(() -> {
                            r.status = RegistrationStatus.REJECTED;
                            r.decidedBy = "conflict-policy:" + FIRST_TO_REGISTER;
                            r.decidedAt = now;
                            r.decisionNote = "another partner registered this customer and product category first ("
                                    + first.category() + ")";
                            r.conflictingRegistrationId = first.registrationId();
                            r.endedAt = now;
                            return outbox.append(rejected(r));
                        });
                    }
                    return done;
                })
                .chain(() -> Panache.flush())).map(ignored -> view(r));
    }

    // ------------------------------------------------------------------ decisions

    public Uni<RegistrationView> approve(UUID id, String note, String by) {
        return Panache.withTransaction(() -> locked(id).chain(r -> {
                    requireMove(r, RegistrationStatus.APPROVED);
                    Instant now = clock.instant();
                    return PartnerDirectoryEntry.<PartnerDirectoryEntry>findById(r.partnerId).chain(p -> {
                        int days = p != null && p.registrationProtectionDays != null && p.registrationProtectionDays > 0
                                ? p.registrationProtectionDays : config.registration().defaultProtectionDays();
                        r.status = RegistrationStatus.APPROVED;
                        r.decidedBy = by;
                        r.decidedAt = now;
                        r.decisionNote = note;
                        r.approvedAt = now;
                        r.protectedUntil = now.plus(Duration.ofDays(days));
                        // the claims trigger runs here: a second approved registration for the scope fails now
                        return Panache.flush()
                                .chain(() -> outbox.append(new OutboxEvent(eventId(EventType.DEAL_REGISTRATION_APPROVED, r),
                                        Topics.DEAL_EVENTS, EventType.DEAL_REGISTRATION_APPROVED.type(), "registration",
                                        r.id.toString(), r.id.toString(), now,
                                        new DealRegistrationApproved(r.id.toString(), r.partnerId.toString(), customer(r),
                                                List.of(r.productCategories), by, false, now, r.protectedUntil, note))))
                                .chain(() -> matchDeal(r))
                                .replaceWith(r);
                    });
                }))
                .onFailure(RegistrationService::isUniqueViolation).transform(e -> ProblemException.conflict(
                        "another partner's registration is already approved for this customer and product category"))
                .map(RegistrationService::view);
    }

    public Uni<RegistrationView> reject(UUID id, String reason, String by) {
        return Panache.withTransaction(() -> locked(id).chain(r -> {
            requireMove(r, RegistrationStatus.REJECTED);
            Instant now = clock.instant();
            r.status = RegistrationStatus.REJECTED;
            r.decidedBy = by;
            r.decidedAt = now;
            r.decisionNote = reason;
            r.endedAt = now;
            return outbox.append(rejected(r)).replaceWith(r);
        })).map(RegistrationService::view);
    }

    /** {@code partnerScope} non-null for a partner user: another partner's registration is "not found". */
    public Uni<RegistrationView> cancel(UUID id, String reason, String by, UUID partnerScope) {
        return Panache.withTransaction(() -> locked(id).chain(r -> {
            if (partnerScope != null && !partnerScope.equals(r.partnerId)) {
                throw ProblemException.notFound("no registration " + id);
            }
            requireMove(r, RegistrationStatus.CANCELLED);
            Instant now = clock.instant();
            r.status = RegistrationStatus.CANCELLED;
            r.decidedBy = by;
            r.decidedAt = now;
            r.decisionNote = reason;
            r.endedAt = now;
            return outbox.append(new OutboxEvent(eventId(EventType.DEAL_REGISTRATION_CANCELLED, r), Topics.DEAL_EVENTS,
                            EventType.DEAL_REGISTRATION_CANCELLED.type(), "registration", r.id.toString(), r.id.toString(), now,
                            new DealRegistrationCancelled(r.id.toString(), r.partnerId.toString(), by, now,
                                    reason == null ? "cancelled" : reason)))
                    .chain(() -> unlinkOpenDeal(r)).replaceWith(r);
        })).map(RegistrationService::view);
    }

    // ------------------------------------------------------------------ expiry

    /**
     * Expires approved registrations whose protection ended before {@code now}. Runs once across replicas: the
     * first thing in its transaction is a PostgreSQL transaction-scoped advisory lock; a replica that does not get
     * it skips this run.
     */
    public Uni<ExpiryRun> expireDue(Instant now) {
        return Panache.withTransaction(() -> jobLock.tryLock(EXPIRY_JOB)
                .chain(locked -> {
                    if (!locked) {
                        return Uni.createFrom().item(new ExpiryRun(false, 0));
                    }
                    return RegistrationEntity.<RegistrationEntity>find("status = ?1 and protectedUntil < ?2",
                                    Sort.by("protectedUntil").and("id"), RegistrationStatus.APPROVED, now)
                            .withLock(LockModeType.PESSIMISTIC_WRITE).page(0, 500).list()
                            .chain(due -> {
                                Uni<Void> chain = Uni.createFrom().voidItem();
                                for (RegistrationEntity r : due) {
                                    chain = chain.chain(() -> {
                                        r.status = RegistrationStatus.EXPIRED;
                                        r.endedAt = now;
                                        return outbox.append(new OutboxEvent(eventId(EventType.DEAL_REGISTRATION_EXPIRED, r),
                                                Topics.DEAL_EVENTS, EventType.DEAL_REGISTRATION_EXPIRED.type(),
                                                "registration", r.id.toString(), r.id.toString(), now,
                                                new DealRegistrationExpired(r.id.toString(), r.partnerId.toString(),
                                                        r.protectedUntil, now, "protection_period_ended")));
                                    });
                                }
                                return chain.replaceWith(new ExpiryRun(true, due.size()));
                            });
                }));
    }

    // ------------------------------------------------------------------ reads

    public Uni<RegistrationView> get(UUID id, UUID partnerScope) {
        return Panache.withSession(() -> RegistrationEntity.<RegistrationEntity>findById(id)).map(r -> {
            if (r == null || (partnerScope != null && !partnerScope.equals(r.partnerId))) {
                throw ProblemException.notFound("no registration " + id);
            }
            return view(r);
        });
    }

    public Uni<List<RegistrationView>> list(UUID partnerScope, String status) {
        StringBuilder q = new StringBuilder("1 = 1");
        List<Object> params = new ArrayList<>();
        if (partnerScope != null) {
            params.add(partnerScope);
            q.append(" and partnerId = ?").append(params.size());
        }
        if (status != null && !status.isBlank()) {
            params.add(status);
            q.append(" and status = ?").append(params.size());
        }
        return Panache.withSession(() -> RegistrationEntity.<RegistrationEntity>find(q.toString(),
                        Sort.by("submittedAt").and("id"), params.toArray()).page(0, 500).list())
                .map(l -> l.stream().map(RegistrationService::view).toList());
    }

    // ------------------------------------------------------------------ helpers

    /** Registration side: the approved registration looks for its customer's deal (by registrable domain). */
    private Uni<Void> matchDeal(RegistrationEntity r) {
        if (r.customerRootDomain == null) {
            return Uni.createFrom().voidItem();
        }
        return DealEntity.<DealEntity>find("customerRootDomain = ?1 and registrationId is null and status in ?2 "
                                + "order by createdAt desc, id", r.customerRootDomain, List.of(DealService.OPEN, DealService.WON))
                .withLock(LockModeType.PESSIMISTIC_WRITE).list()
                .chain(candidates -> candidates.stream()
                        .filter(d -> Conflicts.overlaps(RegistrationLinks.categories(d), new TreeSet<>(List.of(r.productCategories))))
                        .findFirst()
                        .map(d -> links.link(d, r).chain(() -> Panache.flush()).chain(() -> deals.republish(d)))
                        .orElse(Uni.createFrom().voidItem()));
    }

    private Uni<Void> unlinkOpenDeal(RegistrationEntity r) {
        if (r.dealId == null) {
            return Uni.createFrom().voidItem();
        }
        return DealEntity.<DealEntity>findById(r.dealId).chain(d -> {
            if (d == null || !DealService.OPEN.equals(d.status)) {
                return Uni.createFrom().voidItem();
            }
            d.registrationId = null;
            return TouchpointEntity.<TouchpointEntity>findById(Ids.of("registration-touchpoint", r.id.toString()))
                    .invoke(t -> {
                        if (t != null) {
                            t.removed = true;
                            t.updatedAt = clock.instant();
                        }
                    })
                    .chain(() -> Panache.flush()).chain(() -> deals.republish(d));
        });
    }

    private static Uni<Void> lockCustomer(Conflicts.Scope s) {
        TreeSet<String> keys = new TreeSet<>();
        if (s.rootDomain() != null) {
            keys.add("registration-customer:domain:" + s.rootDomain());
        }
        keys.add("registration-customer:name:" + s.nameKey() + "|" + s.country());
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String k : keys) {
            chain = chain.chain(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                            "select cast(pg_advisory_xact_lock(hashtextextended(cast(?1 as text), 0)) as text)", String.class)
                    .setParameter(1, k).getSingleResult())).replaceWithVoid();
        }
        return chain;
    }

    private static Uni<List<Conflicts.Scope>> activeFor(Conflicts.Scope s) {
        return RegistrationEntity.<RegistrationEntity>list("status in ?1 and (customerRootDomain = ?2 or "
                                + "(customerNameKey = ?3 and customerCountry = ?4))", List.copyOf(RegistrationStatus.ACTIVE),
                        s.rootDomain() == null ? "" : s.rootDomain(), s.nameKey(), s.country())
                .map(l -> l.stream().map(r -> new Conflicts.Scope(r.id, r.partnerId, r.customerRootDomain,
                        r.customerNameKey, r.customerCountry, new TreeSet<>(List.of(r.productCategories)), r.submittedAt)).toList());
    }

    private static Uni<RegistrationEntity> locked(UUID id) {
        return RegistrationEntity.<RegistrationEntity>findById(id, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no registration " + id));
    }

    private static void requireMove(RegistrationEntity r, String to) {
        if (!RegistrationStatus.canMove(r.status, to)) {
            throw ProblemException.conflict("registration " + r.id + " is " + r.status + "; it cannot become " + to);
        }
    }

    private OutboxEvent submitted(RegistrationEntity r, List<ConflictView> conflicts) {
        return new OutboxEvent(eventId(EventType.DEAL_REGISTRATION_SUBMITTED, r), Topics.DEAL_EVENTS,
                EventType.DEAL_REGISTRATION_SUBMITTED.type(), "registration", r.id.toString(), r.id.toString(),
                r.submittedAt, new DealRegistrationSubmitted(r.id.toString(), r.partnerId.toString(), customer(r),
                List.of(r.productCategories), expected(r), r.expectedCloseDate, r.dealName, null, r.description,
                r.submittedBy, r.submittedAt, conflicts.stream().map(c -> new DealRegistrationSubmitted.Conflict(
                c.registrationId().toString(), c.partnerId().toString(), c.productCategory(), c.reason())).toList()));
    }

    private OutboxEvent rejected(RegistrationEntity r) {
        return new OutboxEvent(eventId(EventType.DEAL_REGISTRATION_REJECTED, r), Topics.DEAL_EVENTS,
                EventType.DEAL_REGISTRATION_REJECTED.type(), "registration", r.id.toString(), r.id.toString(), r.decidedAt,
                new DealRegistrationRejected(r.id.toString(), r.partnerId.toString(), r.decidedBy, r.decidedAt,
                        r.decisionNote, r.conflictingRegistrationId == null ? null : r.conflictingRegistrationId.toString()));
    }

    private static UUID eventId(EventType type, RegistrationEntity r) {
        return Ids.of(type.type(), r.id.toString());
    }

    private static Customer customer(RegistrationEntity r) {
        return new Customer(null, r.customerName, r.customerCountry, r.customerDomain, null, null);
    }

    private static Money expected(RegistrationEntity r) {
        return r.expectedAmount == null ? null : Money.of(r.expectedAmount, r.currency);
    }

    static RegistrationView view(RegistrationEntity r) {
        List<ConflictView> conflicts;
        try {
            conflicts = List.of(EventJson.readString(r.conflicts, ConflictView[].class));
        } catch (Exception e) {
            conflicts = List.of();
        }
        return new RegistrationView(r.id, r.partnerId, r.status, r.customerName, r.customerDomain, r.customerCountry,
                List.of(r.productCategories), expected(r), r.expectedCloseDate, r.dealName, r.description,
                r.submittedBy, r.submittedAt, conflicts, r.decidedBy, r.decidedAt, r.decisionNote,
                r.conflictingRegistrationId, r.approvedAt, r.protectedUntil, r.dealId, r.convertedAt, r.endedAt);
    }

    static boolean isUniqueViolation(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof org.hibernate.exception.ConstraintViolationException) {
                return true;
            }
            String m = c.getMessage();
            if (m != null && (m.contains("23505") || m.contains("registration_claim_pkey"))) {
                return true;
            }
        }
        return false;
    }
}
