package io.partnerflow.attribution.application;

import io.partnerflow.attribution.domain.AttributionModels;
import io.partnerflow.attribution.domain.AttributionModels.TouchWeights;
import io.partnerflow.attribution.domain.CreditSplit;
import io.partnerflow.attribution.domain.CreditSplit.Line;
import io.partnerflow.attribution.domain.CreditSplit.PartnerCredit;
import io.partnerflow.attribution.domain.Touch;
import io.partnerflow.attribution.domain.TouchType;
import io.partnerflow.attribution.persistence.AttributionEntity;
import io.partnerflow.attribution.persistence.CreditEntity;
import io.partnerflow.contracts.EventJson;
import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.Topics;
import io.partnerflow.contracts.attribution.Credit;
import io.partnerflow.contracts.attribution.DealAttributed;
import io.partnerflow.contracts.attribution.DealAttributionReversed;
import io.partnerflow.contracts.attribution.DealContext;
import io.partnerflow.contracts.deal.DealClosedWon;
import io.partnerflow.contracts.deal.DealLine;
import io.partnerflow.contracts.deal.DealReversed;
import io.partnerflow.contracts.deal.Touchpoint;
import io.partnerflow.core.money.Money;
import io.partnerflow.core.money.Weight;
import io.partnerflow.platform.messaging.PoisonMessageException;
import io.partnerflow.platform.outbox.OutboxEvent;
import io.partnerflow.platform.outbox.OutboxWriter;
import io.partnerflow.platform.persistence.Pg;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Reverses attributions, and holds the pieces of an attribution that {@link ClosedWonBatch} (won deals, a chunk at a
 * time) and re-attribution share. Runs inside the consumer's transaction: the reversal, its credits and the outbox row
 * commit together with the inbox row.
 * <p>
 * Revisions: the first closed-won snapshot of a deal is attributed. Later revisions follow a
 * {@code deal.reversed} of kind correction, whose per-line deltas already moved the money; they are
 * stored (for re-attribution and what-if) and not attributed again, so nothing is counted twice.
 */
@ApplicationScoped
public class AttributionService {
    private final OutboxWriter outbox;
    private final Clock clock;

    public AttributionService(OutboxWriter outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    public Uni<Void> onReversed(DealReversed reversal) {
        return Pg.exec("insert into deal_reversal (reversal_id, deal_id, payload, received_at) values ($1, $2, $3, $4) on conflict do nothing",
                        reversal.reversalId(), reversal.dealId(), EventJson.writeString(reversal), clock.instant())
                .chain(inserted -> inserted == 0 ? Uni.createFrom().voidItem() : applyToCompact(reversal))
                .chain(() -> AttributionEntity.activeFor(reversal.dealId())).chain(active -> {
            if (active == null || active.unattributed) {
                return Uni.createFrom().voidItem(); // nothing credited, nothing to reverse
            }
            DealAttributed original = EventJson.readString(active.payload, DealAttributed.class);
            List<PartnerCredit> originalCredits = original.credits().stream().map(AttributionService::partnerCredit).toList();
            List<Line> deltas = reversal.lines().isEmpty()
                    ? List.of(new Line(0, reversal.amountDelta()))
                    : reversal.lines().stream().map(l -> new Line(l.lineNumber(), l.amountDelta())).toList();
            Map<String, Map<Integer, Money>> split = CreditSplit.reverse(originalCredits, deltas);
            UUID reversalId = nameUuid("attribution-reversal", reversal.reversalId(), active.id.toString());
            Instant now = clock.instant();
            String currency = reversal.amountDelta().currencyCode();
            List<Credit> credits = new ArrayList<>();
            for (Credit c : original.credits()) {
                Map<Integer, Money> lines = split.get(c.partnerId());
                if (lines == null) {
                    continue;
                }
                Money total = Money.sum(java.util.Currency.getInstance(currency), lines.values());
                credits.add(new Credit(c.partnerId(), c.weight(), total, c.role(), c.touchTypes(), c.touchpointIds(),
                        lines.entrySet().stream().map(e -> new Credit.LineCredit(e.getKey(), sku(original, e.getKey()),
                                category(original, e.getKey()), e.getValue())).toList()));
            }
            DealAttributionReversed data = new DealAttributionReversed(reversalId.toString(), active.id.toString(),
                    reversal.dealId(), reversal.reversalId(), reversal.kind(), reversal.reason(), original.deal(),
                    original.model(), reversal.amountDelta(), credits, now);
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Credit c : credits) {
                chain = chain.chain(() -> creditRow(active, reversalId, "reversed", c, now).persist().replaceWithVoid());
            }
            return chain.chain(() -> outbox.append(new OutboxEvent(reversalId, Topics.ATTRIBUTION_EVENTS,
                    EventType.DEAL_ATTRIBUTION_REVERSED.type(), "deal", reversal.dealId(), reversal.dealId(), now, data)));
        });
    }

