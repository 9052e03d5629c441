package io.partnerflow.analytics.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.partnerflow.analytics.application.ScorecardQueries.PartnerScorecard;
import io.partnerflow.analytics.config.AnalyticsConfig;
import io.partnerflow.analytics.domain.Metric;
import io.partnerflow.analytics.domain.Period;
import io.partnerflow.analytics.domain.predict.AtRiskModel;
import io.partnerflow.analytics.domain.predict.ForecastModel;
import io.partnerflow.analytics.domain.predict.PartnerHistory;
import io.partnerflow.analytics.domain.predict.PipelineDeal;
import io.partnerflow.analytics.domain.predict.Predictor;
import io.partnerflow.analytics.domain.predict.QuarterFigures;
import io.partnerflow.analytics.persistence.PredictionStore;
import io.partnerflow.contracts.EventJson;
import io.partnerflow.core.money.Money;
import io.partnerflow.platform.jobs.AdvisoryLock;
import io.partnerflow.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Trains the at-risk and forecast models on the read models' quarterly history (once across replicas, advisory lock, one
 * transaction: the history loaded with a constant number of queries per quarter, the pure {@link Predictor}, the model
 * version and every score written together), and backtests them. Every score is stored under its model version.
 */
@ApplicationScoped
public class PredictionService {
    static final String LOCK = "analytics-prediction-training";
    private static final ObjectMapper JSON = EventJson.mapper();

    /** What a training did; {@code skipped} when another replica/request held the lock. */
    public record Outcome(int modelVersion, String through, String target, int trainingRows, int scored, boolean skipped) {
    }

    /** The program-level forecast of a model version: Σ of the partners' forecasts, interval assuming independence. */
    public record ProgramForecast(Money forecast, Money low, Money high, double intervalLevel, int partners) {
    }

    /** Backtest figures, rounded for reading: AUC to 3 decimals, MAPE in percent to 1 decimal. */
    public record BacktestReport(String trainedThrough, String tested, double revenueDrop, int trainingRows, int testRows,
                                 int atRiskInTest, Double auc, Double baselineAuc, String baselineAtRisk, int forecastRows,
                                 Double mape, Double baselineMape, String baselineForecast) {
    }

    private final ScorecardQueries scorecards;
    private final PredictionStore store;
    private final AdvisoryLock lock;
    private final Clock clock;
    private final AnalyticsConfig.Predictions config;

    public PredictionService(ScorecardQueries scorecards, PredictionStore store, AdvisoryLock lock, Clock clock, AnalyticsConfig config) {
        this.scorecards = scorecards;
        this.store = store;
        this.lock = lock;
        this.clock = clock;
        this.config = config.predictions();
    }

    public String baseCurrency() {
        return scorecards.baseCurrency();
    }

