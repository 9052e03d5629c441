package io.partnerflow.partner;

import io.partnerflow.platform.outbox.OutboxEvent;
import io.partnerflow.platform.outbox.OutboxWriter;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The outbox writer joins the caller's transaction: it commits and rolls back with the business change. */
@QuarkusTest
class OutboxWriterTest {
    @Inject
    OutboxWriter outbox;

    @Test
    void refusesToWriteOutsideATransaction() {
        Throwable t = assertThrows(Throwable.class,
                () -> onVertx(() -> Panache.withSession(() -> outbox.append(event(UUID.randomUUID())))));
        assertInstanceOf(IllegalStateException.class, rootOf(t), t.toString());
    }

    @Test
    void aRowWrittenInARolledBackTransactionIsGone() throws Throwable {
        UUID id = UUID.randomUUID();
        Throwable t = assertThrows(Throwable.class, () -> onVertx(() -> Panache.withTransaction(() -> outbox.append(event(id))
                .chain(() -> Uni.createFrom().failure(new IllegalArgumentException("business rule failed"))))));
        assertEquals("business rule failed", rootOf(t).getMessage());
        assertEquals(0L, onVertx(() -> rows(id)));
    }

    @Test
    void aRowWrittenInACommittedTransactionStays() throws Throwable {
        UUID id = UUID.randomUUID();
        onVertx(() -> Panache.withTransaction(() -> outbox.append(event(id))));
        assertEquals(1L, onVertx(() -> rows(id)));
    }

    private static <T> T onVertx(Supplier<Uni<T>> work) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(work);
    }

    private static Throwable rootOf(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static Uni<Long> rows(UUID id) {
        return Panache.withSession(() -> Panache.getSession().chain(s -> s
                .createNativeQuery("select count(*) from outbox_event where id = ?1", Long.class)
                .setParameter(1, id).getSingleResult()));
    }

    private static OutboxEvent event(UUID id) {
        return new OutboxEvent(id, "partner.events", "partnerflow.test.probe.v1", "probe", "probe-" + id, null,
                Instant.parse("2026-01-01T00:00:00Z"), Map.of("probe", id.toString()));
    }
}
