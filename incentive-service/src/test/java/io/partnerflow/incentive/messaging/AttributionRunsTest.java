package io.partnerflow.incentive.messaging;

import io.partnerflow.contracts.EventType;
import io.partnerflow.platform.messaging.EventEnvelope;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How a chunk is cut: consecutive deal.attributed together, every other event alone in its place (offset order kept). */
class AttributionRunsTest {
    private static EventEnvelope e(String id, EventType type) {
        return new EventEnvelope(id, type.type(), "/t", Instant.EPOCH, "d", "attribution.events", 0, 0, "d", "{}", null, null);
    }

    private static List<List<String>> ids(List<List<EventEnvelope>> runs) {
        return runs.stream().map(r -> r.stream().map(EventEnvelope::id).toList()).toList();
    }

    @Test
    void consecutiveAttributionsRunTogetherAndOtherTypesStandAloneInOrder() {
        List<EventEnvelope> chunk = List.of(e("a1", EventType.DEAL_ATTRIBUTED), e("a2", EventType.DEAL_ATTRIBUTED),
                e("r1", EventType.DEAL_ATTRIBUTION_REVERSED), e("x1", EventType.DEAL_REATTRIBUTED),
                e("a3", EventType.DEAL_ATTRIBUTED), e("r2", EventType.DEAL_ATTRIBUTION_REVERSED),
                e("a4", EventType.DEAL_ATTRIBUTED), e("a5", EventType.DEAL_ATTRIBUTED));
        assertEquals(List.of(List.of("a1", "a2"), List.of("r1"), List.of("x1"), List.of("a3"), List.of("r2"), List.of("a4", "a5")),
                ids(AttributionEventsConsumer.runs(chunk)));
        assertEquals(List.of(), AttributionEventsConsumer.runs(List.of()));
        assertEquals(List.of(List.of("r1")), ids(AttributionEventsConsumer.runs(List.of(e("r1", EventType.DEAL_ATTRIBUTION_REVERSED)))));
    }
}
