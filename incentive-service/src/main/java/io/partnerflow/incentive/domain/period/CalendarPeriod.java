package io.partnerflow.incentive.domain.period;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A calendar period: a month, a quarter or a year. Its id is "2026-03" (month), "2026-Q1" (quarter) or "2026"
 * (year); see {@link Periods} for parsing. Dates are calendar dates; instants depend on the configured time zone
 * (DESIGN.md "Time": periods are calendar periods in a configured zone, default UTC).
 *
 * @param granularity month, quarter or year
 * @param year        the calendar year, 1000..9999 (ids have four-digit years)
 * @param number      the month 1..12, the quarter 1..4, or 1 for a year
 */
public record CalendarPeriod(Granularity granularity, int year, int number) implements Comparable<CalendarPeriod> {

    public CalendarPeriod {
        Objects.requireNonNull(granularity, "granularity");
        if (year < 1000 || year > 9999) {
            throw new IllegalArgumentException("period year must have four digits (1000..9999), got " + year);
        }
        int max = switch (granularity) {
            case MONTH -> 12;
            case QUARTER -> 4;
            case YEAR -> 1;
        };
        if (number < 1 || number > max) {
            throw new IllegalArgumentException(granularity + " number must be 1.." + max + ", got " + number);
        }
    }

    public static CalendarPeriod month(int year, int month) {
        return new CalendarPeriod(Granularity.MONTH, year, month);
    }

    public static CalendarPeriod quarter(int year, int quarter) {
        return new CalendarPeriod(Granularity.QUARTER, year, quarter);
    }

    public static CalendarPeriod year(int year) {
        return new CalendarPeriod(Granularity.YEAR, year, 1);
    }

    /** The period of {@code granularity} containing {@code date}. */
    public static CalendarPeriod containing(LocalDate date, Granularity granularity) {
        Objects.requireNonNull(date, "date");
        return switch (Objects.requireNonNull(granularity, "granularity")) {
            case MONTH -> month(date.getYear(), date.getMonthValue());
            case QUARTER -> quarter(date.getYear(), (date.getMonthValue() - 1) / 3 + 1);
            case YEAR -> year(date.getYear());
        };
    }

    /** "2026-03", "2026-Q1" or "2026". */
    public String id() {
        return switch (granularity) {
            case MONTH -> String.format("%04d-%02d", year, number);
            case QUARTER -> String.format("%04d-Q%d", year, number);
            case YEAR -> String.format("%04d", year);
        };
    }

    /** The first calendar day of the period (inclusive). */
    public LocalDate firstDay() {
        return switch (granularity) {
            case MONTH -> LocalDate.of(year, number, 1);
            case QUARTER -> LocalDate.of(year, (number - 1) * 3 + 1, 1);
            case YEAR -> LocalDate.of(year, 1, 1);
        };
    }

    /** The last calendar day of the period (inclusive). */
    public LocalDate lastDay() {
        return next().firstDay().minusDays(1);
    }

    /** The first day after the period, i.e. the exclusive end date. */
    public LocalDate endExclusive() {
        return next().firstDay();
    }

    /** The instant the period starts in {@code zone} (inclusive): start of {@link #firstDay()} there. */
    public Instant startInstant(ZoneId zone) {
        return firstDay().atStartOfDay(Objects.requireNonNull(zone, "zone")).toInstant();
    }

    /** The instant the period ends in {@code zone} (EXCLUSIVE): start of the next period's first day there. */
    public Instant endInstant(ZoneId zone) {
        return endExclusive().atStartOfDay(Objects.requireNonNull(zone, "zone")).toInstant();
    }

    /** The period of the same granularity just before this one ("2026-01" → "2025-12", "2026-Q1" → "2025-Q4"). */
    public CalendarPeriod previous() {
        if (number > 1) {
            return new CalendarPeriod(granularity, year, number - 1);
        }
        int last = switch (granularity) {
            case MONTH -> 12;
            case QUARTER -> 4;
            case YEAR -> 1;
        };
        return new CalendarPeriod(granularity, year - 1, last);
    }

    /** The period of the same granularity just after this one. */
    public CalendarPeriod next() {
        int last = switch (granularity) {
            case MONTH -> 12;
            case QUARTER -> 4;
            case YEAR -> 1;
        };
        if (number < last) {
            return new CalendarPeriod(granularity, year, number + 1);
        }
        if (year == 9999) {
            throw new IllegalArgumentException("no period after " + id());
        }
        return new CalendarPeriod(granularity, year + 1, 1);
    }

    /** Whether {@code date} lies in the period (first day to last day, both inclusive). */
    public boolean contains(LocalDate date) {
        Objects.requireNonNull(date, "date");
        return !date.isBefore(firstDay()) && date.isBefore(endExclusive());
    }

    /** Whether {@code instant} lies in the period as seen in {@code zone}: {@code start <= instant < end}. */
    public boolean contains(Instant instant, ZoneId zone) {
        Objects.requireNonNull(instant, "instant");
        return contains(instant.atZone(Objects.requireNonNull(zone, "zone")).toLocalDate());
    }

    /**
     * Whether {@code other} lies entirely within this period (a period encloses itself; "2026" encloses "2026-Q1"
     * and "2026-03"; "2026-03" does not enclose "2026-Q1").
     */
    public boolean encloses(CalendarPeriod other) {
        Objects.requireNonNull(other, "other");
        return !other.firstDay().isBefore(firstDay()) && !other.endExclusive().isAfter(endExclusive());
    }

    /** The months of the period, in order (one for a month, three for a quarter, twelve for a year). */
    public java.util.List<CalendarPeriod> months() {
        java.util.List<CalendarPeriod> months = new java.util.ArrayList<>();
        for (LocalDate d = firstDay(); d.isBefore(endExclusive()); d = d.plusMonths(1)) {
            months.add(month(d.getYear(), d.getMonthValue()));
        }
        return java.util.List.copyOf(months);
    }

    /** Chronological for the same granularity (then by granularity for a total order). */
    @Override
    public int compareTo(CalendarPeriod other) {
        int c = firstDay().compareTo(other.firstDay());
        return c != 0 ? c : granularity.compareTo(other.granularity);
    }

    @Override
    public String toString() {
        return id();
    }
}
