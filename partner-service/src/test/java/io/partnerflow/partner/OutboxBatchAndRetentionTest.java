package io.partnerflow.partner;

import io.partnerflow.platform.outbox.OutboxEvent;
import io.partnerflow.platform.outbox.OutboxPurge;
import io.partnerflow.platform.outbox.OutboxWriter;
import io.partnerflow.testing.TestSupport;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The outbox side of the batched consumer, the relay's publication and outbox retention, on the real database. */
@QuarkusTest
class OutboxBatchAndRetentionTest {
    @Inject
    OutboxWriter outbox;
    @Inject
    OutboxPurge purge;

    @Test
    void rowsAppendedInABatchAreWrittenTogetherAtFlushInAppendOrder() throws Throwable {
        List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        List<Long> before = new ArrayList<>();
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> {
            outbox.beginBatch();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (UUID id : ids) {
                chain = chain.chain(() -> outbox.append(event(id)));
            }
            return chain.chain(() -> rows(ids)).invoke(before::add)
                    .chain(outbox::flushBatch)
                    .eventually(outbox::discardBatch);
        }));
        assertEquals(List.of(0L), before, "nothing written before the flush");
        // one statement: the same transaction (xmin) and the same command within it (cmin). In append order: within
        // one page the heap's line pointers follow the insertion; a row that did not fit goes to whichever page the
        // free-space map offers (an earlier one, after the retention test's deletes), so the order is read per page
        try (Connection c = TestSupport.jdbc(); PreparedStatement st = c.prepareStatement("""
                select id, xmin::text || '/' || cmin::text, (ctid::text::point)[0] from outbox_event
                 where id = any (?) order by ctid""")) {
            st.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            List<UUID> written = new ArrayList<>();
            java.util.Set<String> statements = new java.util.HashSet<>();
            java.util.Map<Double, List<UUID>> byPage = new java.util.LinkedHashMap<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    UUID id = rs.getObject(1, UUID.class);
                    written.add(id);
                    statements.add(rs.getString(2));
                    byPage.computeIfAbsent(rs.getDouble(3), k -> new ArrayList<>()).add(id);
                }
            }
            assertEquals(java.util.Set.copyOf(ids), java.util.Set.copyOf(written), "all three written");
            assertEquals(1, statements.size(), "one multi-row INSERT: " + statements);
            for (List<UUID> page : byPage.values()) {
                assertEquals(ids.stream().filter(page::contains).toList(), page, "in append order within a page");
            }
        }
    }

    @Test
    void theRelaysPublicationHoldsOnlyTheOutboxTableAndPublishesOnlyInserts() throws Exception {
        try (Connection c = TestSupport.jdbc(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("select puballtables, pubinsert, pubupdate, pubdelete from pg_publication"
                    + " where pubname = 'partnerflow_outbox'")) {
                assertTrue(rs.next(), "publication partnerflow_outbox exists");
                assertFalse(rs.getBoolean(1), "not FOR ALL TABLES");
                assertTrue(rs.getBoolean(2));
                assertFalse(rs.getBoolean(3));
                assertFalse(rs.getBoolean(4), "purged rows are not relayed");
            }
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("select schemaname || '.' || tablename from pg_publication_tables"
                    + " where pubname = 'partnerflow_outbox'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertEquals(List.of("public.outbox_event"), tables);
        }
    }

    @Test
    void thePurgeDeletesRowsOlderThanTheCutoffAndKeepsNewerOnes() throws Throwable {
        UUID old = UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> outbox.append(event(old))
                .chain(() -> outbox.append(event(recent)))));
        try (Connection c = TestSupport.jdbc(); PreparedStatement st = c.prepareStatement(
                "update outbox_event set created_at = now() - interval '10 days' where id = ?")) {
            st.setObject(1, old);
            assertEquals(1, st.executeUpdate());
        }
        long deleted = VertxContextSupport.subscribeAndAwait(
                () -> purge.purgeOlderThan(OffsetDateTime.now(ZoneOffset.UTC).minusDays(7)));
        assertTrue(deleted >= 1, "deleted " + deleted);
        assertEquals(0L, VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> rows(List.of(old)))));
        assertEquals(1L, VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> rows(List.of(recent)))));
    }

    private static Uni<Long> rows(List<UUID> ids) {
        return Panache.getSession().chain(s -> s
                .createNativeQuery("select count(*) from outbox_event where id in (?1)", Long.class)
                .setParameter(1, ids).getSingleResult());
    }

    private static OutboxEvent event(UUID id) {
        return new OutboxEvent(id, "partner.events", "partnerflow.test.probe.v1", "probe", "probe-" + id, null,
                Instant.parse("2026-01-01T00:00:00Z"), Map.of("probe", id.toString()));
    }
}
