package io.partnerflow.analytics.persistence;

import io.partnerflow.analytics.domain.predict.PipelineDeal;
import io.partnerflow.platform.persistence.Db;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The pipeline read model, the model versions and their scores. Runs in the caller's session. */
@ApplicationScoped
public class PredictionStore {

    /** A pipeline snapshot to upsert (latest revision wins; a won snapshot keeps the last open stage). */
    public record PipelineRow(String dealId, long revision, String status, String openStage, BigDecimal amount,
                              String currency, LocalDate createdOn, LocalDate closedOn, String partners, String touches) {
    }

    /** A stored model version (without its bodies). */
    public record Model(int version, Instant trainedAt, String through, String target, int trainingRows) {
    }

    /** A model version with its bodies. */
    public record ModelBody(Model model, String atRisk, String forecast, String stageRates, String settings, String program) {
    }

    /** A stored score. */
    public record ScoreRow(int modelVersion, String partnerId, BigDecimal atRisk, String contributions, BigDecimal forecast,
                           BigDecimal low, BigDecimal high) {
    }

    // ---- pipeline

    /** One multi-row upsert per 500 snapshots; the LAST of several snapshots of one deal in the list wins. */
    /** The pipeline deals one partner touched (or all, for {@code partnerId} null), with their touches. */
    public Uni<List<io.partnerflow.analytics.domain.DealActivity.PipelineDeal>> touchedDeals(String partnerId) {
        return Db.rows("""
                        select deal_id, status, amount, currency, created_on, closed_on, touches from pipeline_deal
                        where cast(?1 as text) is null or partners like '%' || cast(?1 as text) || '%'""", partnerId)
                .map(rows -> rows.stream().map(r -> {
                    String ccy = Db.str(r[3]).trim();
                    int scale = io.partnerflow.core.money.Money.scaleOf(io.partnerflow.core.money.Money.currencyOf(ccy));
                    return new io.partnerflow.analytics.domain.DealActivity.PipelineDeal(Db.str(r[0]), Db.str(r[1]),
                            io.partnerflow.core.money.Money.of(Db.decimal(r[2]).setScale(scale, java.math.RoundingMode.HALF_EVEN), ccy),
                            Db.date(r[4]), Db.date(r[5]), io.partnerflow.analytics.domain.DealActivity.decode(Db.str(r[6])));
                }).toList());
    }

