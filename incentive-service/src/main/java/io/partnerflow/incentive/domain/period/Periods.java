package io.partnerflow.incentive.domain.period;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Calendar period ids: "2026-03" (month, two-digit month), "2026-Q1" (quarter, upper-case Q) and "2026" (year).
 * Parsing is strict ("2026-3", "2026-q1", "2026-13", "2026-Q5" are refused with an
 * {@link IllegalArgumentException} saying what is expected). Instants are mapped to periods in a given time zone:
 * a period runs from the start of its first day in that zone (inclusive) to the start of the next period's first
 * day (exclusive).
 */
public final class Periods {

    private static final Pattern MONTH = Pattern.compile("([0-9]{4})-([0-9]{2})");
    private static final Pattern QUARTER = Pattern.compile("([0-9]{4})-Q([0-9])");
    private static final Pattern YEAR = Pattern.compile("([0-9]{4})");

    private Periods() {
    }

    /** Parses "2026-03", "2026-Q1" or "2026". */
    public static CalendarPeriod parse(String id) {
        if (id == null) {
            throw new IllegalArgumentException("period id is missing; expected \"2026-03\", \"2026-Q1\" or \"2026\"");
        }
        try {
            Matcher m = MONTH.matcher(id);
            if (m.matches()) {
                return CalendarPeriod.month(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            }
            m = QUARTER.matcher(id);
            if (m.matches()) {
                return CalendarPeriod.quarter(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            }
            m = YEAR.matcher(id);
            if (m.matches()) {
                return CalendarPeriod.year(Integer.parseInt(m.group(1)));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid period id \"" + id + "\": " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("invalid period id \"" + id
                + "\"; expected a month \"2026-03\", a quarter \"2026-Q1\" or a year \"2026\"");
    }

    /** The id of {@code period}: "2026-03", "2026-Q1" or "2026". */
    public static String format(CalendarPeriod period) {
        return Objects.requireNonNull(period, "period").id();
    }

    /** The granularity an id denotes. */
    public static Granularity granularityOf(String id) {
        return parse(id).granularity();
    }

    /** First calendar day of the period (inclusive). */
    public static LocalDate firstDay(String id) {
        return parse(id).firstDay();
    }

    /** Last calendar day of the period (inclusive). */
    public static LocalDate lastDay(String id) {
        return parse(id).lastDay();
    }

    /** Start instant of the period in {@code zone} (inclusive). */
    public static Instant startInstant(String id, ZoneId zone) {
        return parse(id).startInstant(zone);
    }

    /** End instant of the period in {@code zone} (EXCLUSIVE): the next period's start. */
    public static Instant endInstant(String id, ZoneId zone) {
        return parse(id).endInstant(zone);
    }

    /** The period of {@code granularity} that {@code instant} falls in, seen in {@code zone}. */
    public static CalendarPeriod periodOf(Instant instant, ZoneId zone, Granularity granularity) {
        Objects.requireNonNull(instant, "instant");
        Objects.requireNonNull(zone, "zone");
        return CalendarPeriod.containing(instant.atZone(zone).toLocalDate(), granularity);
    }

    /** The id of the period of {@code granularity} that {@code instant} falls in, seen in {@code zone}. */
    public static String periodIdOf(Instant instant, ZoneId zone, Granularity granularity) {
        return periodOf(instant, zone, granularity).id();
    }

    /** The previous period's id ("2026-01" → "2025-12", "2026-Q1" → "2025-Q4", "2026" → "2025"). */
    public static String previous(String id) {
        return parse(id).previous().id();
    }

    /** The next period's id. */
    public static String next(String id) {
        return parse(id).next().id();
    }

    /** Whether {@code instant}, seen in {@code zone}, falls in the period {@code id}. */
    public static boolean contains(String id, Instant instant, ZoneId zone) {
        return parse(id).contains(instant, zone);
    }

    /** Whether {@code date} falls in the period {@code id}. */
    public static boolean contains(String id, LocalDate date) {
        return parse(id).contains(date);
    }
}
