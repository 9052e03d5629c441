package io.partnerflow.platform.outbox;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The batched outbox INSERT: eleven parameters per row, numbered without gaps, one statement. */
class OutboxSqlTest {
    @Test
    void elevenParametersPerRowInOrderInOneStatement() {
        String sql = OutboxWriter.insertSql(2);
        assertTrue(sql.endsWith("($1, $2, $3, $4, $5, $6, $7, $8, cast(cast($9 as text) as jsonb), $10, $11), "
                + "($12, $13, $14, $15, $16, $17, $18, $19, cast(cast($20 as text) as jsonb), $21, $22)"), sql);
        assertEquals(1, sql.split("insert into").length - 1);
    }
}
