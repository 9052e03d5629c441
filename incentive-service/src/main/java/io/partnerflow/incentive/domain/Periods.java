package io.partnerflow.incentive.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Set;

/** Calendar periods (month {@code 2026-03}, quarter {@code 2026-Q1}, year {@code 2026}) in a configured zone. */
public final class Periods {
    private Periods() {
    }

    public static String month(Instant at, ZoneId zone) {
        return YearMonth.from(at.atZone(zone)).toString();
    }

    public static String quarterOf(YearMonth m) {
        return m.getYear() + "-Q" + ((m.getMonthValue() - 1) / 3 + 1);
    }

    /** The code of the period of the given granularity ({@code month}, {@code quarter}, {@code year}) containing {@code date}. */
    public static String code(String granularity, LocalDate date) {
        YearMonth m = YearMonth.from(date);
        return switch (granularity) {
            case "month" -> m.toString();
            case "quarter" -> quarterOf(m);
            case "year" -> String.valueOf(m.getYear());
            default -> throw new IllegalArgumentException("unknown period granularity " + granularity);
        };
    }

    /** A month is closed when it, its quarter or its year is closed. */
    public static boolean monthClosed(YearMonth m, Set<String> closed) {
        return closed.contains(m.toString()) || closed.contains(quarterOf(m)) || closed.contains(String.valueOf(m.getYear()));
    }

    /** The booking month for something that happened at {@code at}: its month, or the first open one after it. */
    public static String bookingMonth(Instant at, ZoneId zone, Set<String> closed) {
        YearMonth m = YearMonth.from(at.atZone(zone));
        int guard = 0;
        while (monthClosed(m, closed) && guard++ < 1200) {
            m = m.plusMonths(1);
        }
        return m.toString();
    }

    /** First and last day of a period code. */
    public static LocalDate[] bounds(String period) {
        if (period.matches("^\\d{4}$")) {
            int y = Integer.parseInt(period);
            return new LocalDate[]{LocalDate.of(y, 1, 1), LocalDate.of(y, 12, 31)};
        }
        if (period.matches("^\\d{4}-Q[1-4]$")) {
            int y = Integer.parseInt(period.substring(0, 4));
            int q = period.charAt(6) - '0';
            LocalDate start = LocalDate.of(y, (q - 1) * 3 + 1, 1);
            return new LocalDate[]{start, start.plusMonths(3).minusDays(1)};
        }
        if (period.matches("^\\d{4}-(0[1-9]|1[0-2])$")) {
            YearMonth m = YearMonth.parse(period);
            return new LocalDate[]{m.atDay(1), m.atEndOfMonth()};
        }
        throw new IllegalArgumentException("not a period: " + period + " (2026, 2026-Q1 or 2026-03)");
    }

    /** {@code month}, {@code quarter} or {@code year}. */
    public static String granularity(String period) {
        bounds(period);
        return period.length() == 4 ? "year" : period.contains("Q") ? "quarter" : "month";
    }
}
