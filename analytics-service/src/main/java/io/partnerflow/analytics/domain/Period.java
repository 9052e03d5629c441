package io.partnerflow.analytics.domain;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A calendar period of the scorecards: a month ({@code 2026-07}) or a quarter ({@code 2026-Q3}), in the configured
 * time zone's calendar (UTC by default, DESIGN.md "Time"). Facts are dated by day, so a period is a range of days.
 *
 * @param key          the period as written in URLs and responses
 * @param from         first day
 * @param toExclusive  first day after the period
 */
public record Period(String key, LocalDate from, LocalDate toExclusive) {
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");

    /** Parses {@code 2026-07} or {@code 2026-Q3}; anything else is an {@link IllegalArgumentException} saying the rule. */
    public static Period parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("period is required: a month like 2026-07 or a quarter like 2026-Q3");
        }
        Matcher q = QUARTER.matcher(text);
        if (q.matches()) {
            return quarter(Integer.parseInt(q.group(1)), Integer.parseInt(q.group(2)));
        }
        Matcher m = MONTH.matcher(text);
        if (m.matches()) {
            int month = Integer.parseInt(m.group(2));
            if (month >= 1 && month <= 12) {
                YearMonth ym = YearMonth.of(Integer.parseInt(m.group(1)), month);
                return new Period(ym.toString(), ym.atDay(1), ym.plusMonths(1).atDay(1));
            }
        }
        throw new IllegalArgumentException("period '" + text + "' is neither a month like 2026-07 nor a quarter like 2026-Q3");
    }

    public static Period quarter(int year, int quarter) {
        LocalDate from = LocalDate.of(year, (quarter - 1) * 3 + 1, 1);
        return new Period(year + "-Q" + quarter, from, from.plusMonths(3));
    }

    /** The quarter containing {@code day}. */
    public static Period quarterOf(LocalDate day) {
        return quarter(day.getYear(), (day.getMonthValue() - 1) / 3 + 1);
    }

    public boolean isQuarter() {
        return key.contains("Q");
    }

    /** The period of the same kind just before this one (QoQ / MoM comparisons). */
    public Period previous() {
        if (isQuarter()) {
            return quarterOf(from.minusMonths(3));
        }
        return parse(YearMonth.from(from).minusMonths(1).toString());
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(from) && day.isBefore(toExclusive);
    }
}
