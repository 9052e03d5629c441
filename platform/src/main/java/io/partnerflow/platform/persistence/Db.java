package io.partnerflow.platform.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hibernate.reactive.mutiny.impl.MutinySessionImpl;
import org.hibernate.reactive.session.ReactiveSession;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Native SQL inside the current Hibernate Reactive session (the caller owns the transaction). Hibernate-style
 * positional parameters ({@code ?1}); a collection parameter expands to a list, as through Hibernate's native
 * queries ({@code in (?2)}). Runs on the session's own connection through {@link Pg} — not through Hibernate's
 * {@code createNativeQuery}, whose parsing, binding and plan-cache work per statement was most of the CPU of the
 * services built on this class (issue #16, docs/adr/0004-batched-consumers.md) — and returns what those queries
 * returned: NUMERIC as BigDecimal, json as text, uuid as UUID, int8 as Long. What differs, and callers must not
 * rely on: {@code char(n)} comes back as (blank-padded) String, never Character; {@code timestamptz} as
 * OffsetDateTime and {@code date} as LocalDate (read them through {@link #instant} / {@link #date}).
 *
 * <p>Like a Hibernate native query, a statement first flushes pending entity changes of the session — only when it
 * has any (a managed entity or a queued action), so the services that use no entities pay nothing for it.
 */
public final class Db {
    private Db() {
    }

    /** Rows as Object[] (a single-column query gives rows of length 1). */
    public static Uni<List<Object[]>> rows(String sql, Object... params) {
        return Panache.getSession().chain(s -> flushPending(s)
                .chain(() -> {
                    NativeSql n = NativeSql.of(sql, params);
                    return Pg.rows(Pg.connection(s), n.sql(), n.params());
                }));
    }

    public static Uni<List<String>> strings(String sql, Object... params) {
        return rows(sql, params).map(l -> {
            List<String> out = new ArrayList<>(l.size());
            for (Object[] r : l) {
                out.add(r[0] == null ? null : r[0].toString());
            }
            return out;
        });
    }

    public static Uni<Integer> exec(String sql, Object... params) {
        return Panache.getSession().chain(s -> flushPending(s)
                .chain(() -> {
                    NativeSql n = NativeSql.of(sql, params);
                    return Pg.exec(Pg.connection(s), n.sql(), n.params());
                }));
    }

    /** Hibernate's auto-flush before a native query, skipped when nothing can be pending. */
    static Uni<Void> flushPending(Mutiny.Session session) {
        return pending(session) ? session.flush() : Uni.createFrom().voidItem();
    }

    private static boolean pending(Mutiny.Session session) {
        if (!(session instanceof MutinySessionImpl impl)) {
            return true; // cannot look inside: flush, as Hibernate would have
        }
        SharedSessionContractImplementor s = ((ReactiveSession) DELEGATE.get(impl)).getSharedContract();
        return s.getPersistenceContextInternal().getNumberOfManagedEntities() > 0
                || ((org.hibernate.engine.spi.SessionImplementor) s).getActionQueue().hasAnyQueuedActions();
    }

    /** MutinySessionImpl keeps its ReactiveSession private; read once per statement through a VarHandle. */
    private static final VarHandle DELEGATE;

    static {
        try {
            DELEGATE = MethodHandles.privateLookupIn(MutinySessionImpl.class, MethodHandles.lookup())
                    .findVarHandle(MutinySessionImpl.class, "delegate", ReactiveSession.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    public static Object bind(Object p) {
        if (p instanceof Instant i) {
            return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
        }
        if (p instanceof Character c) { // Hibernate bound a Character as text; the pg client has no codec for it
            return c.toString();
        }
        return p;
    }

    public static Instant instant(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (o instanceof ZonedDateTime t) {
            return t.toInstant();
        }
        if (o instanceof LocalDateTime t) {
            return t.toInstant(ZoneOffset.UTC);
        }
        if (o instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        return Instant.parse(o.toString());
    }

    public static LocalDate date(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof LocalDate d) {
            return d;
        }
        if (o instanceof Date d) {
            return d.toLocalDate();
        }
        return LocalDate.parse(o.toString());
    }

    public static BigDecimal decimal(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof BigDecimal d) {
            return d;
        }
        return new BigDecimal(o.toString());
    }

    public static String str(Object o) {
        return o == null ? null : o.toString().trim();
    }
}
