package io.partnerflow.analytics.domain.predict;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The at-risk classifier: gradient-boosted trees (XGBoost4J, {@code binary:logistic}) over {@link Features}; the
 * probability that the next quarter is "at risk", and per score the features that drive it (XGBoost's SHAP
 * contributions, in log-odds). Deterministic: one thread, fixed seed, no sampling.
 */
public final class AtRiskModel {
    /** A feature's share of one score: its value and its contribution to the log-odds (positive = more at risk). */
    public record Contribution(String feature, double value, double contribution) {
    }

    static final int ROUNDS = 60;

    private final Booster booster;

    private AtRiskModel(Booster booster) {
        this.booster = booster;
    }

    public static Map<String, Object> params() {
        Map<String, Object> p = new HashMap<>();
        p.put("objective", "binary:logistic");
        p.put("max_depth", 3);
        p.put("eta", 0.2);
        p.put("min_child_weight", 1);
        p.put("lambda", 1.0);
        p.put("nthread", 1);
        p.put("seed", 42);
        p.put("verbosity", 0);
        return p;
    }

    public static AtRiskModel train(List<Example> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no labelled quarter to train on");
        }
        try {
            DMatrix d = matrix(rows.stream().map(Example::x).toList());
            float[] y = new float[rows.size()];
            for (int i = 0; i < y.length; i++) {
                y[i] = rows.get(i).atRisk() ? 1f : 0f;
            }
            d.setLabel(y);
            return new AtRiskModel(XGBoost.train(d, params(), ROUNDS, new HashMap<>(), null, null));
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost training failed: " + e.getMessage(), e);
        }
    }

    public static AtRiskModel load(String base64) {
        try {
            return new AtRiskModel(XGBoost.loadModel(Base64.getDecoder().decode(base64)));
        } catch (XGBoostError | java.io.IOException e) {
            throw new IllegalStateException("stored at-risk model cannot be loaded: " + e.getMessage(), e);
        }
    }

    public String serialize() {
        try {
            return Base64.getEncoder().encodeToString(booster.toByteArray("json"));
        } catch (XGBoostError e) {
            throw new IllegalStateException(e);
        }
    }

    /** The probability of each row. */
    public double[] probabilities(List<double[]> xs) {
        if (xs.isEmpty()) {
            return new double[0];
        }
        try {
            float[][] p = booster.predict(matrix(xs));
            double[] out = new double[p.length];
            for (int i = 0; i < p.length; i++) {
                out[i] = p[i][0];
            }
            return out;
        } catch (XGBoostError e) {
            throw new IllegalStateException(e);
        }
    }

    /** Each row's {@code top} largest contributions by magnitude (ties by feature order). */
    public List<List<Contribution>> explain(List<double[]> xs, int top) {
        if (xs.isEmpty()) {
            return List.of();
        }
        try {
            float[][] c = booster.predictContrib(matrix(xs), 0);
            List<List<Contribution>> out = new ArrayList<>();
            for (int i = 0; i < c.length; i++) {
                List<Contribution> row = new ArrayList<>();
                for (int f = 0; f < Features.NAMES.size(); f++) { // the last column is the bias
                    row.add(new Contribution(Features.NAMES.get(f), xs.get(i)[f], c[i][f]));
                }
                row.sort(Comparator.comparingDouble((Contribution k) -> -Math.abs(k.contribution())));
                out.add(List.copyOf(row.subList(0, Math.min(top, row.size()))));
            }
            return out;
        } catch (XGBoostError e) {
            throw new IllegalStateException(e);
        }
    }

    private static DMatrix matrix(List<double[]> xs) throws XGBoostError {
        int cols = Features.NAMES.size();
        float[] data = new float[xs.size() * cols];
        for (int i = 0; i < xs.size(); i++) {
            for (int j = 0; j < cols; j++) {
                data[i * cols + j] = (float) xs.get(i)[j];
            }
        }
        return new DMatrix(data, xs.size(), cols, Float.NaN);
    }
}
