package io.partnerflow.platform.inbox;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The batched inbox INSERT: one VALUES tuple per event, the consumer shared, the new ids returned. */
class InboxSqlTest {
    @Test
    void oneTuplePerEventSharingTheConsumerParameterReturningTheNewIds() {
        String sql = Inbox.markAllSql(3);
        assertTrue(sql.endsWith("values ($1, $2, $3, $4), ($1, $5, $6, $7), ($1, $8, $9, $10)"
                + " on conflict do nothing returning event_id"), sql);
    }
}
