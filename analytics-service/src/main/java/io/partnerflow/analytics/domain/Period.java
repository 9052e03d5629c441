package io.partnerflow.analytics.domain;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A calendar period of the scorecards: a month ({@code 2026-07}), a quarter ({@code 2026-Q3}) or the trailing twelve
 * months ending with a month, that month included ({@code ttm:2026-09} = 2025-10-01 … 2026-09-30), in the configured
 * time zone's calendar (UTC by default, DESIGN.md "Time"). Facts are dated by day, so a period is a range of days.
 *
 * @param key          the period as written in URLs and responses
 * @param from         first day
 * @param toExclusive  first day after the period
 */
public record Period(String key, LocalDate from, LocalDate toExclusive) {
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final String TTM = "ttm:";

    /**
     * Parses {@code 2026-07}, {@code 2026-Q3} or {@code ttm:2026-09}; anything else is an
     * {@link IllegalArgumentException} saying the rule.
     */
    public static Period parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("period is required: a month like 2026-07, a quarter like 2026-Q3"
                    + " or trailing twelve months like ttm:2026-09");
        }
        if (text.startsWith(TTM)) {
            YearMonth last = month(text.substring(TTM.length()));
            if (last != null) {
                return trailingTwelveMonths(last);
            }
            throw new IllegalArgumentException("period '" + text + "': trailing twelve months are written ttm:<last month>,"
                    + " e.g. ttm:2026-09 (a month like 2026-07 and a quarter like 2026-Q3 are the other forms)");
        }
        Matcher q = QUARTER.matcher(text);
        if (q.matches()) {
            return quarter(Integer.parseInt(q.group(1)), Integer.parseInt(q.group(2)));
        }
        YearMonth ym = month(text);
        if (ym != null) {
            return new Period(ym.toString(), ym.atDay(1), ym.plusMonths(1).atDay(1));
        }
        throw new IllegalArgumentException("period '" + text + "' is neither a month like 2026-07 nor a quarter like 2026-Q3"
                + " nor trailing twelve months like ttm:2026-09");
    }

    private static YearMonth month(String text) {
        Matcher m = MONTH.matcher(text);
        if (m.matches()) {
            int month = Integer.parseInt(m.group(2));
            if (month >= 1 && month <= 12) {
                return YearMonth.of(Integer.parseInt(m.group(1)), month);
            }
        }
        return null;
    }

    /** The twelve months ending with {@code last}, {@code last} included. */
    public static Period trailingTwelveMonths(YearMonth last) {
        return new Period(TTM + last, last.minusMonths(11).atDay(1), last.plusMonths(1).atDay(1));
    }

    public boolean isTrailingTwelveMonths() {
        return key.startsWith(TTM);
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
        return !isTrailingTwelveMonths() && key.contains("Q");
    }

    /** The period of the same kind just before this one (QoQ / MoM / the twelve months before). */
    public Period previous() {
        if (isTrailingTwelveMonths()) {
            return trailingTwelveMonths(YearMonth.from(from).minusMonths(1));
        }
        if (isQuarter()) {
            return quarterOf(from.minusMonths(3));
        }
        return parse(YearMonth.from(from).minusMonths(1).toString());
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(from) && day.isBefore(toExclusive);
    }
}
