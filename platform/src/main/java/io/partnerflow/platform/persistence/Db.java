package io.partnerflow.platform.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

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

/** Native SQL inside the current Hibernate Reactive session (the caller owns the transaction). */
public final class Db {
    private Db() {
    }

    /** Rows as Object[] (a single-column query gives rows of length 1). */
    @SuppressWarnings("unchecked")
    public static Uni<List<Object[]>> rows(String sql, Object... params) {
        return Panache.getSession().chain(s -> {
            var q = s.createNativeQuery(sql, Object[].class);
            for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, bind(params[i]));
            }
            return q.getResultList();
        }).map(list -> {
            List<Object[]> out = new ArrayList<>(list.size());
            for (Object o : (List<Object>) (List<?>) list) {
                out.add(o instanceof Object[] a ? a : new Object[]{o});
            }
            return out;
        });
    }

    public static Uni<List<String>> strings(String sql, Object... params) {
        return rows(sql, params).map(l -> l.stream().map(r -> r[0] == null ? null : r[0].toString()).toList());
    }

    public static Uni<Integer> exec(String sql, Object... params) {
        return Panache.getSession().chain(s -> {
            var q = s.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, bind(params[i]));
            }
            return q.executeUpdate();
        });
    }

    public static Object bind(Object p) {
        if (p instanceof Instant i) {
            return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
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
