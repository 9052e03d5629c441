package io.partnerflow.attribution.application;

import io.partnerflow.attribution.domain.ReportDimension;
import io.partnerflow.core.geo.Regions;
import io.partnerflow.core.money.Money;
import io.partnerflow.platform.persistence.Db;
import io.partnerflow.platform.problem.Problem;
import io.partnerflow.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Staff reports across partners: sourced / influenced revenue (deals closed in [from, to), attributions in force,
 * net of reversals) and open pipeline, per currency, grouped by tier, region, partner type, partner, or the close's
 * month / quarter (UTC; revenue only). Sums are exact (numeric); deal counts are distinct deals per group and role.
 */
@ApplicationScoped
public class Reports {
    public record GroupTotals(String group, String currency, String role, String amount, long deals) {
    }

    public record Report(String by, Instant from, Instant to, List<GroupTotals> groups) {
    }

    /** Validate the period first (the API does). */
    public Uni<Report> revenue(Instant from, Instant to, String by) {
        ReportDimension d = dimension(by, false);
        return Panache.withSession(() -> Db.rows("select " + key(d) + """
                        , c.currency, c.role, sum(c.amount), count(distinct c.deal_id)
                        from attribution_credit c join attribution a on a.id = c.attribution_id
                        left join partner_profile p on p.partner_id = c.partner_id
                        where a.active and c.closed_at >= ?1 and c.closed_at < ?2
                        group by 1, 2, 3 order by 1, 2, 3""", from, to))
                .map(rows -> new Report(d.param(), from, to, groups(rows)));
    }

    public Uni<Report> pipeline(String by) {
        ReportDimension d = dimension(by, true);
        return Panache.withSession(() -> Db.rows("select " + key(d) + """
                        , c.currency, c.role, sum(c.amount), count(distinct c.deal_id)
                        from pipeline_credit c left join partner_profile p on p.partner_id = c.partner_id
                        group by 1, 2, 3 order by 1, 2, 3"""))
                .map(rows -> new Report(d.param(), null, null, groups(rows)));
    }

    private static ReportDimension dimension(String by, boolean pipeline) {
        String allowed = pipeline ? "tier, region, partner-type, partner" : "tier, region, partner-type, partner, month, quarter";
        return ReportDimension.of(by).filter(d -> !(pipeline && d.isPeriod())).orElseThrow(() -> ProblemException.badRequest(
                "by must be one of " + allowed, new Problem.FieldError("by", "must be one of " + allowed
                        + (pipeline ? " (open pipeline has no close date)" : ""))));
    }

    /** The group key as SQL; built from constants only (never from the request). */
    static String key(ReportDimension d) {
        String unknown = "'" + ReportDimension.UNKNOWN + "'";
        return switch (d) {
            case TIER -> "coalesce(p.tier, " + unknown + ")";
            case PARTNER_TYPE -> "coalesce(p.type, " + unknown + ")";
            case PARTNER -> "c.partner_id";
            case MONTH -> "to_char(c.closed_at at time zone 'UTC', 'YYYY-MM')";
            case QUARTER -> "to_char(c.closed_at at time zone 'UTC', 'YYYY-\"Q\"Q')";
            case REGION -> "case when p.country is null then " + unknown + " else case upper(p.country) "
                    + Regions.byCountry().entrySet().stream()
                    .map(e -> "when '" + e.getKey() + "' then '" + e.getValue() + "'").collect(Collectors.joining(" "))
                    + " else 'other' end end";
        };
    }

    private static List<GroupTotals> groups(List<Object[]> rows) {
        return rows.stream().map(r -> {
            String currency = Db.str(r[1]).trim();
            return new GroupTotals(Db.str(r[0]), currency, Db.str(r[2]), Money.of((BigDecimal) r[3], currency).amountString(),
                    ((Number) r[4]).longValue());
        }).toList();
    }
}
