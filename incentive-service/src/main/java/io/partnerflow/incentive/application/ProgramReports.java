package io.partnerflow.incentive.application;

import io.partnerflow.core.geo.Regions;
import io.partnerflow.core.money.Money;
import io.partnerflow.incentive.config.IncentiveConfig;
import io.partnerflow.incentive.domain.ProgramReportBy;
import io.partnerflow.platform.persistence.Db;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
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
                      String accrued, String adjusted, String reversed, String netEarnings, String costPerRevenue) {
    }

    public record Report(String by, Instant from, Instant to, String currency, String partnerId, List<Row> rows) {
    }

    private final IncentiveConfig config;

    public ProgramReports(IncentiveConfig config) {
        this.config = config;
    }

    /** Parameters are validated by the API; {@code partnerId} non-null restricts to that partner's rows. */
    public Uni<Report> report(Instant from, Instant to, ProgramReportBy by, String currency, String partnerId) {
        return Panache.withSession(() -> Db.rows(sql(by), from, to, partnerId, currency))
                .map(rows -> new Report(by.param(), from, to, currency, partnerId, rows.stream().map(ProgramReports::row).toList()));
    }

    String sql(ProgramReportBy by) {
        return """
                with d as (
                    select deal_id, min(closed_at) as closed_at from credit_compact
                    where closed_at >= ?1 and closed_at < ?2 group by deal_id),
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
                       , x.currency,
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
                group by 1, 2, 3, 4 order by 1, 3, 4""";
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

    private static Row row(Object[] r) {
        String ccy = Db.str(r[3]).trim();
        java.util.Currency c = Money.currencyOf(ccy);
        Money sourced = Money.ofMinor(Db.decimal(r[4]).toBigIntegerExact(), c);
        Money influenced = Money.ofMinor(Db.decimal(r[5]).toBigIntegerExact(), c);
        Money revenue = sourced.plus(influenced);
        Money accrued = EarningWriter.money(Db.decimal(r[9]), ccy);
        Money adjusted = EarningWriter.money(Db.decimal(r[10]), ccy);
        Money reversed = EarningWriter.money(Db.decimal(r[11]), ccy);
        Money net = accrued.plus(adjusted).plus(reversed);
        BigDecimal ratio = ProgramReportBy.costPerRevenue(net.amount(), revenue.amount());
        return new Row(Db.str(r[0]), Db.str(r[1]), Db.str(r[2]), ccy, sourced.amountString(), influenced.amountString(),
                revenue.amountString(), ((Number) r[6]).longValue(), ((Number) r[7]).longValue(), ((Number) r[8]).longValue(),
                accrued.amountString(), adjusted.amountString(), reversed.amountString(), net.amountString(),
                ratio == null ? null : ratio.toPlainString());
    }
}
