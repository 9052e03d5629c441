package io.partnerflow.attribution.application;

import io.partnerflow.attribution.domain.AttributionModels;
import io.partnerflow.attribution.domain.AttributionModels.TouchWeights;
import io.partnerflow.attribution.domain.CreditSplit;
import io.partnerflow.attribution.domain.CreditSplit.PartnerCredit;
import io.partnerflow.attribution.domain.SourcedRule;
import io.partnerflow.contracts.EventJson;
import io.partnerflow.contracts.deal.DealClosedWon;
import io.partnerflow.contracts.deal.DealPipelineUpdated;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Provisional attribution of OPEN deals for influenced-pipeline reporting (never published, never paid):
 * the model that would apply if the deal closed at its last update, over its current touches and lines.
 */
@ApplicationScoped
public class PipelineService {
    private final ModelSelector selector;

    public PipelineService(ModelSelector selector) {
        this.selector = selector;
    }

    public Uni<Void> onPipelineUpdated(DealPipelineUpdated p) {
        if (p.amount() == null || p.updatedAt() == null) {
            return Uni.createFrom().voidItem();
        }
        // The same shape as a closed-won snapshot, "closing" at the update, so the same selection and maths apply.
        DealClosedWon asIfClosed = new DealClosedWon(p.dealId(), p.crmDealId(), p.crmSystem(), p.revision(), p.name(),
                p.dealType(), p.customer(), p.amount(), p.lines(), p.createdAt(), p.updatedAt(), p.registration(), p.touchpoints());
        return clear(p.dealId(), p.revision()).chain(stale -> stale ? Uni.createFrom().voidItem()
                : selector.select(asIfClosed).chain(sel -> {
            ModelConfig config = EventJson.readString(sel.model().spec, ModelConfig.class);
            TouchWeights w = AttributionModels.weigh(config.toSpec(), p.createdAt(), p.updatedAt(), AttributionService.touches(asIfClosed));
            List<PartnerCredit> credits = CreditSplit.split(w, AttributionService.lines(asIfClosed), false);
            Optional<String> sourced = SourcedRule.sourcedPartner(p.registration() == null ? null : p.registration().partnerId(),
                    w.credited().stream().map(AttributionModels.WeightedTouch::touch).toList(),
                    credits.stream().map(PartnerCredit::partnerId).toList());
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (PartnerCredit c : credits) {
                chain = chain.chain(() -> Panache.getSession().chain(s -> s.createNativeQuery("""
                                insert into pipeline_credit (deal_id, partner_id, role, amount, currency, revision, updated_at)
                                values (?1, ?2, ?3, ?4, ?5, ?6, ?7)""")
                        .setParameter(1, p.dealId()).setParameter(2, c.partnerId())
                        .setParameter(3, sourced.filter(c.partnerId()::equals).isPresent() ? "sourced" : "influenced")
                        .setParameter(4, c.amount().amount()).setParameter(5, c.amount().currencyCode())
                        .setParameter(6, p.revision())
                        .setParameter(7, OffsetDateTime.ofInstant(p.updatedAt(), ZoneOffset.UTC)).executeUpdate()).replaceWithVoid());
            }
            return chain;
        }));
    }

    /** The deal closed (won): it leaves the open pipeline. */
    public Uni<Void> onClosed(String dealId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("delete from pipeline_credit where deal_id = ?1")
                .setParameter(1, dealId).executeUpdate()).replaceWithVoid();
    }

    /** Removes the deal's provisional credits unless a newer revision is already recorded (then true = stale). */
    private Uni<Boolean> clear(String dealId, long revision) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select coalesce(max(revision), -1) from pipeline_credit where deal_id = ?1", Long.class)
                .setParameter(1, dealId).getSingleResult()
                .chain(max -> max > revision ? Uni.createFrom().item(true)
                        : s.createNativeQuery("delete from pipeline_credit where deal_id = ?1").setParameter(1, dealId)
                        .executeUpdate().replaceWith(false)));
    }
}
