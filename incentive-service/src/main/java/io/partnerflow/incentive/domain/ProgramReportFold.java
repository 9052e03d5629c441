package io.partnerflow.incentive.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Folds the per-program report's cells (program × group × currency × close date, exact sums from SQL) into rows per
 * currency, and — only where rates exist — into one row per program and group in the base currency: each cell at the
 * rate of its close date ({@link Facts.FxTable}: published, inverse or cross through the base), summed unrounded and
 * rounded ONCE, HALF_EVEN, at the base currency's scale. A cell without a rate is never guessed: the base row then
 * has no figures and names the currency in {@code missingRates}. Pure.
 */
public final class ProgramReportFold {
    private ProgramReportFold() {
    }

    /** One SQL cell; amounts in currency units (not minor units), exact. */
    public record Cell(String program, String programName, String group, String currency, LocalDate closeDate,
                       BigDecimal sourced, BigDecimal influenced, long deals, long sourcedDeals, long influencedDeals,
                       BigDecimal accrued, BigDecimal adjusted, BigDecimal reversed) {
        BigDecimal net() {
            return accrued.add(adjusted).add(reversed);
        }
    }

    /** A row per program, group and currency (distinct deal counts add up: a deal has one close date). */
    public record Totals(String program, String programName, String group, String currency, BigDecimal sourced,
                         BigDecimal influenced, long deals, long sourcedDeals, long influencedDeals,
                         BigDecimal accrued, BigDecimal adjusted, BigDecimal reversed) {
        public BigDecimal revenue() {
            return sourced.add(influenced);
        }

        public BigDecimal net() {
            return accrued.add(adjusted).add(reversed);
        }

        public BigDecimal costPerRevenue() {
            return ProgramReportBy.costPerRevenue(net(), revenue());
        }
    }

    /**
     * A program and group in the base currency: {@code revenue} / {@code netEarnings} rounded once; {@code costPerRevenue}
     * from the unrounded figures; {@code converted} = currencies converted; {@code missingRates} = "CCY on DATE" without
     * a rate (then no figures).
     */
    public record InBase(String program, String programName, String group, String currency, BigDecimal revenue,
                         BigDecimal netEarnings, BigDecimal costPerRevenue, List<String> converted, List<String> missingRates) {
    }

    public static List<Totals> totals(List<Cell> cells) {
        Map<List<String>, Totals> out = new LinkedHashMap<>();
        for (Cell c : cells) {
            out.merge(java.util.Arrays.asList(c.program(), c.group(), c.currency()),
                    new Totals(c.program(), c.programName(), c.group(), c.currency(), c.sourced(), c.influenced(), c.deals(),
                            c.sourcedDeals(), c.influencedDeals(), c.accrued(), c.adjusted(), c.reversed()),
                    (a, b) -> new Totals(a.program(), a.programName(), a.group(), a.currency(), a.sourced().add(b.sourced()),
                            a.influenced().add(b.influenced()), a.deals() + b.deals(), a.sourcedDeals() + b.sourcedDeals(),
                            a.influencedDeals() + b.influencedDeals(), a.accrued().add(b.accrued()), a.adjusted().add(b.adjusted()),
                            a.reversed().add(b.reversed())));
        }
        return List.copyOf(out.values());
    }

    public static List<InBase> inBase(List<Cell> cells, String base, Facts.FxTable fx) {
        record Acc(String program, String programName, String group, BigDecimal[] sums, TreeSet<String> converted, TreeSet<String> missing) {
        }
        Map<List<String>, Acc> out = new LinkedHashMap<>();
        for (Cell c : cells) {
            Acc a = out.computeIfAbsent(java.util.Arrays.asList(c.program(), c.group()), k -> new Acc(c.program(), c.programName(), c.group(),
                    new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO}, new TreeSet<>(), new TreeSet<>()));
            BigDecimal rate = BigDecimal.ONE;
            if (!c.currency().equals(base)) {
                Optional<Facts.FxRate> r = fx.latestOnOrBefore(c.currency(), base, c.closeDate());
                if (r.isEmpty()) {
                    a.missing().add(c.currency() + " on " + c.closeDate());
                    continue;
                }
                rate = r.get().rate();
                a.converted().add(c.currency());
            }
            a.sums()[0] = a.sums()[0].add(c.sourced().add(c.influenced()).multiply(rate));
            a.sums()[1] = a.sums()[1].add(c.net().multiply(rate));
        }
        List<InBase> rows = new ArrayList<>();
        for (Acc a : out.values()) {
            boolean complete = a.missing().isEmpty();
            rows.add(new InBase(a.program(), a.programName(), a.group(), base,
                    complete ? PerDealCalculator.round(a.sums()[0], base).amount() : null,
                    complete ? PerDealCalculator.round(a.sums()[1], base).amount() : null,
                    complete ? ProgramReportBy.costPerRevenue(a.sums()[1], a.sums()[0]) : null,
                    List.copyOf(a.converted()), List.copyOf(a.missing())));
        }
        return rows;
    }
}
