package io.partnerflow.analytics.persistence;

import io.partnerflow.analytics.domain.DealCredits;
import io.partnerflow.analytics.domain.Deltas;
import io.partnerflow.analytics.domain.Metric;
import io.partnerflow.analytics.domain.Period;
import io.partnerflow.analytics.domain.RateGroup;
import io.partnerflow.platform.persistence.Db;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The scorecard read model: daily facts written as multi-row upserts that ADD deltas, the per-deal attribution state,
 * and the period queries (one statement per figure family, for one partner or all). Runs in the caller's session.
 */
@ApplicationScoped
public class ScorecardStore {
    /** Rows per multi-row statement (well below PostgreSQL's 65535 bind parameters). */
    static final int CHUNK = 1000;

    // ---- writes

    public Uni<Map<String, DealCredits>> loadDeals(Collection<String> dealIds) {
        if (dealIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Db.rows("select deal_id, attribution_id, cast(closed_on as text), currency, shares, new_logo from deal_credits where deal_id in (?1)",
                List.copyOf(dealIds)).map(rows -> {
            Map<String, DealCredits> out = new HashMap<>();
            for (Object[] r : rows) {
                out.put(Db.str(r[0]), new DealCredits(Db.str(r[0]), Db.str(r[1]), Db.date(r[2]), Db.str(r[3]),
                        DealCredits.decodeShares(Db.str(r[4])), Boolean.TRUE.equals(r[5])));
            }
            return out;
        });
    }

    /** The MDF marks of these deals: deal id → partners whose reimbursed MDF campaigns named it. */
    public Uni<Map<String, java.util.Set<String>>> loadMdfMarks(Collection<String> dealIds) {
        if (dealIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Db.rows("select deal_id, cast(partner_id as text) from mdf_deal_mark where deal_id in (?1)", List.copyOf(dealIds)).map(rows -> {
            Map<String, java.util.Set<String>> out = new HashMap<>();
            for (Object[] r : rows) {
                out.computeIfAbsent(Db.str(r[0]), k -> new java.util.TreeSet<>()).add(Db.str(r[1]));
            }
            return out;
        });
    }

    public Uni<Void> saveMdfMarks(Map<String, java.util.Set<String>> marks) {
        List<List<Object>> rows = new ArrayList<>();
        marks.forEach((deal, partners) -> partners.forEach(p -> rows.add(List.of(deal, UUID.fromString(p)))));
        return chunked(rows, 2, "insert into mdf_deal_mark (deal_id, partner_id) values ", "(?%d, ?%d)", r -> r, " on conflict do nothing");
    }

    public Uni<Void> saveDeals(Collection<DealCredits> deals) {
        return chunked(List.copyOf(deals), 6, "insert into deal_credits (deal_id, attribution_id, closed_on, currency, shares, new_logo) values ",
                "(?%d, ?%d, ?%d, ?%d, ?%d, ?%d)", d -> List.of(d.dealId(), d.attributionId(), d.closedOn(), d.currency(), d.encodeShares(),
                        d.newLogo()),
                " on conflict (deal_id) do update set attribution_id = excluded.attribution_id, closed_on = excluded.closed_on,"
                        + " currency = excluded.currency, shares = excluded.shares, new_logo = excluded.new_logo");
    }

    public Uni<Void> apply(Deltas deltas) {
        List<Map.Entry<Deltas.AmountKey, BigDecimal>> amounts = new ArrayList<>(deltas.amounts().entrySet());
        List<Map.Entry<Deltas.CountKey, Long>> counts = new ArrayList<>(deltas.counts().entrySet());
        return chunked(amounts, 5, "insert into amount_fact (partner_id, metric, day, currency, amount) values ",
                "(?%d, ?%d, ?%d, ?%d, cast(cast(?%d as text) as numeric))",
                e -> List.of(UUID.fromString(e.getKey().partnerId()), e.getKey().metric().name(), e.getKey().day(),
                        e.getKey().currency(), e.getValue().toPlainString()),
                " on conflict (partner_id, metric, day, currency) do update set amount = amount_fact.amount + excluded.amount")
                .chain(() -> chunked(counts, 4, "insert into count_fact (partner_id, metric, day, n) values ",
                        "(?%d, ?%d, ?%d, ?%d)",
                        e -> List.of(UUID.fromString(e.getKey().partnerId()), e.getKey().metric().name(), e.getKey().day(),
                                e.getValue()),
                        " on conflict (partner_id, metric, day) do update set n = count_fact.n + excluded.n"));
    }

    private static <T> Uni<Void> chunked(List<T> rows, int columns, String head, String tuple,
                                         java.util.function.Function<T, List<Object>> values, String tail) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int start = 0; start < rows.size(); start += CHUNK) {
            List<T> chunk = rows.subList(start, Math.min(rows.size(), start + CHUNK));
            StringBuilder sql = new StringBuilder(head);
            List<Object> params = new ArrayList<>();
            for (T row : chunk) {
                Object[] idx = new Object[columns];
                for (int i = 0; i < columns; i++) {
                    idx[i] = params.size() + i + 1;
                }
                sql.append(params.isEmpty() ? "" : ", ").append(String.format(tuple, idx));
                params.addAll(values.apply(row));
            }
            sql.append(tail);
            chain = chain.chain(() -> Db.exec(sql.toString(), params.toArray()).replaceWithVoid());
        }
        return chain;
    }

