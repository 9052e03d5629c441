package io.partnerflow.attribution.application;

import io.partnerflow.contracts.deal.DealPipelineUpdated;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a batch of deal events does to the provisional pipeline credits, folded per deal in offset order (pure, no
 * I/O): each update replaces the deal's credits unless a newer revision is recorded, a close removes them — so only
 * the LAST state per deal has to be written. {@link Change#checkStored()} says whether the stored revision can still
 * make the update stale (not after a close in the same batch: that removed what was stored).
 */
public final class PipelineChanges {
    /** One deal's net change: credits to remove, then (when {@code update} is not null) that update's credits. */
    public record Change(String dealId, DealPipelineUpdated update, boolean checkStored) {
    }

    private final Map<String, Change> byDeal = new LinkedHashMap<>();

    /** An update as {@code PipelineService} takes it (one without amount or update time changes nothing). */
    public void updated(DealPipelineUpdated p) {
        if (p.amount() == null || p.updatedAt() == null) {
            return;
        }
        Change before = byDeal.get(p.dealId());
        if (before != null && before.update() != null && before.update().revision() > p.revision()) {
            return; // a newer revision came first in this batch: this one is stale
        }
        byDeal.put(p.dealId(), new Change(p.dealId(), p, before == null || before.checkStored()));
    }

    /** The deal closed (won): it leaves the open pipeline. */
    public void closed(String dealId) {
        byDeal.put(dealId, new Change(dealId, null, false));
    }

    public List<Change> changes() {
        return List.copyOf(byDeal.values());
    }

    public boolean isEmpty() {
        return byDeal.isEmpty();
    }
}
