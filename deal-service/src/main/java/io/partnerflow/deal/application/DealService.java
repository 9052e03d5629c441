package io.partnerflow.deal.application;

import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.Topics;
import io.partnerflow.contracts.deal.Customer;
import io.partnerflow.contracts.deal.DealClosedWon;
import io.partnerflow.contracts.deal.DealPipelineUpdated;
import io.partnerflow.contracts.deal.DealReversed;
import io.partnerflow.contracts.deal.RegistrationRef;
import io.partnerflow.contracts.deal.Touchpoint;
import io.partnerflow.core.money.Money;
import io.partnerflow.deal.domain.CrmChange;
import io.partnerflow.deal.domain.CustomerData;
import io.partnerflow.deal.domain.DealData;
import io.partnerflow.deal.domain.Ids;
import io.partnerflow.deal.domain.InvalidCrmDataException;
import io.partnerflow.deal.domain.LineData;
import io.partnerflow.deal.domain.LineDelta;
import io.partnerflow.deal.domain.Stage;
import io.partnerflow.deal.persistence.DealEntity;
import io.partnerflow.deal.persistence.TouchpointEntity;
import io.partnerflow.platform.outbox.OutboxEvent;
import io.partnerflow.platform.outbox.OutboxWriter;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The deal aggregate's use cases. Every method runs INSIDE the caller's transaction (the CRM normaliser's, a
 * REST call's, the partner consumer's) and writes the deal and its outbox rows together.
 * <p>Revisions: every published change increments the deal's revision; an open (or lost) deal publishes
 * {@code deal.pipeline-updated}, a won deal {@code deal.closed-won} (once per revision, event id from deal id +
 * revision). Money changes to a won deal publish {@code deal.reversed} kind {@code correction} and the next
 * closed-won revision; refunds and cancellations publish {@code deal.reversed} of their kind.
 */
@ApplicationScoped
public class DealService {
    public static final String OPEN = "open";
    public static final String WON = "closed_won";
    public static final String LOST = "closed_lost";
    public static final String CANCELLED = "cancelled";
    public static final String DELETED = "deleted";

    private final OutboxWriter outbox;
    private final Clock clock;
    private final RegistrationLinks registrations;

    public DealService(OutboxWriter outbox, Clock clock, RegistrationLinks registrations) {
        this.outbox = outbox;
        this.clock = clock;
        this.registrations = registrations;
    }

    // ---------------------------------------------------------------- CRM changes

    public Uni<String> upsert(CrmChange.DealUpserted c) {
        return lock(c.crmSystem(), c.crmDealId()).chain(d -> {
            if (d == null) {
                return DeletedDeals.deletedVersion(c.crmSystem(), c.crmDealId()).chain(deletedAt -> {
                    if (deletedAt != null && deletedAt >= c.version()) {
                        return Uni.createFrom().item("deal " + c.crmDealId() + " was deleted at version " + deletedAt
                                + "; older version " + c.version() + " ignored");
                    }
                    return create(c);
                });
            }
            if (c.version() < d.crmVersion) {
                return Uni.createFrom().item("stale: deal " + c.crmDealId() + " is at version " + d.crmVersion
                        + ", version " + c.version() + " ignored");
            }
            DealData before = data(d);
            DealData after = c.deal();
            d.crmVersion = c.version();
            if (after.equals(before)) {
                return Uni.createFrom().item("unchanged: deal " + c.crmDealId() + " version " + c.version());
            }
            String was = d.status;
            Instant now = clock.instant();
            if (WON.equals(was)) {
                if (after.stage() == Stage.CLOSED_WON) {
                    boolean money = !after.sameMoneyAs(before);
                    List<LineDelta> deltas = LineDelta.between(before.lines(), after.lines());
                    set(d, after);
                    d.revision++;
                    Uni<Void> correction = money
                            ? reversed(d, "correction", "amount or lines changed in the CRM (version " + c.version() + ")",
                            now, before.amount(), deltas, c.itemId())
                            : Uni.createFrom().voidItem();
                    return correction.chain(() -> publish(d)).replaceWith(money
                            ? "corrected won deal " + c.crmDealId() + " → revision " + d.revision
                            : "updated won deal " + c.crmDealId() + " → revision " + d.revision);
                }
                // Leaving won: everything that was won is reversed, then the deal is open/lost again.
                List<LineData> zero = LineDelta.reverse(before.lines(), List.of(), true);
                List<LineDelta> deltas = LineDelta.between(before.lines(), zero);
                set(d, after);
                d.revision++;
                return reversed(d, "cancellation", "moved from won to '" + after.stageName() + "' in the CRM", now,
                        before.amount(), deltas, c.itemId())
                        .chain(() -> publish(d)).replaceWith("won deal " + c.crmDealId() + " reopened as " + d.status);
            }
            set(d, after);
            d.revision++;
            return registrations.match(d).chain(() -> publish(d))
                    .replaceWith("updated deal " + c.crmDealId() + " → revision " + d.revision + " (" + d.status + ")");
        });
    }

