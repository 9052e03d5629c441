package io.partnerflow.analytics.application;

import io.partnerflow.analytics.persistence.PredictionStore;
import io.partnerflow.analytics.domain.DealActivity;
import io.partnerflow.analytics.persistence.PredictionStore.PipelineRow;
import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.deal.DealClosedWon;
import io.partnerflow.contracts.deal.DealPipelineUpdated;
import io.partnerflow.contracts.deal.Touchpoint;
import io.partnerflow.platform.messaging.EventEnvelope;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * deal.events → the partner-touched pipeline the forecast weighs: each deal's latest revision (open, lost or won), the
 * last stage it was seen in while open, its amount, creation and close days, and the partners that touched it. One
 * multi-row upsert per list, in the caller's transaction; an older revision arriving late changes nothing.
 */
@ApplicationScoped
public class PipelineProjection {
    private final PredictionStore store;

    public PipelineProjection(PredictionStore store) {
        this.store = store;
    }

    public Uni<Void> apply(List<EventEnvelope> events) {
        List<PipelineRow> rows = new ArrayList<>();
        for (EventEnvelope e : events) {
            EventType type = EventType.find(e.type()).orElse(null);
            if (type == EventType.DEAL_PIPELINE_UPDATED) {
                DealPipelineUpdated d = e.dataAs(DealPipelineUpdated.class);
                EventFacts.require(d.dealId(), "dealId", e);
                EventFacts.require(d.amount(), "amount", e);
                EventFacts.require(d.createdAt(), "createdAt", e);
                boolean lost = "closed_lost".equals(d.status());
                rows.add(new PipelineRow(d.dealId(), d.revision(), lost ? "closed_lost" : "open", lost ? null : d.stage(),
                        d.amount().amount(), d.amount().currencyCode(), EventFacts.day(d.createdAt()),
                        lost ? EventFacts.day(d.updatedAt() == null ? e.time() : d.updatedAt()) : null, partners(d.touchpoints(), e),
                        touches(d.touchpoints(), e)));
            } else if (type == EventType.DEAL_CLOSED_WON) {
                DealClosedWon d = e.dataAs(DealClosedWon.class);
                EventFacts.require(d.dealId(), "dealId", e);
                EventFacts.require(d.amount(), "amount", e);
                EventFacts.require(d.closedAt(), "closedAt", e);
                rows.add(new PipelineRow(d.dealId(), d.revision(), "won", null, d.amount().amount(), d.amount().currencyCode(),
                        EventFacts.day(d.createdAt() == null ? d.closedAt() : d.createdAt()), EventFacts.day(d.closedAt()),
                        partners(d.touchpoints(), e), touches(d.touchpoints(), e)));
            }
        }
        return rows.isEmpty() ? Uni.createFrom().voidItem() : store.savePipeline(rows);
    }

    private static String touches(List<Touchpoint> touchpoints, EventEnvelope e) {
        List<DealActivity.Touch> out = new ArrayList<>();
        if (touchpoints != null) {
            touchpoints.stream().filter(t -> t.touchType() != null && t.occurredAt() != null)
                    .forEach(t -> out.add(new DealActivity.Touch(EventFacts.partner(t.partnerId(), e), t.touchType(), EventFacts.day(t.occurredAt()))));
        }
        return DealActivity.encode(out);
    }

    private static String partners(List<Touchpoint> touchpoints, EventEnvelope e) {
        TreeSet<String> ids = new TreeSet<>();
        if (touchpoints != null) {
            touchpoints.forEach(t -> ids.add(EventFacts.partner(t.partnerId(), e)));
        }
        return String.join(";", ids);
    }
}
