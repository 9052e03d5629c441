package io.partnerflow.platform.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hibernate.reactive.mutiny.impl.MutinySessionImpl;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.data.Numeric;
import org.hibernate.reactive.pool.ReactiveConnection;

import java.util.ArrayList;
import java.util.List;

/**
 * Native SQL straight on the current Hibernate Reactive session's connection — same connection, same transaction —
 * without Hibernate's query machinery: no SQL parsing, no parameter-binding objects, no query-plan cache entry. For
 * the hot path of the batched consumers (issue #16): a native SELECT through Hibernate misses its plan cache on every
 * execution and adds another same-hash entry, so every later lookup walks a growing bucket (docs/benchmarks.md), and a
 * multi-row INSERT of a few thousand parameters costs more in Hibernate's binding than in PostgreSQL.
 *
 * <p>Parameters are PostgreSQL's {@code $1, $2, …} (bound by the Vert.x pg client; an {@code Instant} must be passed
 * as {@code OffsetDateTime}, see {@link Db#bind}). Hibernate does NOT flush pending entity changes before these
 * statements: call them where no entity change of the same rows is pending (or flush first).
 */
public final class Pg {
    private Pg() {
    }

    /** The rows of a query (or of an {@code INSERT … RETURNING}), each as Object[] in column order. */
    public static Uni<List<Object[]>> rows(String sql, Object... params) {
        return connection().chain(c -> rows(c, sql, params));
    }

    /** {@link #rows(String, Object...)} on a connection the caller already holds. */
    static Uni<List<Object[]>> rows(ReactiveConnection c, String sql, Object[] params) {
        return Uni.createFrom().completionStage(() -> c.select(sql, bound(params)))
                .map(result -> {
                    List<Object[]> out = new ArrayList<>(result.size());
                    result.forEachRemaining(row -> {
                        for (int i = 0; i < row.length; i++) {
                            row[i] = column(row[i]);
                        }
                        out.add(row);
                    });
                    return out;
                });
    }

    /**
     * A column value as Hibernate gave it for a native query, where the pg client's type differs: NUMERIC as
     * BigDecimal (not Numeric), json/jsonb as its JSON text (not a decoded JsonObject / JsonArray).
     */
    static Object column(Object value) {
        if (value instanceof Numeric n) {
            return n.bigDecimalValue();
        }
        if (value instanceof JsonObject j) {
            return j.encode();
        }
        if (value instanceof JsonArray j) {
            return j.encode();
        }
        return value;
    }

    /** The first column of each row, as text (null stays null). */
    public static Uni<List<String>> strings(String sql, Object... params) {
        return rows(sql, params).map(l -> {
            List<String> out = new ArrayList<>(l.size());
            for (Object[] r : l) {
                out.add(r[0] == null ? null : r[0].toString());
            }
            return out;
        });
    }

    /** An INSERT / UPDATE / DELETE: the number of rows it changed. */
    public static Uni<Integer> exec(String sql, Object... params) {
        return connection().chain(c -> exec(c, sql, params));
    }

    /** {@link #exec(String, Object...)} on a connection the caller already holds. */
    static Uni<Integer> exec(ReactiveConnection c, String sql, Object[] params) {
        return Uni.createFrom().completionStage(() -> c.update(sql, bound(params)));
    }

    /** Hibernate-style positional parameters ({@code ?1}) as PostgreSQL's ({@code $1}); the SQL must hold no other '?'. */
    public static String dollarParameters(String sql) {
        String done = REWRITTEN.get(sql);
        if (done == null) {
            done = POSITIONAL.matcher(sql).replaceAll("\\$$1");
            if (REWRITTEN.size() < MAX_REWRITTEN) { // the same few hundred statements again and again; bounded all the same
                REWRITTEN.put(sql, done);
            }
        }
        return done;
    }

    private static final java.util.regex.Pattern POSITIONAL = java.util.regex.Pattern.compile("\\?(\\d+)");
    private static final int MAX_REWRITTEN = 2048;
    private static final java.util.Map<String, String> REWRITTEN = new java.util.concurrent.ConcurrentHashMap<>();

    /** The current session's connection (inside {@code Panache.withSession / withTransaction}). */
    static Uni<ReactiveConnection> connection() {
        return Panache.getSession().map(Pg::connection);
    }

    static ReactiveConnection connection(Mutiny.Session session) {
        return ((MutinySessionImpl) session).getReactiveConnection();
    }

    private static Object[] bound(Object[] params) {
        Object[] out = new Object[params.length];
        for (int i = 0; i < params.length; i++) {
            out[i] = Db.bind(params[i]);
        }
        return out;
    }
}
