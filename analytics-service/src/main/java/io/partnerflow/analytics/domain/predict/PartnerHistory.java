package io.partnerflow.analytics.domain.predict;

import java.util.List;

/** A partner's figures quarter by quarter, aligned with the history's quarters (index 0 = the oldest). */
public record PartnerHistory(String partnerId, List<QuarterFigures> quarters) {
    public PartnerHistory {
        quarters = List.copyOf(quarters);
    }

    /** The figures of quarter {@code q}; before the history starts, nothing. */
    public QuarterFigures at(int q) {
        return q < 0 || q >= quarters.size() ? QuarterFigures.NONE : quarters.get(q);
    }

    /** Active at {@code q}: at least one won deal in the four quarters ending with {@code q}. */
    public boolean activeAt(int q) {
        for (int i = q - 3; i <= q; i++) {
            if (at(i).dealsWon() > 0) {
                return true;
            }
        }
        return false;
    }
}