    public Uni<Void> savePipeline(List<PipelineRow> rows) {
        Map<String, PipelineRow> latest = new java.util.LinkedHashMap<>();
        rows.forEach(r -> latest.merge(r.dealId(), r, (a, b) -> b.revision() >= a.revision()
                ? (b.openStage() == null ? new PipelineRow(b.dealId(), b.revision(), b.status(), a.openStage(), b.amount(),
                b.currency(), b.createdOn(), b.closedOn(), b.partners(), b.touches()) : b) : a));
        List<PipelineRow> list = new ArrayList<>(latest.values());
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int start = 0; start < list.size(); start += 500) {
            List<PipelineRow> chunk = list.subList(start, Math.min(list.size(), start + 500));
            StringBuilder sql = new StringBuilder("insert into pipeline_deal (deal_id, revision, status, open_stage, amount, currency,"
                    + " created_on, closed_on, partners, touches) values ");
            List<Object> params = new ArrayList<>();
            for (PipelineRow r : chunk) {
                int n = params.size();
                sql.append(n == 0 ? "" : ", ").append(String.format("(?%d, ?%d, ?%d, ?%d, cast(cast(?%d as text) as numeric), ?%d,"
                        + " ?%d, cast(nullif(cast(?%d as text), '') as date), ?%d, ?%d)", n + 1, n + 2, n + 3, n + 4, n + 5, n + 6, n + 7, n + 8, n + 9,
                        n + 10));
                params.addAll(Arrays.asList(r.dealId(), r.revision(), r.status(), r.openStage() == null ? "" : r.openStage(),
                        r.amount().toPlainString(), r.currency(), r.createdOn(), r.closedOn() == null ? "" : r.closedOn().toString(),
                        r.partners(), r.touches()));
            }
            sql.append("""
                     on conflict (deal_id) do update set revision = excluded.revision, status = excluded.status,
                       open_stage = coalesce(nullif(excluded.open_stage, ''), pipeline_deal.open_stage), amount = excluded.amount,
                       currency = excluded.currency, created_on = excluded.created_on, closed_on = excluded.closed_on,
                       partners = excluded.partners, touches = excluded.touches
                     where pipeline_deal.revision <= excluded.revision""");
            chain = chain.chain(() -> Db.exec(sql.toString(), params.toArray()).replaceWithVoid());
        }
        return chain;
    }

    /** Every partner-touched pipeline deal, its amount in the base currency at the rate of its creation day (or null). */
    public Uni<List<PipelineDeal>> pipeline(String baseCurrency) {
        return Db.rows("""
                select p.deal_id, p.status, nullif(p.open_stage, ''),
                       cast(case when p.currency = ?1 then p.amount else p.amount * r.rate end as text),
                       cast(p.created_on as text), cast(p.closed_on as text), p.partners
                  from pipeline_deal p
                  left join lateral (select x.rate from fx_rate x where x.from_ccy = p.currency and x.to_ccy = ?1
                                      and x.rate_date <= p.created_on order by x.rate_date desc limit 1) r on p.currency <> ?1
                 where p.partners <> ''""", baseCurrency).map(rows -> {
            List<PipelineDeal> out = new ArrayList<>();
            for (Object[] r : rows) {
                out.add(new PipelineDeal(Db.str(r[0]), Db.str(r[1]), Db.str(r[2]), r[3] == null ? null : Double.valueOf(Db.str(r[3])),
                        Db.date(r[4]), r[5] == null ? null : Db.date(r[5]), List.of(Db.str(r[6]).split(";"))));
            }
            return out;
        });
    }

    /** The first day with a won deal, or null. */
    public Uni<LocalDate> firstDealDay() {
        return Db.rows("select cast(min(day) as text) from count_fact where metric = 'DEALS_WON' and n > 0")
                .map(rows -> rows.isEmpty() || rows.get(0)[0] == null ? null : Db.date(rows.get(0)[0]));
    }

    // ---- models and scores

    public Uni<Integer> saveModel(Instant trainedAt, String through, String target, int rows, String atRisk, String forecast,
                                  String stageRates, String settings, String program) {
        return Db.rows("""
                insert into prediction_model (version, trained_at, through, target, training_rows, atrisk_model, forecast_model,
                                              stage_rates, settings, program)
                select coalesce(max(version), 0) + 1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9 from prediction_model
                returning version""", trainedAt, through, target, rows, atRisk, forecast, stageRates, settings, program)
                .map(r -> ((Number) r.get(0)[0]).intValue());
    }

    public Uni<Void> saveScores(List<ScoreRow> scores) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int start = 0; start < scores.size(); start += 500) {
            List<ScoreRow> chunk = scores.subList(start, Math.min(scores.size(), start + 500));
            StringBuilder sql = new StringBuilder("insert into partner_prediction (model_version, partner_id, at_risk, contributions,"
                    + " forecast, forecast_low, forecast_high) values ");
            List<Object> params = new ArrayList<>();
            for (ScoreRow s : chunk) {
                int n = params.size();
                sql.append(n == 0 ? "" : ", ").append(String.format("(?%d, ?%d, cast(cast(?%d as text) as numeric), ?%d,"
                                + " cast(cast(?%d as text) as numeric), cast(cast(?%d as text) as numeric), cast(cast(?%d as text) as numeric))",
                        n + 1, n + 2, n + 3, n + 4, n + 5, n + 6, n + 7));
                params.addAll(List.of(s.modelVersion(), UUID.fromString(s.partnerId()), s.atRisk().toPlainString(), s.contributions(),
                        s.forecast().toPlainString(), s.low().toPlainString(), s.high().toPlainString()));
            }
            chain = chain.chain(() -> Db.exec(sql.toString(), params.toArray()).replaceWithVoid());
        }
        return chain;
    }

    public Uni<List<Model>> models() {
        return Db.rows("select version, trained_at, through, target, training_rows from prediction_model order by version desc")
                .map(rows -> rows.stream().map(PredictionStore::model).toList());
    }

    /** The latest model with its bodies, or null. */
    public Uni<ModelBody> latest() {
        return Db.rows("""
                select version, trained_at, through, target, training_rows, atrisk_model, forecast_model, stage_rates, settings, program
                  from prediction_model order by version desc limit 1""")
                .map(rows -> rows.isEmpty() ? null : new ModelBody(model(rows.get(0)), Db.str(rows.get(0)[5]),
                        Db.str(rows.get(0)[6]), Db.str(rows.get(0)[7]), Db.str(rows.get(0)[8]), Db.str(rows.get(0)[9])));
    }

    /** The scores of a model version (of one partner, or all when {@code partnerId} is null), by partner id. */
    public Uni<Map<String, ScoreRow>> scores(int version, UUID partnerId) {
        String sql = """
                select model_version, cast(partner_id as text), cast(at_risk as text), contributions, cast(forecast as text),
                       cast(forecast_low as text), cast(forecast_high as text)
                  from partner_prediction where model_version = ?1 %s order by partner_id""";
        Object[] params = partnerId == null ? new Object[] {version} : new Object[] {version, partnerId};
        return Db.rows(String.format(sql, partnerId == null ? "" : "and partner_id = ?2"), params).map(rows -> {
            Map<String, ScoreRow> out = new java.util.LinkedHashMap<>();
            for (Object[] r : rows) {
                out.put(Db.str(r[1]), new ScoreRow(((Number) r[0]).intValue(), Db.str(r[1]), new BigDecimal(Db.str(r[2])), Db.str(r[3]),
                        new BigDecimal(Db.str(r[4])), new BigDecimal(Db.str(r[5])), new BigDecimal(Db.str(r[6]))));
            }
            return out;
        });
    }

    private static Model model(Object[] r) {
        return new Model(((Number) r[0]).intValue(), Db.instant(r[1]), Db.str(r[2]), Db.str(r[3]), ((Number) r[4]).intValue());
    }

}
