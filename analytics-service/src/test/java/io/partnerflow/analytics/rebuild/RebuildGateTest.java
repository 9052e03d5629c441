package io.partnerflow.analytics.rebuild;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gate in front of the live consumers and the replay's envelope parsing (pure, nothing started). */
class RebuildGateTest {

    @Test
    void aBatchWaitsWhileTheGateIsClosedAndRunsOnceItOpens() throws Exception {
        RebuildGate gate = new RebuildGate();
        AtomicInteger applied = new AtomicInteger();
        gate.close();
        CompletableFuture<Void> done = gate.guard(() -> Uni.createFrom().item(() -> {
            applied.incrementAndGet();
            return null;
        }).replaceWithVoid()).subscribeAsCompletionStage();
        assertEquals(0, applied.get(), "held while closed");
        assertFalse(done.isDone());
        gate.open();
        done.get(5, TimeUnit.SECONDS);
        assertEquals(1, applied.get());
        // open: runs at once
        gate.guard(() -> Uni.createFrom().item(() -> {
            applied.incrementAndGet();
            return null;
        }).replaceWithVoid()).await().atMost(Duration.ofSeconds(5));
        assertEquals(2, applied.get());
    }

    @Test
    void closingWaitsForTheBatchesInFlight() throws Exception {
        RebuildGate gate = new RebuildGate();
        CompletableFuture<Void> release = new CompletableFuture<>();
        Cancellable running = gate.guard(() -> Uni.createFrom().completionStage(release)).subscribe().with(x -> { });
        gate.close();
        assertFalse(gate.awaitIdle(Duration.ofMillis(50)), "a batch is still being applied");
        release.complete(null);
        assertTrue(gate.awaitIdle(Duration.ofSeconds(5)));
        gate.open();
        running.cancel();
    }

    @Test
    void aRecordWithoutIdTypeOrDataIsUnreadableForTheReplay() {
        ConsumerRecord<String, String> good = record("{\"a\":1}", "id-1", "partnerflow.x.v1", "2026-12-04T10:00:00Z");
        var e = TopicReplay.envelope(good);
        assertEquals("id-1", e.id());
        assertEquals("partnerflow.x.v1", e.type());
        assertEquals("t", e.topic());
        assertEquals(7L, e.offset());
        assertEquals("k", e.key());
        assertNull(TopicReplay.envelope(record("{\"a\":1}", null, "partnerflow.x.v1", null)));
        assertNull(TopicReplay.envelope(record("{\"a\":1}", "id-2", null, null)));
        assertNull(TopicReplay.envelope(record(" ", "id-3", "partnerflow.x.v1", null)));
        assertNull(TopicReplay.envelope(record("{\"a\":1}", "id-4", "partnerflow.x.v1", "yesterday")));
    }

    private static ConsumerRecord<String, String> record(String value, String id, String type, String time) {
        ConsumerRecord<String, String> r = new ConsumerRecord<>("t", 0, 7L, "k", value);
        if (id != null) {
            r.headers().add("ce_id", id.getBytes(StandardCharsets.UTF_8));
        }
        if (type != null) {
            r.headers().add("ce_type", type.getBytes(StandardCharsets.UTF_8));
        }
        if (time != null) {
            r.headers().add("ce_time", time.getBytes(StandardCharsets.UTF_8));
        }
        return r;
    }
}
