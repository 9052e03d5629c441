package io.partnerflow.incentive.application;

import io.partnerflow.contracts.attribution.Credit;
import io.partnerflow.contracts.attribution.DealContext;
import io.partnerflow.platform.persistence.Db;
import io.partnerflow.platform.persistence.Pg;
import io.smallrye.mutiny.Uni;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Keeps {@code credit_compact} (one row per deal and partner, net credited minor units per category) for what-if. */
final class CompactCredits {
    private CompactCredits() {
    }

    static String encode(Map<String, BigInteger> byCategory) {
        StringBuilder sb = new StringBuilder();
        byCategory.forEach((c, m) -> {
            if (!sb.isEmpty()) {
                sb.append(';');
            }
            sb.append(c.replace(';', '_').replace('=', '_')).append('=').append(m);
        });
        return sb.toString();
    }

    static Map<String, BigInteger> decode(String lines) {
        Map<String, BigInteger> out = new TreeMap<>();
        if (lines == null || lines.isEmpty()) {
            return out;
        }
        for (String part : lines.split(";")) {
            int eq = part.lastIndexOf('=');
            out.merge(part.substring(0, eq), new BigInteger(part.substring(eq + 1)), BigInteger::add);
        }
        return out;
    }

    static Map<String, BigInteger> categories(DealContext d, Credit c) {
        Map<String, BigInteger> out = new TreeMap<>();
        for (Credit.LineCredit l : c.lines()) {
            String cat = l.category() != null ? l.category()
                    : d.lines().stream().filter(x -> x.lineNumber() == l.lineNumber()).map(x -> x.category()).findFirst().orElse("unknown");
            out.merge(cat, l.amount().minorUnits(), BigInteger::add);
        }
        return out;
    }

    /** Replaces the deal's rows with these credits (an attribution or a re-attribution). */
    static Uni<Void> replace(DealContext d, List<Credit> credits) {
        Uni<Void> chain = Db.exec("delete from credit_compact where deal_id = ?1", d.dealId()).replaceWithVoid();
        if (credits.isEmpty()) {
            return chain;
        }
        // one multi-row insert for all the deal's partners (not one statement per partner)
        StringBuilder sql = new StringBuilder("""
                insert into credit_compact (deal_id, partner_id, closed_at, deal_type, customer_country, currency, deal_amount_minor, role, lines)
                values """);
        List<Object> params = new ArrayList<>();
        String country = d.customer() == null ? null : d.customer().country();
        long amount = d.amount().minorUnits().longValueExact();
        for (Credit c : credits) {
            int n = params.size();
            sql.append(n == 0 ? "" : ", ").append(String.format("(?%d, ?%d, ?%d, ?%d, cast(?%d as text), ?%d, ?%d, ?%d, ?%d)",
                    n + 1, n + 2, n + 3, n + 4, n + 5, n + 6, n + 7, n + 8, n + 9));
            params.addAll(Arrays.asList(d.dealId(), c.partnerId(), d.closedAt(), d.dealType(), country,
                    d.amount().currencyCode(), amount, c.role(), encode(categories(d, c))));
        }
        return chain.chain(() -> Db.exec(sql.toString(), params.toArray()).replaceWithVoid());
    }

    /**
     * {@link #replace} for several deals at once (a chunk of attributions, in offset order): each deal ends with the
     * credits of its LAST attribution here — what replacing them one after the other leaves — in one DELETE and
     * multi-row INSERTs (at most {@value #ROWS_PER_STATEMENT} rows each).
     */
    static Uni<Void> replaceAll(List<DealContext> deals, List<List<Credit>> credits) {
        Map<String, Integer> last = new java.util.LinkedHashMap<>();
        for (int i = 0; i < deals.size(); i++) {
            last.put(deals.get(i).dealId(), i);
        }
        List<Object[]> rows = new ArrayList<>();
        for (int i : last.values()) {
            DealContext d = deals.get(i);
            String country = d.customer() == null ? null : d.customer().country();
            long amount = d.amount().minorUnits().longValueExact();
            for (Credit c : credits.get(i)) {
                rows.add(new Object[]{d.dealId(), c.partnerId(), d.closedAt(), d.dealType(), country,
                        d.amount().currencyCode(), amount, c.role(), encode(categories(d, c))});
            }
        }
        Uni<Void> chain = Pg.exec("delete from credit_compact where deal_id = any($1)",
                (Object) last.keySet().toArray(String[]::new)).replaceWithVoid();
        for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
            List<Object[]> part = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
            chain = chain.chain(() -> insert(part));
        }
        return chain;
    }

    static final int ROWS_PER_STATEMENT = 500;

    /** One statement text for any number of rows (one array per column): parsed and planned once per connection. */
    static final String INSERT_ALL = "insert into credit_compact (deal_id, partner_id, closed_at, deal_type, customer_country,"
            + " currency, deal_amount_minor, role, lines) select * from unnest($1::text[], $2::text[], $3::timestamptz[],"
            + " $4::text[], $5::text[], $6::text[], $7::bigint[], $8::text[], $9::text[])";

    private static Uni<Void> insert(List<Object[]> rows) {
        int n = rows.size();
        String[] dealId = new String[n], partnerId = new String[n], dealType = new String[n], country = new String[n],
                currency = new String[n], role = new String[n], lines = new String[n];
        java.time.OffsetDateTime[] closedAt = new java.time.OffsetDateTime[n];
        Long[] amount = new Long[n];
        for (int r = 0; r < n; r++) {
            Object[] v = rows.get(r);
            dealId[r] = (String) v[0];
            partnerId[r] = (String) v[1];
            closedAt[r] = (java.time.OffsetDateTime) Db.bind(v[2]);
            dealType[r] = (String) v[3];
            country[r] = (String) v[4];
            currency[r] = (String) v[5];
            amount[r] = (Long) v[6];
            role[r] = (String) v[7];
            lines[r] = (String) v[8];
        }
        return Pg.exec(INSERT_ALL, dealId, partnerId, closedAt, dealType, country, currency, amount, role, lines)
                .replaceWithVoid();
    }

    /** Adds a reversal's signed per-partner deltas. */
    static Uni<Void> apply(DealContext d, List<Credit> deltas) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Credit c : deltas) {
            chain = chain.chain(() -> Db.strings("select lines from credit_compact where deal_id = ?1 and partner_id = ?2 for update", d.dealId(), c.partnerId())
                    .chain(rows -> {
                        if (rows.isEmpty()) {
                            return Uni.createFrom().voidItem();
                        }
                        Map<String, BigInteger> net = decode(rows.get(0));
                        categories(d, c).forEach((k, v) -> net.merge(k, v, BigInteger::add));
                        return Db.exec("update credit_compact set lines = ?3, deal_amount_minor = ?4 where deal_id = ?1 and partner_id = ?2",
                                d.dealId(), c.partnerId(), encode(net), d.amount().minorUnits().longValueExact()).replaceWithVoid();
                    }));
        }
        return chain;
    }
}
