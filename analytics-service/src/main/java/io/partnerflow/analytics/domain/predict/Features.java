package io.partnerflow.analytics.domain.predict;

import java.util.List;

/** The model inputs of a partner at the end of a quarter: what the partner did lately and what is open for it. */
public final class Features {
    public static final List<String> NAMES = List.of("revenue", "revenue-1q-ago", "revenue-2q-ago", "revenue-3q-ago",
            "deals-won", "deals-won-1q-ago", "registrations", "certifications", "weighted-pipeline", "quarters-since-last-deal");
    /** Quarters-since-last-deal is capped here (and is this value when the partner has never won a deal). */
    static final int SINCE_CAP = 8;

    private Features() {
    }

    public static double[] of(PartnerHistory h, int q) {
        QuarterFigures now = h.at(q);
        int since = SINCE_CAP;
        for (int i = q; i >= Math.max(0, q - SINCE_CAP + 1); i--) {
            if (h.at(i).dealsWon() > 0) {
                since = q - i;
                break;
            }
        }
        return new double[] {now.revenue(), h.at(q - 1).revenue(), h.at(q - 2).revenue(), h.at(q - 3).revenue(),
                now.dealsWon(), h.at(q - 1).dealsWon(), now.registrations(), now.certifications(), now.weightedPipeline(), since};
    }
}