    private Uni<String> create(CrmChange.DealUpserted c) {
        DealEntity d = new DealEntity();
        d.id = Ids.deal(c.crmSystem(), c.crmDealId());
        d.crmSystem = c.crmSystem();
        d.crmDealId = c.crmDealId();
        d.crmVersion = c.version();
        d.revision = 1;
        set(d, c.deal());
        NormaliserScope scope = NormaliserScope.current();
        if (scope != null) {
            scope.created(d);
        }
        // a deal created won is marked published BEFORE persist: one INSERT at the flush instead of an INSERT and
        // an UPDATE of wonRevision (#16); a registration match that links it still changes it (an UPDATE then)
        boolean won = WON.equals(d.status);
        if (won) {
            d.wonRevision = d.revision;
        }
        return d.persist().chain(() -> registrations.match(d)).chain(() -> won ? closedWonEvent(d) : publish(d))
                .replaceWith("created deal " + c.crmDealId() + " (" + d.status + ")");
    }

    public Uni<String> delete(CrmChange.DealDeleted c) {
        return lock(c.crmSystem(), c.crmDealId()).chain(d -> {
            if (d == null) {
                return DeletedDeals.remember(c.crmSystem(), c.crmDealId(), c.version(), clock.instant())
                        .replaceWith("deal " + c.crmDealId() + " not known; its deletion is remembered");
            }
            if (c.version() < d.crmVersion) {
                return Uni.createFrom().item("stale: deal " + c.crmDealId() + " is at version " + d.crmVersion
                        + ", deletion at version " + c.version() + " ignored");
            }
            d.crmVersion = c.version();
            if (DELETED.equals(d.status)) {
                return Uni.createFrom().item("deal " + c.crmDealId() + " already deleted");
            }
            Instant now = c.deletedAt() != null ? c.deletedAt() : clock.instant();
            String was = d.status;
            List<LineData> before = Lines.read(d.lines);
            Money originalAmount = money(d);
            List<LineData> zero = LineDelta.reverse(before, List.of(), true);
            d.stage = "deleted";
            d.status = DELETED;
            d.updatedAt = clock.instant();
            d.revision++;
            Uni<Void> effect;
            if (WON.equals(was)) {
                d.lines = Lines.write(zero);
                d.amount = Money.zero(d.currency).amount();
                effect = reversed(d, "cancellation", "deleted in the CRM", now, originalAmount,
                        LineDelta.between(before, zero), c.itemId());
            } else if (OPEN.equals(was)) {
                effect = pipeline(d); // last snapshot: closed_lost
            } else {
                effect = Uni.createFrom().voidItem();
            }
            return effect.chain(() -> DeletedDeals.remember(c.crmSystem(), c.crmDealId(), c.version(), clock.instant()))
                    .replaceWith("deleted deal " + c.crmDealId());
        });
    }

    public Uni<String> reverse(CrmChange.DealReversal c) {
        return lock(c.crmSystem(), c.crmDealId()).chain(d -> {
            if (d == null) {
                throw new InvalidCrmDataException("deal " + c.crmDealId() + " is not known; cannot " + c.kind() + " it");
            }
            if (c.version() <= d.crmVersion) {
                return Uni.createFrom().item("stale: deal " + c.crmDealId() + " is at version " + d.crmVersion
                        + "; the " + c.kind() + " at version " + c.version() + " is already reflected");
            }
            if (!WON.equals(d.status)) {
                throw new InvalidCrmDataException("deal " + c.crmDealId() + " is " + d.status
                        + "; only a won deal can be refunded or cancelled");
            }
            List<LineData> before = Lines.read(d.lines);
            boolean whole = "cancellation".equals(c.kind()) && c.lines().isEmpty();
            List<LineData> after = LineDelta.reverse(before, c.lines(), whole); // validates before any write
            Money originalAmount = money(d);
            Money newAmount = Money.sum(originalAmount.currency(), after.stream().map(LineData::amount).toList());
            d.crmVersion = c.version();
            d.lines = Lines.write(after);
            d.amount = newAmount.amount();
            d.revision++;
            d.updatedAt = clock.instant();
            if ("cancellation".equals(c.kind()) && newAmount.isZero()) {
                d.status = CANCELLED;
            }
            Instant at = c.occurredAt() != null ? c.occurredAt() : clock.instant();
            return reversed(d, c.kind(), c.reason(), at, originalAmount, LineDelta.between(before, after), c.itemId())
                    .replaceWith(c.kind() + " of " + originalAmount.minus(newAmount).amountString() + " "
                            + d.currency + " on deal " + c.crmDealId() + " → revision " + d.revision);
        });
    }

