package io.partnerflow.platform.persistence;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.data.Numeric;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Db's statements as the pg client takes them, and its column values as Hibernate's native queries gave them. */
class NativeSqlTest {
    @Test
    void everyOccurrenceIsAPlaceholderOfItsOwnAsThroughHibernate() {
        NativeSql n = NativeSql.of("select a from t where p = ?1 and (cast(?1 as text) is null or n > ?2)", new Object[]{"p-1", 3L});
        assertEquals("select a from t where p = $1 and (cast($2 as text) is null or n > $3)", n.sql());
        assertArrayEquals(new Object[]{"p-1", "p-1", 3L}, n.params());
        NativeSql again = NativeSql.of("select a from t where p = ?1 and (cast(?1 as text) is null or n > ?2)", new Object[]{null, 4L});
        assertEquals(n.sql(), again.sql());
        assertEquals(Arrays.asList(null, null, 4L), Arrays.asList(again.params()));
    }

    @Test
    void aCollectionExpandsToAListAndLaterPlaceholdersFollow() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        NativeSql n = NativeSql.of("select x from t where d = ?1 and p in (?2) and at < ?3 and q = ?1", new Object[]{"d", List.of(a, b), 7});
        assertEquals("select x from t where d = $1 and p in ($2, $3) and at < $4 and q = $5", n.sql());
        assertEquals(Arrays.asList("d", a, b, 7, "d"), Arrays.asList(n.params()));
    }

    @Test
    void anEmptyCollectionMatchesNothing() {
        NativeSql n = NativeSql.of("select x from t where p in (?1) and q = ?2", new Object[]{Set.of(), "q"});
        assertEquals("select x from t where p in (null) and q = $1", n.sql());
        assertEquals(List.of("q"), Arrays.asList(n.params()));
    }

    @Test
    void aParameterWithoutValueIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> NativeSql.of("select ?1, ?3", new Object[]{List.of(1), 2}));
        assertThrows(IllegalArgumentException.class, () -> NativeSql.of("select ?1, ?3", new Object[]{1, 2}));
    }

    @Test
    void columnsComeBackAsHibernateGaveThem() {
        assertEquals(new BigDecimal("12.50"), Pg.column(Numeric.create(new BigDecimal("12.50"))));
        assertEquals("{\"a\":1}", Pg.column(new JsonObject().put("a", 1)));
        assertEquals("[\"x\"]", Pg.column(new JsonArray().add("x")));
        assertEquals(5L, Pg.column(5L));
    }

    @Test
    void parametersAreBoundAsThePgClientTakesThem() {
        assertEquals("C", Db.bind('C'));
        assertEquals(java.time.OffsetDateTime.parse("2026-12-04T10:00Z"), Db.bind(java.time.Instant.parse("2026-12-04T10:00:00Z")));
    }
}
