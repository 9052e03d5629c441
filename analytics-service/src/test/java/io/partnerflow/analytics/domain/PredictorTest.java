package io.partnerflow.analytics.domain;

import io.partnerflow.analytics.domain.predict.Accuracy;
import io.partnerflow.analytics.domain.predict.AtRiskModel;
import io.partnerflow.analytics.domain.predict.Example;
import io.partnerflow.analytics.domain.predict.Features;
import io.partnerflow.analytics.domain.predict.ForecastModel;
import io.partnerflow.analytics.domain.predict.PartnerHistory;
import io.partnerflow.analytics.domain.predict.PipelineDeal;
import io.partnerflow.analytics.domain.predict.Predictor;
import io.partnerflow.analytics.domain.predict.QuarterFigures;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The prediction core without I/O: labels, AUC/MAPE, win rates, and models that must learn a learnable history. */
class PredictorTest {

    @Test
    void aucCountsTiesAsHalfAndIsUndefinedWithOneClass() {
        assertEquals(1.0, Accuracy.auc(new double[] {0.9, 0.8, 0.1}, new boolean[] {true, true, false}));
        assertEquals(0.0, Accuracy.auc(new double[] {0.1, 0.9}, new boolean[] {true, false}));
        assertEquals(0.5, Accuracy.auc(new double[] {1, 1}, new boolean[] {true, false}));
        assertTrue(Double.isNaN(Accuracy.auc(new double[] {1, 2}, new boolean[] {true, true})));
        assertEquals(25.0, Accuracy.mape(new double[] {75, 5}, new double[] {100, 0}), 1e-9); // the zero actual is left out
    }

    @Test
    void atRiskMeansNoWonDealOrARevenueDropBeyondTheThreshold() {
        QuarterFigures now = new QuarterFigures(1000, 3, 0, 0, 0);
        assertTrue(Example.atRisk(now, new QuarterFigures(0, 0, 0, 0, 0), 0.5));
        assertTrue(Example.atRisk(now, new QuarterFigures(499, 1, 0, 0, 0), 0.5));
        assertFalse(Example.atRisk(now, new QuarterFigures(500, 1, 0, 0, 0), 0.5));
    }

    @Test
    void stageWinRatesAreLearnedFromDealsClosedBeforeTheCutoffAndWeightTheOpenPipeline() {
        LocalDate d = LocalDate.of(2030, 1, 10);
        List<PipelineDeal> deals = List.of(
                new PipelineDeal("a", "won", "Negotiation", 100.0, d, d.plusDays(20), List.of("p1")),
                new PipelineDeal("b", "closed_lost", "Negotiation", 100.0, d, d.plusDays(20), List.of("p1")),
                new PipelineDeal("c", "won", "Negotiation", 100.0, d, d.plusDays(20), List.of("p1")),
                new PipelineDeal("late", "closed_lost", "Negotiation", 100.0, d, d.plusDays(200), List.of("p1")),
                new PipelineDeal("open", "open", "Negotiation", 1000.0, d, null, List.of("p1", "p2")));
        Map<String, Double> rates = PipelineDeal.winRates(deals, d.plusDays(100));
        assertEquals(3.0 / 5.0, rates.get("Negotiation"), 1e-12); // (2 won + 1) / (3 closed + 2); "late" is after the cutoff
        Map<String, Double> pipe = PipelineDeal.weighted(deals, rates, d.plusDays(100));
        assertEquals(1000 * 0.6 / 2 + 100 * 0.6, pipe.get("p1"), 1e-9); // the open deal split in two, "late" still open then
        assertEquals(300.0, pipe.get("p2"), 1e-9);
    }

    /** Half the partners decline by 60 % a quarter (then stop); the others grow slowly with noise. */
    static List<PartnerHistory> learnable(long seed, int partners, int quarters) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<PartnerHistory> out = new ArrayList<>();
        for (int p = 0; p < partners; p++) {
            boolean decliner = p % 2 == 0;
            int start = rnd.nextInt(3);
            double revenue = 5000 + rnd.nextInt(20000);
            List<QuarterFigures> qs = new ArrayList<>();
            for (int q = 0; q < quarters; q++) {
                boolean declining = decliner && q >= start + 2;
                revenue = declining ? revenue * 0.4 : revenue * (0.95 + rnd.nextDouble() * 0.2);
                long deals = revenue < 300 ? 0 : Math.max(1, Math.round(revenue / 5000));
                qs.add(new QuarterFigures(deals == 0 ? 0 : revenue, deals, declining ? 0 : rnd.nextInt(4), rnd.nextInt(2),
                        declining ? revenue * 0.2 : revenue * 0.8));
            }
            out.add(new PartnerHistory(String.format("p%03d", p), qs));
        }
        return out;
    }

    @Test
    void onALearnableHistoryTheModelBeatsARandomScoreAndTheNaiveForecast() {
        List<PartnerHistory> h = learnable(7, 60, 8);
        Predictor.Backtest b = Predictor.backtest(h, 7, 0.5);
        assertTrue(b.testRows() > 20 && b.atRiskInTest() > 0 && b.atRiskInTest() < b.testRows(), b.toString());
        assertTrue(b.auc() > 0.8, "AUC " + b.auc());
        assertTrue(b.mape() < b.baselineMape(), b.toString());
    }

    @Test
    void scoresNameTheirDriversAndForecastsCarryAnIntervalAroundThePoint() {
        List<PartnerHistory> h = learnable(11, 40, 8);
        Predictor.Trained t = Predictor.train(h, 7, 0.5);
        List<Predictor.Score> scores = Predictor.score(t, h, 7, 0.5);
        assertFalse(scores.isEmpty());
        for (Predictor.Score s : scores) {
            assertTrue(s.atRisk() >= 0 && s.atRisk() <= 1);
            assertEquals(Predictor.TOP, s.drivers().size());
            assertTrue(Features.NAMES.contains(s.drivers().get(0).feature()));
            assertTrue(Math.abs(s.drivers().get(0).contribution()) >= Math.abs(s.drivers().get(2).contribution()));
            assertTrue(s.forecast().low() <= s.forecast().mean() && s.forecast().mean() <= s.forecast().high(), s.toString());
        }
        // a stored model scores exactly as the trained one
        AtRiskModel reloaded = AtRiskModel.load(t.atRisk().serialize());
        List<double[]> xs = Example.at(h, 7, 0.5).stream().map(Example::x).toList();
        assertEquals(t.atRisk().probabilities(xs)[0], reloaded.probabilities(xs)[0], 1e-7);
        ForecastModel copy = new ForecastModel(t.forecast().state());
        assertEquals(t.forecast().predict(xs.get(0)).high(), copy.predict(xs.get(0)).high(), 1e-9);
    }

    @Test
    void trainingTwiceOnTheSameHistoryGivesTheSameScores() {
        List<PartnerHistory> h = learnable(3, 30, 8);
        List<double[]> xs = Example.at(h, 7, 0.5).stream().map(Example::x).toList();
        double[] a = Predictor.train(h, 7, 0.5).atRisk().probabilities(xs);
        double[] b = Predictor.train(h, 7, 0.5).atRisk().probabilities(xs);
        assertEquals(a.length, b.length);
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i]);
        }
    }
}