    // ---------------------------------------------------------------- touchpoints changed

    /**
     * A touchpoint of the deal (by CRM reference) appeared, changed, was resolved or removed: publishes a new
     * snapshot when the deal exists and the touchpoint belongs in it (any time for an open deal; up to the close
     * for a won deal, as its next closed-won revision).
     */
    public Uni<Boolean> touchpointsChanged(String crmSystem, String crmDealId, Instant occurredAt) {
        return lock(crmSystem, crmDealId).chain(d -> {
            if (d == null) {
                return Uni.createFrom().item(false);
            }
            boolean relevant = OPEN.equals(d.status)
                    || (WON.equals(d.status) && (occurredAt == null || !occurredAt.isAfter(d.closedAt)));
            if (!relevant) {
                return Uni.createFrom().item(false);
            }
            d.revision++;
            d.updatedAt = clock.instant();
            return publish(d).replaceWith(true);
        });
    }

    /** The deal was linked to a registration (or its registration changed): republish. */
    public Uni<Void> republish(DealEntity d) {
        if (!OPEN.equals(d.status) && !WON.equals(d.status)) {
            return Uni.createFrom().voidItem();
        }
        d.revision++;
        d.updatedAt = clock.instant();
        return publish(d);
    }

    // ---------------------------------------------------------------- publishing

    private Uni<Void> publish(DealEntity d) {
        return WON.equals(d.status) ? closedWon(d) : (OPEN.equals(d.status) || LOST.equals(d.status)) ? pipeline(d)
                : Uni.createFrom().voidItem();
    }

    private Uni<Void> closedWon(DealEntity d) {
        if (d.wonRevision != null && d.wonRevision == d.revision) {
            return Uni.createFrom().voidItem(); // this revision's closed-won is already in the outbox
        }
        d.wonRevision = d.revision;
        return closedWonEvent(d);
    }

    /** The closed-won event of the deal's current revision, to the outbox. */
    private Uni<Void> closedWonEvent(DealEntity d) {
        return registrations.convertIfRegistered(d)
                .chain(reg -> touchpoints(d, d.closedAt).chain(tps -> outbox.append(new OutboxEvent(
                        Ids.of(EventType.DEAL_CLOSED_WON.type(), d.id.toString(), Long.toString(d.revision)),
                        Topics.DEAL_EVENTS, EventType.DEAL_CLOSED_WON.type(), "deal", d.id.toString(), d.id.toString(),
                        clock.instant(),
                        new DealClosedWon(d.id.toString(), d.crmDealId, d.crmSystem, d.revision, d.name, d.dealType,
                                customer(d), money(d), Lines.contract(Lines.read(d.lines)), d.createdAt, d.closedAt,
                                reg, tps)))));
    }

    private Uni<Void> pipeline(DealEntity d) {
        String status = OPEN.equals(d.status) ? "open" : "closed_lost";
        return registrations.ref(d).chain(reg -> touchpoints(d, null).chain(tps -> outbox.append(new OutboxEvent(
                Ids.of(EventType.DEAL_PIPELINE_UPDATED.type(), d.id.toString(), Long.toString(d.revision)),
                Topics.DEAL_EVENTS, EventType.DEAL_PIPELINE_UPDATED.type(), "deal", d.id.toString(), d.id.toString(),
                clock.instant(),
                new DealPipelineUpdated(d.id.toString(), d.crmDealId, d.crmSystem, d.revision, d.name, d.dealType,
                        d.stage, status, d.probability, customer(d), money(d), Lines.contract(Lines.read(d.lines)),
                        d.createdAt, d.expectedCloseDate, reg, tps, d.updatedAt)))));
    }

    private Uni<Void> reversed(DealEntity d, String kind, String reason, Instant at, Money originalAmount,
                               List<LineDelta> deltas, String cause) {
        Money newAmount = money(d);
        UUID id = Ids.of(EventType.DEAL_REVERSED.type(), d.id.toString(), kind, cause, Long.toString(d.revision));
        List<DealReversed.LineDelta> lines = deltas.stream().map(l -> new DealReversed.LineDelta(l.lineNumber(),
                l.sku(), l.category(), l.quantityDelta(), l.amountDelta())).toList();
        return outbox.append(new OutboxEvent(id, Topics.DEAL_EVENTS, EventType.DEAL_REVERSED.type(), "deal",
                d.id.toString(), d.id.toString(), at,
                new DealReversed(id.toString(), d.id.toString(), d.crmDealId, kind, d.revision, reason,
                        d.closedAt, at, originalAmount, newAmount.minus(originalAmount), newAmount, lines)));
    }

