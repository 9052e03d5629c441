package io.partnerflow.analytics.domain.predict;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

import java.util.ArrayList;
import java.util.List;

/**
 * Next quarter's revenue by ordinary least squares (Apache Commons Math) over a subset of {@link Features}: this and
 * the previous quarter's revenue, won deals, registrations, certifications and the stage-weighted open pipeline.
 * Columns that do not vary in the training rows are left out (the design matrix would be singular). The interval is
 * the regression's 90 % prediction interval, σ²(1 + x'(X'X)⁻¹x) with Student's t, its low end floored at zero.
 */
public final class ForecastModel {
    /** Feature indexes (into {@link Features#NAMES}) the regression may use. */
    static final int[] CANDIDATES = {0, 1, 4, 6, 7, 8};
    public static final double LEVEL = 0.90;

    /** What is stored: the columns used, the coefficients (intercept first), σ², (X'X)⁻¹ and the degrees of freedom. */
    public record State(int[] columns, double[] beta, double sigma2, double[][] xtxInverse, int dof) {
    }

    /** A forecast with its interval. */
    public record Forecast(double mean, double low, double high, double variance) {
    }

    private final State state;
    private final double t;

    public ForecastModel(State state) {
        this.state = state;
        this.t = state.dof() > 0 ? new TDistribution(state.dof()).inverseCumulativeProbability(0.5 + LEVEL / 2) : 0;
    }

    public State state() {
        return state;
    }

    public static ForecastModel train(List<Example> rows) {
        List<Integer> cols = new ArrayList<>();
        for (int c : CANDIDATES) {
            double first = rows.isEmpty() ? 0 : rows.get(0).x()[c];
            if (rows.stream().anyMatch(r -> r.x()[c] != first)) {
                cols.add(c);
            }
        }
        int[] columns = cols.stream().mapToInt(Integer::intValue).toArray();
        if (rows.size() < columns.length + 3) {
            throw new IllegalArgumentException("too few labelled quarters to fit the forecast (" + rows.size() + " rows)");
        }
        double[] y = new double[rows.size()];
        double[][] x = new double[rows.size()][columns.length];
        for (int i = 0; i < rows.size(); i++) {
            y[i] = rows.get(i).nextRevenue();
            for (int j = 0; j < columns.length; j++) {
                x[i][j] = rows.get(i).x()[columns[j]];
            }
        }
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        ols.newSampleData(y, x);
        return new ForecastModel(new State(columns, ols.estimateRegressionParameters(), ols.estimateErrorVariance(),
                ols.estimateRegressionParametersVariance(), rows.size() - columns.length - 1));
    }

    public Forecast predict(double[] features) {
        int k = state.columns().length + 1;
        double[] v = new double[k];
        v[0] = 1;
        for (int j = 0; j < state.columns().length; j++) {
            v[j + 1] = features[state.columns()[j]];
        }
        double mean = 0;
        double quad = 0;
        for (int i = 0; i < k; i++) {
            mean += state.beta()[i] * v[i];
            for (int j = 0; j < k; j++) {
                quad += v[i] * state.xtxInverse()[i][j] * v[j];
            }
        }
        double variance = state.sigma2() * (1 + quad);
        double half = t * Math.sqrt(Math.max(0, variance));
        double point = Math.max(0, mean);
        return new Forecast(point, Math.max(0, mean - half), Math.max(point, mean + half), variance);
    }

    /** Half-width of the interval of a sum of forecasts with these variances (assumed independent). */
    public double halfWidthOfSum(double sumOfVariances) {
        return t * Math.sqrt(Math.max(0, sumOfVariances));
    }
}
