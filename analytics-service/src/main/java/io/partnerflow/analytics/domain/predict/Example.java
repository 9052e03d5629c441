package io.partnerflow.analytics.domain.predict;

import java.util.ArrayList;
import java.util.List;

/**
 * A partner at the end of quarter {@code quarter}: its features, and — when the next quarter is known — whether that
 * quarter was "at risk" (no won deal, or revenue below {@code (1 − drop)} × this quarter's) and its revenue.
 */
public record Example(String partnerId, int quarter, double[] x, Boolean atRisk, Double nextRevenue) {

    /** The label: no won deal next quarter, or a revenue drop beyond {@code drop} (0.5 = more than half lost). */
    public static boolean atRisk(QuarterFigures now, QuarterFigures next, double drop) {
        return next.dealsWon() <= 0 || next.revenue() < (1 - drop) * now.revenue();
    }

    /** Labelled examples of every partner active at q, for q + 1 ≤ {@code lastLabelQuarter}. */
    public static List<Example> labelled(List<PartnerHistory> histories, int lastLabelQuarter, double drop) {
        List<Example> out = new ArrayList<>();
        for (PartnerHistory h : histories) {
            for (int q = 0; q < lastLabelQuarter; q++) {
                if (h.activeAt(q)) {
                    out.add(new Example(h.partnerId(), q, Features.of(h, q), atRisk(h.at(q), h.at(q + 1), drop), h.at(q + 1).revenue()));
                }
            }
        }
        return out;
    }

    /** Examples at quarter q (labelled when q + 1 is in the history) of every partner active at q. */
    public static List<Example> at(List<PartnerHistory> histories, int q, double drop) {
        List<Example> out = new ArrayList<>();
        for (PartnerHistory h : histories) {
            if (h.activeAt(q)) {
                boolean known = q + 1 < h.quarters().size();
                out.add(new Example(h.partnerId(), q, Features.of(h, q), known ? atRisk(h.at(q), h.at(q + 1), drop) : null,
                        known ? h.at(q + 1).revenue() : null));
            }
        }
        return out;
    }
}