    /** Resolved, not removed touchpoints of the deal (up to {@code until} when given), oldest first. */
    static Uni<List<Touchpoint>> touchpoints(DealEntity d, Instant until) {
        NormaliserScope scope = NormaliserScope.current();
        if (scope != null && scope.coversDeal(d.crmSystem, d.crmDealId)) {
            return Uni.createFrom().item(snapshot(scope.touchpointsOf(d.crmSystem, d.crmDealId).stream()
                    .filter(t -> !t.removed && t.partnerId != null && (until == null || !t.occurredAt.isAfter(until)))
                    .sorted(java.util.Comparator.comparing((TouchpointEntity t) -> t.occurredAt).thenComparing(t -> t.id))
                    .toList()));
        }
        String q = "crmSystem = ?1 and crmDealId = ?2 and removed = false and partnerId is not null"
                + (until == null ? "" : " and occurredAt <= ?3") + " order by occurredAt, id";
        Uni<List<TouchpointEntity>> found = until == null
                ? TouchpointEntity.list(q, d.crmSystem, d.crmDealId)
                : TouchpointEntity.list(q, d.crmSystem, d.crmDealId, until);
        return found.map(DealService::snapshot);
    }

    private static List<Touchpoint> snapshot(List<TouchpointEntity> l) {
        return l.stream().map(t -> new Touchpoint(t.id.toString(), t.partnerId.toString(), t.touchType,
                t.occurredAt, t.source, t.registrationId == null ? null : t.registrationId.toString(),
                "crm".equals(t.source) ? t.externalId : null)).toList();
    }

    // ---------------------------------------------------------------- mapping

    public static Uni<DealEntity> lock(String crmSystem, String crmDealId) {
        NormaliserScope scope = NormaliserScope.current();
        if (scope != null && scope.coversDeal(crmSystem, crmDealId)) {
            return Uni.createFrom().item(scope.deal(crmSystem, crmDealId)); // loaded and locked with its chunk
        }
        return DealEntity.<DealEntity>find("crmSystem = ?1 and crmDealId = ?2", crmSystem, crmDealId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    private void set(DealEntity d, DealData x) {
        d.name = x.name();
        d.customerName = x.customer().name();
        d.customerDomain = x.customer().domain();
        d.customerRootDomain = x.customer().rootDomain();
        d.customerCountry = x.customer().country();
        d.customerCrmAccountId = x.customer().crmAccountId();
        d.currency = x.currency();
        d.amount = x.amount().amount();
        d.lines = Lines.write(x.lines());
        d.stage = x.stageName();
        d.status = switch (x.stage()) {
            case OPEN -> OPEN;
            case CLOSED_WON -> WON;
            case CLOSED_LOST -> LOST;
        };
        d.dealType = x.dealType();
        d.probability = x.probability();
        d.createdAt = x.createdAt();
        d.closedAt = x.closedAt();
        d.expectedCloseDate = x.expectedCloseDate();
        d.updatedAt = clock.instant();
    }

    /** The stored deal as DealData (so an unchanged redelivery compares equal); null-safe for deleted deals. */
    static DealData data(DealEntity d) {
        Stage stage = switch (d.status) {
            case WON -> Stage.CLOSED_WON;
            case LOST -> Stage.CLOSED_LOST;
            case OPEN -> Stage.OPEN;
            default -> null;
        };
        if (stage == null) {
            return null; // deleted / cancelled: any upsert is a change
        }
        return new DealData(d.name, new CustomerData(d.customerName, d.customerDomain, d.customerCountry,
                d.customerCrmAccountId), money(d), Lines.read(d.lines), d.stage, stage, d.dealType, d.createdAt,
                d.closedAt, d.expectedCloseDate, d.probability);
    }

    static Money money(DealEntity d) {
        return Money.of(d.amount, d.currency);
    }

    static Customer customer(DealEntity d) {
        return new Customer(d.customerCrmAccountId, d.customerName, d.customerCountry, d.customerDomain, null, null);
    }

    static <T> Uni<T> inTransaction(java.util.function.Supplier<Uni<T>> work) {
        return Panache.withTransaction(work);
    }
}