    // ---- reads

    /**
     * Money facts of the period grouped by partner, metric, currency and the base-currency rate their days convert
     * at (latest on or before the day). {@code partnerId} null = every partner.
     */
    public Uni<List<RateGroup>> rateGroups(Period period, String baseCurrency, UUID partnerId) {
        String sql = """
                select cast(f.partner_id as text), f.metric, f.currency, cast(sum(f.amount) as text), cast(r.rate as text),
                       cast(min(f.day) as text)
                  from amount_fact f
                  left join lateral (select x.rate from fx_rate x
                                      where x.from_ccy = f.currency and x.to_ccy = ?1 and x.rate_date <= f.day
                                      order by x.rate_date desc limit 1) r on f.currency <> ?1
                 where f.day >= ?2 and f.day < ?3 %s
                 group by f.partner_id, f.metric, f.currency, r.rate""";
        Object[] params = partnerId == null ? new Object[] {baseCurrency, period.from(), period.toExclusive()}
                : new Object[] {baseCurrency, period.from(), period.toExclusive(), partnerId};
        return Db.rows(String.format(sql, partnerId == null ? "" : "and f.partner_id = ?4"), params)
                .map(rows -> rows.stream().map(r -> new RateGroup(Db.str(r[0]), Metric.valueOf(Db.str(r[1])), Db.str(r[2]),
                        new BigDecimal(Db.str(r[3])), r[4] == null ? null : new BigDecimal(Db.str(r[4])), Db.date(r[5]))).toList());
    }

    /** Count facts of the period per partner and metric ({@code partnerId} null = every partner). */
    public Uni<Map<String, Map<Metric, Long>>> counts(Period period, UUID partnerId) {
        String sql = """
                select cast(partner_id as text), metric, sum(n) from count_fact
                 where day >= ?1 and day < ?2 %s
                 group by partner_id, metric""";
        Object[] params = partnerId == null ? new Object[] {period.from(), period.toExclusive()}
                : new Object[] {period.from(), period.toExclusive(), partnerId};
        return Db.rows(String.format(sql, partnerId == null ? "" : "and partner_id = ?3"), params).map(rows -> {
            Map<String, Map<Metric, Long>> out = new HashMap<>();
            for (Object[] r : rows) {
                out.computeIfAbsent(Db.str(r[0]), k -> new EnumMap<>(Metric.class))
                        .put(Metric.valueOf(Db.str(r[1])), Long.parseLong(Db.str(r[2])));
            }
            return out;
        });
    }
}
