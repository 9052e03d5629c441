package io.partnerflow.incentive.application;

import io.partnerflow.core.geo.Regions;
import io.partnerflow.core.money.Money;
import io.partnerflow.incentive.config.IncentiveConfig;
import io.partnerflow.incentive.domain.Facts;
import io.partnerflow.incentive.domain.FxBook;
import io.partnerflow.incentive.domain.ProgramReportBy;
import io.partnerflow.incentive.domain.ProgramReportFold;
import io.partnerflow.platform.persistence.Db;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Revenue, deals and earnings per incentive program (issue #19), for deals closed in [from, to): a deal counts for a
 * program and a partner when the program has an earning (accrued, adjusted or reversed) on it for that partner. Credited
 * revenue is the partner's net credit on the deal (attribution in force, net of reversals: {@code credit_compact});
 * earnings are summed in their ORIGINAL currency (the figure before FX: the deal currency, or a fixed amount's own
 * currency), so revenue and earnings of a row share one currency and nothing is converted. One query, exact numeric
 * sums; rows per program, second dimension and currency.
 */
@ApplicationScoped
public class ProgramReports {
    public record Row(String program, String programName, String group, String currency, String sourcedRevenue,
                      String influencedRevenue, String revenue, long deals, long sourcedDeals, long influencedDeals,
                      String accrued, String adjusted, String reversed, String netEarnings, String costPerRevenue, List<Paid> paid) {
    }

    /** What the row's earnings net to in one payout currency (as published, after FX). */
    public record Paid(String amount, String currency) {
    }

    /** A program and group in the base currency, where rates exist (see {@link ProgramReportFold#inBase}). */
    public record BaseRow(String program, String programName, String group, String currency, String revenue, String netEarnings,
                          String costPerRevenue, List<String> converted, List<String> missingRates) {
    }

    public record Report(String by, Instant from, Instant to, String currency, String partnerId, List<Row> rows,
                         String baseCurrency, List<BaseRow> inBase) {
    }

    private final IncentiveConfig config;

    public ProgramReports(IncentiveConfig config) {
        this.config = config;
    }

    /** Parameters are validated by the API; {@code partnerId} non-null restricts to that partner's rows. */
    public Uni<Report> report(Instant from, Instant to, ProgramReportBy by, String currency, String partnerId) {
        String base = config.baseCurrency();
        return Panache.withSession(() -> Db.rows(sql(by), from, to, partnerId, currency)
                .chain(rows -> Db.rows(paidSql(by), from, to, partnerId, currency)
                        .chain(paid -> Db.rows("select from_ccy, to_ccy, rate_date, rate from fx_rate").map(rates -> {
                            Map<String, List<Paid>> byRow = new HashMap<>();
                            for (Object[] p : paid) {
                                byRow.computeIfAbsent(rowKey(p[0], p[1], p[2]), k -> new ArrayList<>())
                                        .add(new Paid(EarningWriter.money(Db.decimal(p[4]), Db.str(p[3])).amountString(), Db.str(p[3])));
                            }
                            List<ProgramReportFold.Cell> cells = rows.stream().map(ProgramReports::cell).toList();
                            List<Row> out = ProgramReportFold.totals(cells).stream()
                                    .map(t -> row(t, byRow.getOrDefault(rowKey(t.program(), t.group(), t.currency()), List.of()))).toList();
                            List<BaseRow> inBase = ProgramReportFold.inBase(cells, base, fxTable(rates, base)).stream().map(b -> new BaseRow(
                                    b.program(), b.programName(), b.group(), b.currency(), plain(b.revenue()), plain(b.netEarnings()),
                                    plain(b.costPerRevenue()), b.converted(), b.missingRates())).toList();
                            return new Report(by.param(), from, to, currency, partnerId, out, base, inBase);
                        }))));
    }

    private static String plain(BigDecimal d) {
        return d == null ? null : d.toPlainString();
    }

    /** Every published rate, the latest on or before the asked date, with inverses and crosses through the base. */
    private static Facts.FxTable fxTable(List<Object[]> rows, String base) {
        Map<String, TreeMap<LocalDate, BigDecimal>> m = new HashMap<>();
        for (Object[] r : rows) {
            BigDecimal rate = Db.decimal(r[3]).stripTrailingZeros();
            m.computeIfAbsent(Db.str(r[0]) + "/" + Db.str(r[1]), k -> new TreeMap<>()).put(Db.date(r[2]), rate.scale() < 0 ? rate.setScale(0) : rate);
        }
        return FxBook.through(base, (f, t, date) -> {
            var byDate = m.get(f + "/" + t);
            var e = byDate == null ? null : byDate.floorEntry(date);
            return e == null ? Optional.empty() : Optional.of(new Facts.FxRate(f, t, e.getValue(), e.getKey()));
        });
    }

    private static String rowKey(Object program, Object group, Object currency) {
        return Db.str(program) + "\u0000" + Db.str(group) + "\u0000" + Db.str(currency);
    }

    /** Deals closed in [?1, ?2) (one row per deal), the shared first CTE. */
    private static final String DEALS = """
            with d as (
                select deal_id, min(closed_at) as closed_at from credit_compact
                where closed_at >= ?1 and closed_at < ?2 group by deal_id)""";

    /** The same rows' earnings netted per payout currency ({@code earning.amount}, as published). */
    String paidSql(ProgramReportBy by) {
        return DEALS + """

                select coalesce(pr.code, cast(x.program_id as text)), """ + key(by) + """
                       , x.original_currency, x.currency, sum(x.amount)
                from earning x join d on d.deal_id = x.deal_id
                left join program pr on pr.program_id = x.program_id
                left join partner p on p.partner_id = x.partner_id
                left join lateral (select t.tier_code from partner_tier t where t.partner_id = x.partner_id and t.effective_at <= d.closed_at
                                   order by t.effective_at desc, t.decided_at desc limit 1) t on true
                where x.event_type in ('accrued', 'adjusted', 'reversed')
                  and (cast(?3 as text) is null or x.partner_id = cast(?3 as text))
                  and (cast(?4 as text) is null or x.original_currency = cast(?4 as text))
                group by 1, 2, 3, 4 order by 1, 2, 3, 4""";
    }

    String sql(ProgramReportBy by) {
        return DEALS + """
                ,
                e as (
                    select er.program_id, er.deal_id, er.partner_id, er.original_currency as currency,
                           sum(case when er.event_type = 'accrued' then er.original_amount else 0 end) as accrued,
                           sum(case when er.event_type = 'adjusted' then er.original_amount else 0 end) as adjusted,
                           sum(case when er.event_type = 'reversed' then er.original_amount else 0 end) as reversed
                    from earning er join d on d.deal_id = er.deal_id
                    where er.event_type in ('accrued', 'adjusted', 'reversed')
                      and (cast(?3 as text) is null or er.partner_id = cast(?3 as text))
                    group by 1, 2, 3, 4),
                q as (select distinct program_id, deal_id, partner_id from e),
                x as (
                    select q.program_id, q.deal_id, q.partner_id, c.currency, c.role,
                           (select coalesce(sum(cast(split_part(l, '=', 2) as numeric)), 0)
                              from unnest(string_to_array(c.lines, ';')) l) as credited_minor,
                           cast(0 as numeric) as accrued, cast(0 as numeric) as adjusted, cast(0 as numeric) as reversed
                    from q join credit_compact c on c.deal_id = q.deal_id and c.partner_id = q.partner_id
                    union all
                    select program_id, deal_id, partner_id, currency, cast(null as varchar), 0, accrued, adjusted, reversed from e)
                select coalesce(pr.code, cast(x.program_id as text)), pv.name, """ + key(by) + """
                       , x.currency, cast(d.closed_at at time zone '@ZONE@' as date),
                       sum(case when x.role = 'sourced' then x.credited_minor else 0 end),
                       sum(case when x.role = 'influenced' then x.credited_minor else 0 end),
                       count(distinct x.deal_id),
                       count(distinct case when x.role = 'sourced' then x.deal_id end),
                       count(distinct case when x.role = 'influenced' then x.deal_id end),
                       sum(x.accrued), sum(x.adjusted), sum(x.reversed)
                from x join d on d.deal_id = x.deal_id
                left join program pr on pr.program_id = x.program_id
                left join lateral (select cast(v.definition as jsonb) ->> 'name' as name from program_version v
                                   where v.program_id = x.program_id order by v.version desc limit 1) pv on true
                left join partner p on p.partner_id = x.partner_id
                left join lateral (select t.tier_code from partner_tier t where t.partner_id = x.partner_id and t.effective_at <= d.closed_at
                                   order by t.effective_at desc, t.decided_at desc limit 1) t on true
                where (cast(?4 as text) is null or x.currency = cast(?4 as text))
                group by 1, 2, 3, 4, 5 order by 1, 3, 4, 5""".replace("@ZONE@", zone());
    }

    /** The group key as SQL; built from constants and the configured zone only (never from the request). */
    String key(ProgramReportBy by) {
        String unknown = "'" + ProgramReportBy.UNKNOWN + "'";
        return switch (by) {
            case PROGRAM -> "cast(null as text)";
            case TIER -> "coalesce(t.tier_code, " + unknown + ")";
            case MONTH -> "to_char(d.closed_at at time zone '" + zone() + "', 'YYYY-MM')";
            case QUARTER -> "to_char(d.closed_at at time zone '" + zone() + "', 'YYYY-\"Q\"Q')";
            case REGION -> "case when p.country is null then " + unknown + " else case upper(p.country) "
                    + Regions.byCountry().entrySet().stream()
                    .map(en -> "when '" + en.getKey() + "' then '" + en.getValue() + "'").collect(Collectors.joining(" "))
                    + " else 'other' end end";
        };
    }

    private String zone() {
        String id = config.periodZone().getId();
        if (!id.matches("[A-Za-z0-9/_+:-]+")) {
            throw new IllegalStateException("unexpected zone id " + id);
        }
        return id;
    }

    private static ProgramReportFold.Cell cell(Object[] r) {
        String ccy = Db.str(r[3]);
        java.util.Currency c = Money.currencyOf(ccy);
        return new ProgramReportFold.Cell(Db.str(r[0]), Db.str(r[1]), Db.str(r[2]), ccy, Db.date(r[4]),
                Money.ofMinor(Db.decimal(r[5]).toBigIntegerExact(), c).amount(), Money.ofMinor(Db.decimal(r[6]).toBigIntegerExact(), c).amount(),
                ((Number) r[7]).longValue(), ((Number) r[8]).longValue(), ((Number) r[9]).longValue(),
                Db.decimal(r[10]), Db.decimal(r[11]), Db.decimal(r[12]));
    }

    private static Row row(ProgramReportFold.Totals t, List<Paid> paid) {
        String ccy = t.currency();
        BigDecimal ratio = t.costPerRevenue();
        return new Row(t.program(), t.programName(), t.group(), ccy, money(t.sourced(), ccy), money(t.influenced(), ccy),
                money(t.revenue(), ccy), t.deals(), t.sourcedDeals(), t.influencedDeals(), money(t.accrued(), ccy),
                money(t.adjusted(), ccy), money(t.reversed(), ccy), money(t.net(), ccy), ratio == null ? null : ratio.toPlainString(), paid);
    }

    private static String money(BigDecimal amount, String ccy) {
        return EarningWriter.money(amount, ccy).amountString();
    }
}
