package io.partnerflow.partner.domain.tier;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** When an evaluation as of a date decides (pure). */
public final class EvaluationDates {
    private EvaluationDates() {
    }

    /** The decision instant: now for today, the start of the day (UTC) for a past date. */
    public static Instant atFor(LocalDate date, Instant now) {
        return date.equals(LocalDate.ofInstant(now, ZoneOffset.UTC)) ? now : date.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
