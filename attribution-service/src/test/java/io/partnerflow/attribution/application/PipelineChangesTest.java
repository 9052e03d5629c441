package io.partnerflow.attribution.application;

import io.partnerflow.attribution.application.PipelineChanges.Change;
import io.partnerflow.contracts.deal.DealPipelineUpdated;
import io.partnerflow.core.money.Money;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A batch's pipeline events folded per deal in offset order: only the last state per deal is written. */
class PipelineChangesTest {
    static DealPipelineUpdated update(String deal, long revision) {
        return new DealPipelineUpdated(deal, "crm-" + deal, "generic", revision, "n", "new_business", "proposal", "open",
                null, null, Money.of("100.00", "EUR"), List.of(), Instant.parse("2026-01-01T00:00:00Z"), null, null,
                List.of(), Instant.parse("2026-02-01T00:00:00Z").plusSeconds(revision));
    }

    @Test
    void theNewestUpdatePerDealWinsAndAnOlderOneArrivingLaterIsStale() {
        PipelineChanges c = new PipelineChanges();
        c.updated(update("a", 1));
        c.updated(update("b", 5));
        c.updated(update("a", 3));
        c.updated(update("b", 4)); // older than what came first: stale, as against the stored revision
        List<Change> out = c.changes();
        assertEquals(List.of("a", "b"), out.stream().map(Change::dealId).toList());
        assertEquals(3, out.get(0).update().revision());
        assertEquals(5, out.get(1).update().revision());
        assertTrue(out.get(0).checkStored() && out.get(1).checkStored(), "the stored revision may still be newer");
    }

    @Test
    void aCloseRemovesAndAnUpdateAfterItNeedsNoCheckAgainstWhatWasStored() {
        PipelineChanges c = new PipelineChanges();
        c.updated(update("a", 2));
        c.closed("a");
        c.closed("b");
        c.updated(update("b", 7)); // reopened after the close in the same batch
        List<Change> out = c.changes();
        assertNull(out.get(0).update(), "a closed: its credits are removed, nothing written");
        assertEquals(7, out.get(1).update().revision());
        assertEquals(false, out.get(1).checkStored(), "the close removed the stored credits");
    }

    @Test
    void anUpdateWithoutAmountOrUpdateTimeChangesNothing() {
        PipelineChanges c = new PipelineChanges();
        DealPipelineUpdated u = update("a", 1);
        c.updated(new DealPipelineUpdated(u.dealId(), u.crmDealId(), u.crmSystem(), 1, u.name(), u.dealType(), u.stage(),
                u.status(), null, null, null, List.of(), u.createdAt(), null, null, List.of(), u.updatedAt()));
        assertTrue(c.isEmpty());
    }
}