    /** Adds a (first-time) reversal's per-line deltas to the deal's compact net lines. */
    private static Uni<Void> applyToCompact(DealReversed reversal) {
        return Pg.strings("select lines from deal_compact where deal_id = $1 for update", reversal.dealId())
                .chain(rows -> {
                    if (rows.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    java.util.Map<Integer, java.math.BigInteger> net = CompactDeal.decodeLines(rows.get(0));
                    if (reversal.lines().isEmpty()) {
                        net.merge(0, reversal.amountDelta().minorUnits(), java.math.BigInteger::add);
                    } else {
                        reversal.lines().forEach(l -> net.merge(l.lineNumber(), l.amountDelta().minorUnits(), java.math.BigInteger::add));
                    }
                    return Pg.exec("update deal_compact set lines = $2 where deal_id = $1", reversal.dealId(),
                            CompactDeal.encode(net)).replaceWithVoid();
                });
    }

    static PartnerCredit partnerCredit(Credit c) {
        Map<Integer, Money> lines = new java.util.TreeMap<>();
        c.lines().forEach(l -> lines.put(l.lineNumber(), l.amount()));
        return new PartnerCredit(c.partnerId(), Weight.of(c.weight()), c.weight(), c.amount(), lines, List.of());
    }

    /** Each credited touch's share of the whole deal at scale 8 (summing to exactly 1 over the deal). */
    static Map<String, java.math.BigDecimal> touchShares(TouchWeights weights) {
        List<io.partnerflow.core.money.Share<String>> shares = weights.credited().stream()
                .filter(t -> !t.weight().isZero())
                .map(t -> io.partnerflow.core.money.Share.of(t.touch().touchpointId(), t.weight())).toList();
        return shares.isEmpty() ? Map.of() : io.partnerflow.core.money.Weights.toWire(shares);
    }

    static Credit credit(PartnerCredit c, DealClosedWon deal, Optional<String> sourced, Map<String, java.math.BigDecimal> touchWire) {
        Money amount = c.amount();
        Map<Integer, Money> lines = c.lines();
        LinkedHashSet<String> types = new LinkedHashSet<>();
        List<String> ids = new ArrayList<>();
        List<Credit.TouchShare> shares = new ArrayList<>();
        c.touches().forEach(t -> {
            types.add(t.touch().type().wire());
            ids.add(t.touch().touchpointId());
            shares.add(new Credit.TouchShare(t.touch().touchpointId(), t.touch().type().wire(), t.touch().at(),
                    touchWire.get(t.touch().touchpointId()),
                    t.roles().stream().map(r -> r.name().toLowerCase()).sorted().toList()));
        });
        List<Credit.LineCredit> lineCredits = new ArrayList<>();
        lines.forEach((n, m) -> {
            DealLine dl = deal.lines().stream().filter(l -> l.lineNumber() == n).findFirst().orElse(null);
            lineCredits.add(new Credit.LineCredit(n, dl == null ? null : dl.sku(), dl == null ? null : dl.category(), m));
        });
        return new Credit(c.partnerId(), c.wireWeight(), amount,
                sourced.filter(c.partnerId()::equals).isPresent() ? "sourced" : "influenced",
                List.copyOf(types), ids, shares, lineCredits);
    }

    static CreditEntity creditRow(AttributionEntity a, UUID entryId, String kind, Credit c, Instant now) {
        CreditEntity e = new CreditEntity();
        e.attributionId = a.id;
        e.entryId = entryId;
        e.entryKind = kind;
        e.dealId = a.dealId;
        e.partnerId = c.partnerId();
        e.role = c.role();
        e.weight = c.weight();
        e.amount = c.amount().amount();
        e.currency = c.amount().currencyCode();
        e.closedAt = a.closedAt;
        e.recordedAt = now;
        return e;
    }

    private static String sku(DealAttributed a, int line) {
        return a.deal().lines().stream().filter(l -> l.lineNumber() == line).map(DealLine::sku).findFirst().orElse(null);
    }

    private static String category(DealAttributed a, int line) {
        return a.deal().lines().stream().filter(l -> l.lineNumber() == line).map(DealLine::category).findFirst().orElse(null);
    }

    static List<Touch> touches(DealClosedWon deal) {
        List<Touch> out = new ArrayList<>();
        for (Touchpoint t : deal.touchpoints()) {
            if (t.partnerId() == null || t.occurredAt() == null) {
                continue; // unresolved touchpoints never reach a closed-won snapshot; be defensive
            }
            try {
                out.add(new Touch(t.touchpointId(), t.partnerId(), TouchType.fromWire(t.touchType()), t.occurredAt()));
            } catch (IllegalArgumentException e) {
                throw new PoisonMessageException("deal " + deal.dealId() + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    static List<Line> lines(DealClosedWon deal) {
        if (deal.lines().isEmpty()) {
            return List.of(new Line(0, deal.amount()));
        }
        return deal.lines().stream().map(l -> new Line(l.lineNumber(), l.amount())).toList();
    }

    static void validate(DealClosedWon deal) {
        if (deal.dealId() == null || deal.closedAt() == null || deal.amount() == null) {
            throw new PoisonMessageException("closed-won without dealId, closedAt or amount");
        }
        if (!deal.lines().isEmpty()) {
            Money sum = Money.sum(deal.amount().currency(), deal.lines().stream().map(DealLine::amount).toList());
            if (!sum.equals(deal.amount())) {
                throw new PoisonMessageException("deal " + deal.dealId() + ": lines sum to " + sum + ", not " + deal.amount());
            }
        }
    }

    static DealContext context(DealClosedWon d) {
        return new DealContext(d.dealId(), d.crmDealId(), d.revision(), d.name(), d.dealType(), d.createdAt(),
                d.closedAt(), d.customer(), d.amount().currencyCode(), d.amount(), d.lines(), d.registration());
    }

    static UUID nameUuid(String... parts) {
        return UUID.nameUUIDFromBytes(String.join("|", parts).getBytes(StandardCharsets.UTF_8));
    }
}
