package io.partnerflow.attribution.application;

import io.partnerflow.attribution.domain.AttributionModels;
import io.partnerflow.attribution.domain.AttributionModels.TouchWeights;
import io.partnerflow.attribution.domain.CreditSplit;
import io.partnerflow.attribution.domain.CreditSplit.Line;
import io.partnerflow.attribution.domain.CreditSplit.PartnerCredit;
import io.partnerflow.attribution.domain.ReattributionPlanner;
import io.partnerflow.attribution.domain.SourcedRule;
import io.partnerflow.attribution.persistence.AttributionEntity;
import io.partnerflow.attribution.persistence.AttributionModelEntity;
import io.partnerflow.attribution.persistence.CreditEntity;
import io.partnerflow.attribution.persistence.DealSnapshotEntity;
import io.partnerflow.contracts.EventJson;
import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.Topics;
import io.partnerflow.contracts.attribution.Credit;
import io.partnerflow.contracts.attribution.DealReattributed;
import io.partnerflow.contracts.attribution.ModelRef;
import io.partnerflow.contracts.deal.DealClosedWon;
import io.partnerflow.contracts.deal.DealReversed;
import io.partnerflow.core.money.Money;
import io.partnerflow.platform.outbox.OutboxEvent;
import io.partnerflow.platform.outbox.OutboxWriter;
import io.partnerflow.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Re-attribution: for deals closed in a range, recompute with a given model (a named version, or the
 * version in effect at each deal's close) from the deal's NET lines — its FIRST closed-won snapshot
 * plus every reversal's per-line deltas (later revisions follow corrections whose deltas are counted) — and, where a partner's net credit changes, supersede the
 * attribution with a new one and publish {@code deal.reattributed} (full net amounts; consumers compute
 * the deltas). Nothing earlier is edited: the old attribution stays, inactive. One transaction per deal.
 */
@ApplicationScoped
public class ReattributionService {
    private final OutboxWriter outbox;
    private final Clock clock;

    public ReattributionService(OutboxWriter outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    public record RunResult(UUID runId, int examined, int changed, List<String> changedDeals) {
    }

    public Uni<RunResult> run(Instant from, Instant to, String modelName, Integer modelVersion, String reason, String actor) {
        if (!from.isBefore(to)) {
            throw ProblemException.badRequest("'from' must be before 'to'");
        }
        UUID runId = UUID.randomUUID();
        Instant now = clock.instant();
        return Panache.withSession(() -> AttributionModelEntity.count("name", modelName))
                .chain(n -> n == 0 ? Uni.createFrom().failure(ProblemException.notFound("no model named " + modelName))
                        : Panache.withSession(() -> AttributionEntity.<AttributionEntity>list(
                        "active = true and closedAt >= ?1 and closedAt < ?2 order by closedAt, dealId", from, to)))
                .chain(actives -> {
                    List<String> changed = new ArrayList<>();
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (AttributionEntity a : actives) {
                        chain = chain.chain(() -> Panache.withTransaction(() -> reattribute(a.id, runId, modelName, modelVersion, reason, now))
                                .invoke(c -> {
                                    if (c) {
                                        changed.add(a.dealId);
                                    }
                                }).replaceWithVoid());
                    }
                    return chain.chain(() -> Panache.withTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery("""
                                    insert into reattribution_run (id, closed_from, closed_to, model_name, model_version, reason,
                                        requested_by, requested_at, examined, changed) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)""")
                            .setParameter(1, runId).setParameter(2, OffsetDateTime.ofInstant(from, ZoneOffset.UTC))
                            .setParameter(3, OffsetDateTime.ofInstant(to, ZoneOffset.UTC)).setParameter(4, modelName)
                            .setParameter(5, modelVersion).setParameter(6, reason).setParameter(7, actor)
                            .setParameter(8, OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                            .setParameter(9, actives.size()).setParameter(10, changed.size()).executeUpdate())))
                            .map(x -> new RunResult(runId, actives.size(), changed.size(), List.copyOf(changed)));
                });
    }

    /** What re-attribution of one deal needs: the attribution in force, the model, the first snapshot, reversals, credits. */
    record Loaded(AttributionEntity active, AttributionModelEntity model, DealClosedWon deal, List<DealReversed> reversals,
                  List<CreditEntity> currentRows) {
    }

    /** Loads one deal's inputs in the current session; null when it is no longer active or the model has no such version. */
    Uni<Loaded> load(UUID attributionId, String modelName, Integer version) {
        return AttributionEntity.<AttributionEntity>findById(attributionId).chain(active -> {
            if (active == null || !active.active) {
                return Uni.createFrom().nullItem();
            }
            Uni<AttributionModelEntity> model = version == null
                    ? AttributionModelEntity.inEffect(modelName, active.closedAt)
                    : AttributionModelEntity.find("name = ?1 and version = ?2", modelName, version).firstResult();
            return model.chain(m -> m == null ? Uni.createFrom().<Loaded>nullItem() : DealSnapshotEntity.<DealSnapshotEntity>find(
                            "dealId = ?1 order by revision asc", active.dealId).firstResult()
                    .chain(snap -> Panache.getSession().chain(s -> s.createNativeQuery(
                                    "select payload from deal_reversal where deal_id = ?1 order by received_at, reversal_id", String.class)
                            .setParameter(1, active.dealId).getResultList())
                            .chain(reversals -> CreditEntity.<CreditEntity>list("attributionId", active.id)
                                    .map(rows -> new Loaded(active, m, EventJson.readString(snap.payload, DealClosedWon.class),
                                            reversals.stream().map(r -> EventJson.readString(r, DealReversed.class)).toList(), rows)))));
        });
    }

    /** The pure planner's verdict for one loaded deal (the same call for preview, apply and the immediate run). */
    static ReattributionPlanner.DealPlan plan(Loaded l) {
        Map<Integer, Money> net = new TreeMap<>();
        AttributionService.lines(l.deal()).forEach(x -> net.put(x.lineNumber(), x.amount()));
        for (DealReversed r : l.reversals()) {
            if (r.lines().isEmpty()) {
                net.merge(0, r.amountDelta(), Money::plus);
            } else {
                r.lines().forEach(x -> net.merge(x.lineNumber(), x.amountDelta(), Money::plus));
            }
        }
        List<Line> netLines = net.entrySet().stream().map(e -> new Line(e.getKey(), e.getValue())).toList();
        Map<String, BigDecimal> before = new TreeMap<>();
        l.currentRows().forEach(r -> before.merge(r.partnerId, r.amount, BigDecimal::add));
        ModelConfig config = EventJson.readString(l.model().spec, ModelConfig.class);
        DealClosedWon deal = l.deal();
        return ReattributionPlanner.plan(config.toSpec(), new ReattributionPlanner.DealInput(l.active().dealId,
                l.active().id.toString(), l.active().currency.trim(), l.model().id.equals(l.active().modelId), deal.createdAt(),
                deal.closedAt(), AttributionService.touches(deal), netLines, before));
    }

    /** Re-attributes one deal in the current transaction; event and attribution id name-based on (run, attribution). */
    Uni<Boolean> reattribute(UUID attributionId, UUID runId, String modelName, Integer version, String reason, Instant now) {
        return load(attributionId, modelName, version).chain(l -> l == null ? Uni.createFrom().item(false)
                : supersede(l, plan(l), runId, reason, now));
    }

    private Uni<Boolean> supersede(Loaded l, ReattributionPlanner.DealPlan plan, UUID runId, String reason, Instant now) {
        if (!plan.changed()) {
            return Uni.createFrom().item(false);
        }
        AttributionEntity active = l.active();
        AttributionModelEntity model = l.model();
        DealClosedWon deal = l.deal();
        TouchWeights weights = plan.weights();
        List<PartnerCredit> credits = plan.credits();
        UUID newId = AttributionService.nameUuid("reattribution", runId.toString(), active.id.toString());
        Optional<String> sourced = SourcedRule.sourcedPartner(
                deal.registration() == null ? null : deal.registration().partnerId(),
                weights.credited().stream().map(AttributionModels.WeightedTouch::touch).toList(),
                credits.stream().map(PartnerCredit::partnerId).toList());
        Map<String, BigDecimal> touchWire = AttributionService.touchShares(weights);
        List<Credit> wire = credits.stream().map(c -> AttributionService.credit(c, deal, sourced, touchWire)).toList();
        DealReattributed data = new DealReattributed(newId.toString(), active.id.toString(), reason, runId.toString(),
                deal.dealId(), AttributionService.context(deal),
                new ModelRef(model.id.toString(), model.version, model.name, model.kind.toLowerCase(), null), wire, now);
        active.active = false;
        AttributionEntity a = new AttributionEntity();
        a.id = newId;
        a.dealId = active.dealId;
        a.revision = deal.revision();
        a.modelId = model.id;
        a.modelName = model.name;
        a.modelVersion = model.version;
        a.closedAt = active.closedAt;
        a.currency = active.currency;
        a.amount = plan.input().netLines().stream().map(x -> x.amount().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
        a.unattributed = credits.isEmpty();
        a.active = true;
        a.supersedes = active.id;
        a.payload = EventJson.writeString(data);
        a.attributedAt = now;
        Uni<Void> chain = Panache.flush().chain(() -> a.persist()).replaceWithVoid();
        for (Credit c : wire) {
            chain = chain.chain(() -> AttributionService.creditRow(a, newId, "reattributed", c, now).persist().replaceWithVoid());
        }
        return chain.chain(() -> outbox.append(new OutboxEvent(newId, Topics.ATTRIBUTION_EVENTS,
                        EventType.DEAL_REATTRIBUTED.type(), "deal", deal.dealId(), deal.dealId(), now, data)))
                .replaceWith(true);
    }
}
