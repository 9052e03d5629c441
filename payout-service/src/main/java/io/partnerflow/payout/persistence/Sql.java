package io.partnerflow.payout.persistence;

import io.partnerflow.platform.persistence.Pg;
import io.smallrye.mutiny.Uni;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Native SQL inside the current Hibernate Reactive session (so it shares the transaction with the inbox and the
 * outbox). Parameters are positional ({@code ?1}); instants are bound as UTC {@code timestamptz}. Write SQL with
 * explicit casts where a parameter may be null. Runs on the session's connection through platform {@link Pg} —
 * Hibernate's native-query parsing and binding were a third of this service's CPU under load (docs/benchmarks.md).
 */
public final class Sql {
    private Sql() {
    }

    public static Uni<Integer> exec(String sql, Object... params) {
        return Pg.exec(Pg.dollarParameters(sql), bound(params));
    }

    public static Uni<List<Row>> query(String sql, Object... params) {
        return Pg.rows(Pg.dollarParameters(sql), bound(params)).map(list -> {
            List<Row> rows = new ArrayList<>(list.size());
            for (Object[] o : list) {
                rows.add(new Row(o));
            }
            return rows;
        });
    }

    /**
     * A statement whose text depends on how many rows it writes (multi-row VALUES built by {@link Rows}): already in
     * PostgreSQL's {@code $n} form, so it is neither rewritten nor kept in {@link Pg#dollarParameters}'s cache.
     */
    public static Uni<Integer> exec(Rows rows, String sql) {
        return Pg.exec(sql, rows.values());
    }

    /** As {@link #exec(Rows, String)}, for a statement that returns rows ({@code … RETURNING}). */
    public static Uni<List<Row>> query(Rows rows, String sql) {
        return Pg.rows(sql, rows.values()).map(list -> {
            List<Row> out = new ArrayList<>(list.size());
            for (Object[] o : list) {
                out.add(new Row(o));
            }
            return out;
        });
    }

    /**
     * The parameters of a multi-row statement: {@link #add} binds a value and answers its {@code $n} (a value used in
     * several places is added once and its {@code $n} repeated — same type everywhere).
     */
    public static final class Rows {
        private final List<Object> values = new ArrayList<>();

        public String add(Object value) {
            values.add(bind(value));
            return "$" + values.size();
        }

        /** {@code cast($n as type)}: for a value that may be null, or outside an INSERT's own VALUES. */
        public String add(Object value, String type) {
            return "cast(" + add(value) + " as " + type + ")";
        }

        public int size() {
            return values.size();
        }

        Object[] values() {
            return values.toArray();
        }
    }

    private static Object[] bound(Object[] params) {
        Object[] out = new Object[params.length];
        for (int i = 0; i < params.length; i++) {
            out[i] = bind(params[i]);
        }
        return out;
    }

    public static Uni<Row> one(String sql, Object... params) {
        return query(sql, params).map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    static Object bind(Object o) {
        if (o instanceof Instant i) {
            return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
        }
        if (o instanceof Enum<?> e) {
            return e.name().toLowerCase();
        }
        return o;
    }

    /** One result row with typed access by column index (0-based). */
    public record Row(Object[] values) {
        public Object get(int i) {
            return values[i];
        }

        public String str(int i) {
            Object o = values[i];
            return o == null ? null : o.toString();
        }

        public BigDecimal dec(int i) {
            Object o = values[i];
            if (o == null) {
                return null;
            }
            return o instanceof BigDecimal b ? b : new BigDecimal(o.toString());
        }

        public long lng(int i) {
            Object o = values[i];
            return o == null ? 0 : ((Number) o).longValue();
        }

        public boolean bool(int i) {
            Object o = values[i];
            return o != null && (o instanceof Boolean b ? b : Boolean.parseBoolean(o.toString()));
        }

        public UUID uuid(int i) {
            Object o = values[i];
            return o == null ? null : o instanceof UUID u ? u : UUID.fromString(o.toString());
        }

        public Instant instant(int i) {
            Object o = values[i];
            if (o == null) {
                return null;
            }
            if (o instanceof Instant x) {
                return x;
            }
            if (o instanceof OffsetDateTime x) {
                return x.toInstant();
            }
            if (o instanceof java.sql.Timestamp x) {
                return x.toInstant();
            }
            if (o instanceof LocalDateTime x) {
                return x.toInstant(ZoneOffset.UTC);
            }
            if (o instanceof java.time.ZonedDateTime x) {
                return x.toInstant();
            }
            return OffsetDateTime.parse(o.toString()).toInstant();
        }

        public LocalDate date(int i) {
            Object o = values[i];
            if (o == null) {
                return null;
            }
            if (o instanceof LocalDate d) {
                return d;
            }
            if (o instanceof java.sql.Date d) {
                return d.toLocalDate();
            }
            return LocalDate.parse(o.toString());
        }
    }
}
