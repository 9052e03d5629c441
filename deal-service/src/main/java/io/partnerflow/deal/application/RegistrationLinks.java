package io.partnerflow.deal.application;

import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.Topics;
import io.partnerflow.contracts.deal.DealRegistrationConverted;
import io.partnerflow.contracts.deal.RegistrationRef;
import io.partnerflow.deal.domain.Ids;
import io.partnerflow.deal.domain.LineData;
import io.partnerflow.deal.domain.PartnerRef;
import io.partnerflow.deal.domain.TouchTypes;
import io.partnerflow.deal.domain.registration.Conflicts;
import io.partnerflow.deal.domain.registration.RegistrationStatus;
import io.partnerflow.deal.persistence.DealEntity;
import io.partnerflow.deal.persistence.RegistrationEntity;
import io.partnerflow.deal.persistence.TouchpointEntity;
import io.partnerflow.platform.outbox.OutboxEvent;
import io.partnerflow.platform.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where deals meet deal registrations: an APPROVED registration is matched to a deal by the customer's registrable
 * domain (and an overlapping product category), which links them and adds the partner's deal-registration
 * touchpoint; the deal's snapshots then carry the registration, and winning the deal converts it. Runs inside the
 * caller's transaction; publishing the deal's snapshot is the caller's job.
 */
@ApplicationScoped
public class RegistrationLinks {
    private final OutboxWriter outbox;
    private final Clock clock;

    public RegistrationLinks(OutboxWriter outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Deal side: a CRM deal arrived or changed — link an approved, unmatched registration of its customer. */
    public Uni<Void> match(DealEntity deal) {
        if (deal.registrationId != null || deal.customerRootDomain == null
                || !(DealService.OPEN.equals(deal.status) || DealService.WON.equals(deal.status))) {
            return Uni.createFrom().voidItem();
        }
        Set<String> categories = categories(deal);
        NormaliserScope scope = NormaliserScope.current();
        Uni<List<RegistrationEntity>> candidates = scope != null && scope.coversRegistrations(deal.customerRootDomain)
                ? Uni.createFrom().item(scope.unmatchedRegistrations(deal.customerRootDomain))
                : RegistrationEntity.<RegistrationEntity>list(
                        "status = ?1 and customerRootDomain = ?2 and dealId is null order by approvedAt, id",
                        RegistrationStatus.APPROVED, deal.customerRootDomain);
        return candidates
                .chain(regs -> regs.stream()
                        .filter(r -> Conflicts.overlaps(Conflicts.categories(List.of(r.productCategories)), categories))
                        .findFirst().map(r -> link(deal, r).chain(TouchpointService::flushUnlessScoped))
                        .orElse(Uni.createFrom().voidItem()));
    }

    /** Links the two and adds the registration's touchpoint (no publishing). */
    public Uni<Void> link(DealEntity deal, RegistrationEntity reg) {
        deal.registrationId = reg.id;
        reg.dealId = deal.id;
        Instant now = clock.instant();
        TouchpointEntity t = new TouchpointEntity();
        t.id = Ids.of("registration-touchpoint", reg.id.toString());
        t.crmSystem = deal.crmSystem;
        t.crmDealId = deal.crmDealId;
        t.partnerRef = new PartnerRef(reg.partnerId, null, null).key();
        t.partnerId = reg.partnerId;
        t.touchType = TouchTypes.DEAL_REGISTRATION;
        t.occurredAt = reg.submittedAt;
        t.source = "registration";
        t.registrationId = reg.id;
        t.createdBy = reg.decidedBy;
        t.createdAt = now;
        t.updatedAt = now;
        NormaliserScope scope = NormaliserScope.current();
        Uni<TouchpointEntity> found = scope != null && scope.touchpoint(t.id) != null
                ? Uni.createFrom().item(scope.touchpoint(t.id)) : TouchpointEntity.<TouchpointEntity>findById(t.id);
        return found.chain(existing -> {
            if (scope != null) {
                scope.created(existing != null ? existing : t); // the deal's snapshot lists it
            }
            if (existing != null) {
                existing.removed = false;
                existing.crmSystem = deal.crmSystem;
                existing.crmDealId = deal.crmDealId;
                existing.updatedAt = now;
                return Uni.createFrom().voidItem();
            }
            return t.persist().replaceWithVoid();
        });
    }

    /** The registration reference of the deal's snapshots, if it has an approved or converted one. */
    public Uni<RegistrationRef> ref(DealEntity deal) {
        if (deal.registrationId == null) {
            return Uni.createFrom().nullItem();
        }
        return RegistrationEntity.<RegistrationEntity>findById(deal.registrationId).map(r -> r == null
                || !(RegistrationStatus.APPROVED.equals(r.status) || RegistrationStatus.CONVERTED.equals(r.status))
                ? null : new RegistrationRef(r.id.toString(), r.partnerId.toString(), r.approvedAt, r.protectedUntil));
    }

    /** The deal is won: its approved registration is converted (once) and referenced in the snapshot. */
    public Uni<RegistrationRef> convertIfRegistered(DealEntity deal) {
        if (deal.registrationId == null) {
            return Uni.createFrom().nullItem();
        }
        return RegistrationEntity.<RegistrationEntity>findById(deal.registrationId).chain(r -> {
            if (r == null) {
                return Uni.createFrom().nullItem();
            }
            RegistrationRef ref = new RegistrationRef(r.id.toString(), r.partnerId.toString(), r.approvedAt, r.protectedUntil);
            if (RegistrationStatus.CONVERTED.equals(r.status)) {
                return Uni.createFrom().item(ref);
            }
            if (!RegistrationStatus.APPROVED.equals(r.status)) {
                return Uni.createFrom().nullItem();
            }
            Instant now = clock.instant();
            r.status = RegistrationStatus.CONVERTED;
            r.convertedAt = now;
            r.endedAt = now;
            return outbox.append(new OutboxEvent(Ids.of(EventType.DEAL_REGISTRATION_CONVERTED.type(), r.id.toString()),
                            Topics.DEAL_EVENTS, EventType.DEAL_REGISTRATION_CONVERTED.type(), "registration",
                            r.id.toString(), r.id.toString(), now,
                            new DealRegistrationConverted(r.id.toString(), r.partnerId.toString(), deal.id.toString(),
                                    deal.crmDealId, now)))
                    .replaceWith(ref);
        });
    }

    static Set<String> categories(DealEntity deal) {
        Set<String> out = new TreeSet<>();
        for (LineData l : Lines.read(deal.lines)) {
            out.add(l.category());
        }
        return out;
    }
}