    /** The last quarter that has ended (the default history end). */
    public Period lastCompleteQuarter() {
        return Period.quarterOf(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)).previous();
    }

    /** Trains a new model version on the quarters up to {@code through} and scores every active partner for the next one. */
    public Uni<Outcome> train(Period through) {
        return Panache.withTransaction(() -> lock.tryLock(LOCK).chain(locked -> {
            if (!locked) {
                return Uni.createFrom().item(new Outcome(0, through.key(), null, 0, 0, true));
            }
            return history(through).chain(h -> store.pipeline(baseCurrency()).chain(pipeline -> {
                Map<String, Double> rates = PipelineDeal.winRates(pipeline, through.toExclusive());
                List<PartnerHistory> histories = h.withPipeline(pipeline, rates);
                int last = h.quarters().size() - 1;
                Predictor.Trained t;
                try {
                    t = Predictor.train(histories, last, config.revenueDrop());
                } catch (IllegalArgumentException e) {
                    throw ProblemException.unprocessable("not enough history to train on up to " + through.key() + ": " + e.getMessage());
                }
                List<Predictor.Score> scores = Predictor.score(t, histories, last, config.revenueDrop());
                Period target = next(through);
                ProgramForecast program = program(t.forecast(), scores);
                return store.saveModel(clock.instant(), through.key(), target.key(), t.rows(), t.atRisk().serialize(),
                                json(t.forecast().state()), json(rates), json(settings()), json(program))
                        .chain(version -> store.saveScores(rows(version, scores))
                                .replaceWith(new Outcome(version, through.key(), target.key(), t.rows(), scores.size(), false)));
            }));
        }));
    }

    /** Trains on all but the last quarter up to {@code through} and measures the predictions of that last quarter. */
    public Uni<BacktestReport> backtest(Period through) {
        return Panache.withSession(() -> history(through).chain(h -> store.pipeline(baseCurrency()).map(pipeline -> {
            int last = h.quarters().size() - 1;
            if (last < 2) {
                throw ProblemException.unprocessable("a backtest needs at least three quarters of history up to " + through.key());
            }
            Map<String, Double> rates = PipelineDeal.winRates(pipeline, h.quarters().get(last - 1).toExclusive());
            Predictor.Backtest b;
            try {
                b = Predictor.backtest(h.withPipeline(pipeline, rates), last, config.revenueDrop());
            } catch (IllegalArgumentException e) {
                throw ProblemException.unprocessable("not enough history to backtest up to " + through.key() + ": " + e.getMessage());
            }
            return new BacktestReport(h.quarters().get(last - 1).key(), through.key(), config.revenueDrop(), b.trainingRows(),
                    b.testRows(), b.atRiskInTest(), round(b.auc(), 3), round(b.baselineAuc(), 3),
                    "last quarter repeats: at risk next quarter if this quarter was at risk against the previous one",
                    b.forecastRows(), round(b.mape(), 1), round(b.baselineMape(), 1),
                    "last quarter repeats: next quarter's revenue = this quarter's");
        })));
    }

    // ---- reads

    public Uni<List<PredictionStore.Model>> models() {
        return Panache.withSession(store::models);
    }

    /** The latest model version (bodies included) and its scores (one partner's, or all); null model when none. */
    public Uni<Latest> latest(java.util.UUID partnerId) {
        return Panache.withSession(() -> store.latest().chain(m -> m == null ? Uni.createFrom().item(new Latest(null, null, Map.of()))
                : store.scores(m.model().version(), partnerId).map(s -> new Latest(m.model(), programOf(m), s))));
    }

    /** A model version, its program forecast and scores. */
    public record Latest(PredictionStore.Model model, ProgramForecast program, Map<String, PredictionStore.ScoreRow> scores) {
    }

    // ---- history

    /** The quarters of the history and each partner's figures per quarter (pipeline not yet weighted). */
    record History(List<Period> quarters, Map<String, List<QuarterFigures>> figures) {
        List<PartnerHistory> withPipeline(List<PipelineDeal> pipeline, Map<String, Double> rates) {
            List<Map<String, Double>> weighted = new ArrayList<>();
            for (Period q : quarters) {
                weighted.add(PipelineDeal.weighted(pipeline, rates, q.toExclusive()));
            }
            List<PartnerHistory> out = new ArrayList<>();
            figures.forEach((id, qs) -> {
                List<QuarterFigures> withPipe = new ArrayList<>();
                for (int i = 0; i < qs.size(); i++) {
                    withPipe.add(qs.get(i).withPipeline(weighted.get(i).getOrDefault(id, 0.0)));
                }
                out.add(new PartnerHistory(id, withPipe));
            });
            return out;
        }
    }

    Uni<History> history(Period through) {
        return store.firstDealDay().chain(first -> {
            List<Period> quarters = new ArrayList<>();
            Period q = through;
            for (int i = 0; i < config.historyQuarters() && (first == null || !q.toExclusive().isBefore(first.plusDays(1))); i++) {
                quarters.add(0, q);
                q = q.previous();
            }
            if (quarters.isEmpty()) {
                quarters.add(through);
            }
            Uni<List<Map<String, PartnerScorecard>>> chain = Uni.createFrom().item(new ArrayList<>());
            for (Period p : quarters) {
                chain = chain.chain(acc -> scorecards.load(p, null).map(m -> {
                    acc.add(m);
                    return acc;
                }));
            }
            return chain.map(perQuarter -> {
                TreeSet<String> ids = new TreeSet<>();
                perQuarter.forEach(m -> ids.addAll(m.keySet()));
                Map<String, List<QuarterFigures>> figures = new TreeMap<>();
                for (String id : ids) {
                    List<QuarterFigures> qs = new ArrayList<>();
                    for (Map<String, PartnerScorecard> m : perQuarter) {
                        PartnerScorecard s = m.get(id);
                        qs.add(s == null ? QuarterFigures.NONE : new QuarterFigures(s.scorecard().revenue().amount().doubleValue(),
                                s.scorecard().counts().get(Metric.DEALS_WON), s.scorecard().counts().get(Metric.REGISTRATIONS_SUBMITTED),
                                s.certifications().completed(), 0));
                    }
                    figures.put(id, qs);
                }
                return new History(quarters, figures);
            });
        });
    }

    // ---- helpers

    static Period next(Period quarter) {
        return Period.quarterOf(quarter.toExclusive());
    }

    private ProgramForecast program(ForecastModel model, List<Predictor.Score> scores) {
        double mean = 0;
        double variance = 0;
        for (Predictor.Score s : scores) {
            mean += s.forecast().mean();
            variance += s.forecast().variance();
        }
        double half = model.halfWidthOfSum(variance);
        return new ProgramForecast(money(mean), money(Math.max(0, mean - half)), money(mean + half), ForecastModel.LEVEL, scores.size());
    }

    private List<PredictionStore.ScoreRow> rows(int version, List<Predictor.Score> scores) {
        List<PredictionStore.ScoreRow> out = new ArrayList<>();
        for (Predictor.Score s : scores) {
            List<Map<String, Object>> drivers = new ArrayList<>();
            for (AtRiskModel.Contribution c : s.drivers()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("feature", c.feature());
                m.put("value", BigDecimal.valueOf(c.value()).setScale(2, RoundingMode.HALF_EVEN));
                m.put("contribution", BigDecimal.valueOf(c.contribution()).setScale(4, RoundingMode.HALF_EVEN));
                drivers.add(m);
            }
            out.add(new PredictionStore.ScoreRow(version, s.partnerId(), BigDecimal.valueOf(s.atRisk()).setScale(4, RoundingMode.HALF_EVEN),
                    json(drivers), money(s.forecast().mean()).amount(), money(s.forecast().low()).amount(),
                    money(s.forecast().high()).amount()));
        }
        return out;
    }

    private Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("revenueDrop", config.revenueDrop());
        m.put("historyQuarters", config.historyQuarters());
        m.put("xgboost", new TreeMap<>(AtRiskModel.params()));
        m.put("forecastIntervalLevel", ForecastModel.LEVEL);
        return m;
    }

    private ProgramForecast programOf(PredictionStore.ModelBody m) {
        try {
            return JSON.readValue(m.program(), ProgramForecast.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored program forecast of model " + m.model().version() + " is unreadable", e);
        }
    }

    Money money(double amount) {
        int scale = Money.scaleOf(Money.currencyOf(baseCurrency()));
        return Money.of(BigDecimal.valueOf(amount).setScale(scale, RoundingMode.HALF_EVEN), baseCurrency());
    }

    private static Double round(double v, int decimals) {
        return Double.isNaN(v) ? null : BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_EVEN).doubleValue();
    }

    static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
