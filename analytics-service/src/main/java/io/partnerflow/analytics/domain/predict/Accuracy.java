package io.partnerflow.analytics.domain.predict;

/** Backtest measures: AUC of a score against binary labels, MAPE of forecasts against actuals. */
public final class Accuracy {
    private Accuracy() {
    }

    /**
     * The area under the ROC curve: the probability that a random positive scores above a random negative, ties
     * counting one half (Mann–Whitney). NaN when either class is empty.
     */
    public static double auc(double[] scores, boolean[] labels) {
        double pairs = 0;
        double wins = 0;
        for (int i = 0; i < scores.length; i++) {
            if (!labels[i]) {
                continue;
            }
            for (int j = 0; j < scores.length; j++) {
                if (labels[j]) {
                    continue;
                }
                pairs++;
                wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
            }
        }
        return pairs == 0 ? Double.NaN : wins / pairs;
    }

    /** Mean absolute percentage error over the rows whose actual is positive (in percent); NaN when there is none. */
    public static double mape(double[] predicted, double[] actual) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] > 0) {
                sum += Math.abs(predicted[i] - actual[i]) / actual[i];
                n++;
            }
        }
        return n == 0 ? Double.NaN : 100 * sum / n;
    }
}
