package io.partnerflow.deal.application;

import io.partnerflow.contracts.partner.PartnerRegistered;
import io.partnerflow.contracts.partner.CrmAccountRef;
import io.partnerflow.contracts.partner.PartnerStatusChanged;
import io.partnerflow.contracts.partner.PartnerTierChanged;
import io.partnerflow.deal.domain.PartnerRef;
import io.partnerflow.contracts.partner.PartnerUpdated;
import io.partnerflow.deal.api.PartnerDirectoryResource.PartnerDirectoryView;
import io.partnerflow.deal.persistence.PartnerDirectoryEntry;
import io.partnerflow.platform.messaging.EventEnvelope;
import io.partnerflow.platform.messaging.PoisonMessageException;
import io.partnerflow.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * deal-service's partner directory, kept from partner.events. Runs inside the consumer's transaction
 * (the inbox row and these changes commit together). Types it does not use (tiers, certifications) are
 * acknowledged and ignored.
 */
@ApplicationScoped
public class PartnerDirectory {
    static final String REGISTERED = "partnerflow.partner.registered.v1";
    static final String UPDATED = "partnerflow.partner.updated.v1";
    static final String STATUS_CHANGED = "partnerflow.partner.status-changed.v1";
    static final String TIER_CHANGED = "partnerflow.partner.tier-changed.v1";
    /** The tier benefit that sets a registration's protection period. */
    static final String PROTECTION_BENEFIT = "registration_protection_days";

    private final Clock clock;
    private final TouchpointService touchpoints;

    public PartnerDirectory(Clock clock, TouchpointService touchpoints) {
        this.clock = clock;
        this.touchpoints = touchpoints;
    }

    public Uni<Void> apply(EventEnvelope event) {
        return switch (event.type()) {
            case REGISTERED -> {
                PartnerRegistered r = event.dataAs(PartnerRegistered.class);
                yield upsert(event, id(r.partnerId(), event), e -> {
                    e.name = r.name();
                    e.type = r.type();
                    e.status = r.status();
                    e.country = r.country();
                    e.payoutCurrency = r.payoutCurrency();
                    e.webDomains = r.webDomains().toArray(String[]::new);
                    e.crmAccounts = crmKeys(r.crmAccounts());
                });
            }
            case UPDATED -> {
                PartnerUpdated u = event.dataAs(PartnerUpdated.class);
                yield upsert(event, id(u.partnerId(), event), e -> {
                    e.name = u.name();
                    e.type = u.type();
                    e.status = u.status();
                    e.country = u.country();
                    e.payoutCurrency = u.payoutCurrency();
                    e.webDomains = u.webDomains().toArray(String[]::new);
                    e.crmAccounts = crmKeys(u.crmAccounts());
                });
            }
            case STATUS_CHANGED -> {
                PartnerStatusChanged s = event.dataAs(PartnerStatusChanged.class);
                yield PartnerDirectoryEntry.<PartnerDirectoryEntry>findById(id(s.partnerId(), event))
                        .onItem().ifNull().failWith(() -> new IllegalStateException(
                                "status change for a partner not yet registered: " + s.partnerId()))
                        .invoke(e -> {
                            e.status = s.to();
                            touch(e, event);
                        })
                        .replaceWithVoid();
            }
            case TIER_CHANGED -> {
                PartnerTierChanged t = event.dataAs(PartnerTierChanged.class);
                yield PartnerDirectoryEntry.<PartnerDirectoryEntry>findById(id(t.partnerId(), event))
                        .onItem().ifNull().failWith(() -> new IllegalStateException(
                                "tier change for a partner not yet registered: " + t.partnerId()))
                        .invoke(e -> {
                            e.registrationProtectionDays = t.benefits().stream()
                                    .filter(b -> PROTECTION_BENEFIT.equals(b.code()) && b.value() != null)
                                    .map(b -> b.value().intValue()).findFirst().orElse(null);
                            touch(e, event);
                        })
                        .replaceWithVoid();
            }
            default -> Uni.createFrom().voidItem();
        };
    }

    private static String[] crmKeys(List<CrmAccountRef> refs) {
        return refs.stream().filter(r -> r.system() != null && r.accountId() != null)
                .map(r -> PartnerRef.crmKey(r.system(), r.accountId())).distinct().toArray(String[]::new);
    }

    public Uni<PartnerDirectoryView> get(UUID partnerId) {
        return Panache.withSession(() -> PartnerDirectoryEntry.<PartnerDirectoryEntry>findById(partnerId))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("partner " + partnerId + " is not known to deal-service"))
                .map(e -> new PartnerDirectoryView(e.partnerId, e.name, e.type, e.status, e.country, e.payoutCurrency,
                        List.of(e.webDomains), e.revision, e.lastEventTime));
    }

    private Uni<Void> upsert(EventEnvelope event, UUID id, java.util.function.Consumer<PartnerDirectoryEntry> change) {
        return PartnerDirectoryEntry.<PartnerDirectoryEntry>findById(id).chain(existing -> {
            PartnerDirectoryEntry e = existing != null ? existing : new PartnerDirectoryEntry();
            if (existing == null) {
                e.partnerId = id;
            }
            change.accept(e);
            touch(e, event);
            Uni<Void> saved = existing != null ? Uni.createFrom().voidItem() : e.persist().replaceWithVoid();
            // Touchpoints that named this partner (by id or CRM account) before it was known are resolved now.
            return saved.chain(() -> touchpoints.resolvePending(e)).replaceWithVoid();
        });
    }

    private void touch(PartnerDirectoryEntry e, EventEnvelope event) {
        e.revision++;
        e.lastEventId = event.id();
        e.lastEventTime = event.time();
        e.updatedAt = clock.instant();
    }

    private static UUID id(String raw, EventEnvelope event) {
        try {
            return UUID.fromString(raw);
        } catch (RuntimeException e) {
            throw new PoisonMessageException("partnerId '" + raw + "' is not a UUID in " + event.type() + " " + event.id());
        }
    }
}
