package io.partnerflow.analytics.domain.predict;

import java.util.ArrayList;
import java.util.List;

/**
 * Trains both models on a history, scores the partners, and backtests: the pure core that the scheduled retraining,
 * the on-demand training and the backtest endpoint all call.
 */
public final class Predictor {
    /** How many contributions each score names. */
    public static final int TOP = 3;

    /** Both trained models and how many labelled rows they saw. */
    public record Trained(AtRiskModel atRisk, ForecastModel forecast, int rows) {
    }

    /** One partner's score for the quarter after {@code quarter}. */
    public record Score(String partnerId, double atRisk, List<AtRiskModel.Contribution> drivers, ForecastModel.Forecast forecast) {
    }

    /** Backtest figures (AUC of the model and of the naive score, MAPE of the model and of "last quarter repeats"). */
    public record Backtest(int trainingRows, int testRows, int atRiskInTest, double auc, double baselineAuc, int forecastRows,
                           double mape, double baselineMape) {
    }

    private Predictor() {
    }

    /** Trains on every labelled quarter up to and including {@code lastLabelQuarter} (its features end one before). */
    public static Trained train(List<PartnerHistory> histories, int lastLabelQuarter, double drop) {
        List<Example> rows = Example.labelled(histories, lastLabelQuarter, drop);
        return new Trained(AtRiskModel.train(rows), ForecastModel.train(rows), rows.size());
    }

    /** Scores every partner active at {@code quarter} for the quarter after it. */
    public static List<Score> score(Trained t, List<PartnerHistory> histories, int quarter, double drop) {
        List<Example> rows = Example.at(histories, quarter, drop);
        List<double[]> xs = rows.stream().map(Example::x).toList();
        double[] p = t.atRisk().probabilities(xs);
        List<List<AtRiskModel.Contribution>> why = t.atRisk().explain(xs, TOP);
        List<Score> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            out.add(new Score(rows.get(i).partnerId(), p[i], why.get(i), t.forecast().predict(xs.get(i))));
        }
        return out;
    }

    /**
     * Trains on all but the last quarter of {@code trainHistories} and predicts the last quarter of {@code testHistories}
     * (the same figures; the pipeline weighted with the win rates known at the training cut-off) from the one before.
     * Naive baselines: at risk next quarter = "this quarter was at risk against the previous one" (a 0/1 score);
     * revenue next quarter = this quarter's.
     */
    public static Backtest backtest(List<PartnerHistory> trainHistories, int last, double drop) {
        Trained t = train(trainHistories, last - 1, drop);
        List<Example> test = Example.at(trainHistories, last - 1, drop);
        List<double[]> xs = test.stream().map(Example::x).toList();
        double[] p = t.atRisk().probabilities(xs);
        double[] naive = new double[test.size()];
        boolean[] labels = new boolean[test.size()];
        double[] predicted = new double[test.size()];
        double[] lastQuarter = new double[test.size()];
        double[] actual = new double[test.size()];
        int positives = 0;
        int forecastRows = 0;
        for (int i = 0; i < test.size(); i++) {
            Example e = test.get(i);
            PartnerHistory h = trainHistories.stream().filter(x -> x.partnerId().equals(e.partnerId())).findFirst().orElseThrow();
            naive[i] = Example.atRisk(h.at(last - 2), h.at(last - 1), drop) ? 1 : 0;
            labels[i] = e.atRisk();
            positives += labels[i] ? 1 : 0;
            predicted[i] = t.forecast().predict(e.x()).mean();
            lastQuarter[i] = h.at(last - 1).revenue();
            actual[i] = e.nextRevenue();
            forecastRows += actual[i] > 0 ? 1 : 0;
        }
        return new Backtest(t.rows(), test.size(), positives, Accuracy.auc(p, labels), Accuracy.auc(naive, labels), forecastRows,
                Accuracy.mape(predicted, actual), Accuracy.mape(lastQuarter, actual));
    }
}
