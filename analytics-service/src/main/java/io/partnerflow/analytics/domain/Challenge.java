package io.partnerflow.analytics.domain;

import io.partnerflow.core.money.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A time-boxed challenge: facts dated {@code from} … {@code to} (both inclusive) count towards the goal; a partner whose
 * figure reaches {@code target} has completed it and earns {@code award}. Pure: validation, progress, completion.
 *
 * @param target a count for count goals, an amount in the base currency for money goals
 */
public record Challenge(String challengeId, String name, LocalDate from, LocalDate to, ChallengeGoal goal,
                        BigDecimal target, Money award) {
    /** Longest window a challenge may span. */
    public static final int MAX_DAYS = 366;
    public static final BigDecimal MAX_TARGET = new BigDecimal("1000000000000");
    public static final BigDecimal MAX_AWARD = new BigDecimal("1000000");
    private static final Pattern DECIMAL = Pattern.compile("\\d{1,13}(\\.\\d{1,4})?");
    private static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    private static final LocalDate LATEST = LocalDate.of(2100, 12, 31);

    /** A challenge as proposed (text as sent), validated by {@link #problems}. */
    public record Draft(String name, LocalDate from, LocalDate to, String metric, String target, String awardAmount,
                        String awardCurrency) {
    }

    /**
     * Every problem of the draft as {@code field: rule}; empty when it is valid. {@code baseCurrency} is the unit of
     * money targets.
     */
    public static List<String> problems(Draft d, String baseCurrency) {
        List<String> out = new ArrayList<>();
        if (d.name() == null || d.name().isBlank()) {
            out.add("name: required");
        } else if (d.name().length() > 200) {
            out.add("name: at most 200 characters");
        }
        if (d.from() == null) {
            out.add("from: required (a date like 2026-10-01)");
        } else if (d.from().isBefore(EARLIEST) || d.from().isAfter(LATEST)) {
            out.add("from: between " + EARLIEST + " and " + LATEST);
        }
        if (d.to() == null) {
            out.add("to: required (a date like 2026-12-31)");
        } else if (d.to().isBefore(EARLIEST) || d.to().isAfter(LATEST)) {
            out.add("to: between " + EARLIEST + " and " + LATEST);
        } else if (d.from() != null && d.to().isBefore(d.from())) {
            out.add("to: on or after from");
        } else if (d.from() != null && ChronoUnit.DAYS.between(d.from(), d.to()) + 1 > MAX_DAYS) {
            out.add("to: a challenge spans at most " + MAX_DAYS + " days");
        }
        ChallengeGoal goal = d.metric() == null ? null : ChallengeGoal.find(d.metric()).orElse(null);
        if (goal == null) {
            out.add("goal.metric: one of " + ChallengeGoal.names());
        }
        if (d.target() == null || !DECIMAL.matcher(d.target()).matches()) {
            out.add("goal.target: a positive decimal number like 3 or 10000.00");
        } else {
            BigDecimal t = new BigDecimal(d.target());
            if (t.signum() <= 0 || t.compareTo(MAX_TARGET) > 0) {
                out.add("goal.target: greater than 0 and at most " + MAX_TARGET.toPlainString());
            } else if (goal != null && !goal.isMoney() && t.stripTrailingZeros().scale() > 0) {
                out.add("goal.target: a whole number for " + goal.urlName());
            } else if (goal != null && goal.isMoney() && t.stripTrailingZeros().scale() > Money.scaleOf(Money.currencyOf(baseCurrency))) {
                out.add("goal.target: at most " + Money.scaleOf(Money.currencyOf(baseCurrency)) + " decimals (" + baseCurrency + ")");
            }
        }
        Integer scale = null;
        if (d.awardCurrency() == null) {
            out.add("award.currency: required (ISO 4217, e.g. USD)");
        } else {
            try {
                scale = Money.scaleOf(Money.currencyOf(d.awardCurrency()));
            } catch (IllegalArgumentException e) {
                out.add("award.currency: an ISO 4217 currency code like USD");
            }
        }
        if (d.awardAmount() == null || !DECIMAL.matcher(d.awardAmount()).matches()) {
            out.add("award.amount: a positive decimal amount like 500.00");
        } else {
            BigDecimal a = new BigDecimal(d.awardAmount());
            if (a.signum() <= 0 || a.compareTo(MAX_AWARD) > 0) {
                out.add("award.amount: greater than 0 and at most " + MAX_AWARD.toPlainString());
            } else if (scale != null && a.stripTrailingZeros().scale() > scale) {
                out.add("award.amount: at most " + scale + " decimals for " + d.awardCurrency());
            }
        }
        return out;
    }

    /** The valid draft as a challenge (call {@link #problems} first). */
    public static Challenge of(String challengeId, Draft d) {
        Money award = Money.of(new BigDecimal(d.awardAmount()), d.awardCurrency());
        return new Challenge(challengeId, d.name().strip(), d.from(), d.to(), ChallengeGoal.find(d.metric()).orElseThrow(),
                new BigDecimal(d.target()).stripTrailingZeros(), Money.of(award.amount().setScale(Money.scaleOf(award.currency())), d.awardCurrency()));
    }

    /** The period of the facts that count: {@code from} up to the day after {@code to}. */
    public Period window() {
        return new Period(from + ".." + to, from, to.plusDays(1));
    }

    /** One partner's progress: the figure achieved, the percent of the target (capped at 100, one decimal). */
    public record Progress(String partnerId, BigDecimal achieved, BigDecimal percent, boolean reached) {
    }

    public Progress progress(String partnerId, BigDecimal achieved) {
        BigDecimal pct = achieved.signum() <= 0 ? BigDecimal.ZERO
                : achieved.multiply(BigDecimal.valueOf(100)).divide(target, 1, RoundingMode.DOWN).min(BigDecimal.valueOf(100).setScale(1));
        return new Progress(partnerId, achieved, pct, achieved.compareTo(target) >= 0);
    }

    /** The unit of the target and progress: {@code count}, or the base currency of a money goal. */
    public String unit(String baseCurrency) {
        return goal.isMoney() ? baseCurrency : "count";
    }
}
