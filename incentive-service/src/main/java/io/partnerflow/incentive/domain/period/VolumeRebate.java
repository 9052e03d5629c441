package io.partnerflow.incentive.domain.period;

import io.partnerflow.core.money.Money;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Volume rebate on a partner's net credited revenue in a period, settled at period close (see the package
 * documentation). Pure and deterministic: the result depends only on the set of deals, never on their order.
 */
public final class VolumeRebate {

    private VolumeRebate() {
    }

    /**
     * Checks a band table: non-empty; first band starts at 0; every band ends above its start; each band starts
     * exactly where the previous one ends; only the last band may be open-ended; every rate within 0..1.
     *
     * @throws IllegalArgumentException naming the (1-based) band and what is wrong
     */
    public static void validate(List<RebateBand> bands) {
        if (bands == null || bands.isEmpty()) {
            throw new IllegalArgumentException("a volume rebate needs at least one band");
        }
        for (int i = 0; i < bands.size(); i++) {
            RebateBand band = bands.get(i);
            int n = i + 1;
            if (band == null) {
                throw new IllegalArgumentException("rebate band " + n + " is missing");
            }
            if (i == 0 && band.fromInclusive().signum() != 0) {
                throw new IllegalArgumentException("rebate band 1 must start at 0, not at "
                        + band.fromInclusive().toPlainString());
            }
            if (i > 0) {
                RebateBand previous = bands.get(i - 1);
                if (previous.toExclusive() == null) {
                    throw new IllegalArgumentException("rebate band " + i
                            + " is open-ended but is not the last band (band " + n + " follows it)");
                }
                if (band.fromInclusive().compareTo(previous.toExclusive()) != 0) {
                    throw new IllegalArgumentException("rebate band " + n + " starts at "
                            + band.fromInclusive().toPlainString() + " but band " + i + " ends at "
                            + previous.toExclusive().toPlainString() + ": bands must be contiguous and increasing");
                }
            }
            if (band.toExclusive() != null && band.toExclusive().compareTo(band.fromInclusive()) <= 0) {
                throw new IllegalArgumentException("rebate band " + n + " ends at "
                        + band.toExclusive().toPlainString() + ", which is not above its start "
                        + band.fromInclusive().toPlainString());
            }
            if (band.rate().signum() < 0 || band.rate().compareTo(BigDecimal.ONE) > 0) {
                throw new IllegalArgumentException("rebate band " + n + " rate " + band.rate().toPlainString()
                        + " must be between 0 and 1 (0.05 = 5 %)");
            }
        }
    }

    /**
     * Settles the rebate for one partner and period.
     *
     * @param mode         retroactive (reached band's rate on all net revenue) or marginal (each band's rate on
     *                     the portion inside it)
     * @param bands        a valid band table ({@link #validate})
     * @param deals        the partner's credited revenue per deal in the period, all in {@code baseCurrency};
     *                     reversals negative; any order
     * @param baseCurrency the rule's base currency: the currency of the revenues and of the result
     * @return the rebate in {@code baseCurrency}, rounded HALF_EVEN once; zero when net revenue is not positive
     * @throws IllegalArgumentException for invalid bands or a revenue in another currency
     */
    public static PeriodResult settle(RebateMode mode, List<RebateBand> bands, List<PeriodDeal> deals,
                                      Currency baseCurrency) {
        Objects.requireNonNull(mode, "rebate mode");
        Objects.requireNonNull(deals, "deals");
        Objects.requireNonNull(baseCurrency, "base currency");
        Money.scaleOf(baseCurrency);
        validate(bands);
        List<PeriodDeal> sorted = Settlements.sortedIn(deals, baseCurrency, "volume rebate");

        Money net = Money.zero(baseCurrency);
        for (PeriodDeal deal : sorted) {
            net = net.plus(deal.revenue());
        }
        BigDecimal revenue = net.amount();

        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("mode", mode.name());
        inputs.put("bands", describe(bands));
        inputs.put("baseCurrency", baseCurrency.getCurrencyCode());
        inputs.put("deals", Integer.toString(sorted.size()));
        inputs.put("netRevenue", net.amountString());

        List<Step> steps = new ArrayList<>();
        steps.add(new Step("Net credited revenue in the period (" + sorted.size() + " deal entries)",
                Settlements.sumExpression(sorted), net.amountString(), baseCurrency.getCurrencyCode()));

        Money zero = Money.zero(baseCurrency);
        if (revenue.signum() <= 0) {
            steps.add(new Step("Net revenue is not positive: no rebate", "max(0, " + net.amountString() + ")",
                    zero.amountString(), baseCurrency.getCurrencyCode()));
            inputs.put("rebate", zero.amountString());
            return new PeriodResult(zero, steps, inputs, "No " + label(mode) + " volume rebate: your net credited "
                    + "revenue in the period is " + Exact.human(net) + ".");
        }

        Exact exact;
        String summary;
        if (mode == RebateMode.RETROACTIVE) {
            int reached = reachedBand(bands, revenue);
            RebateBand band = bands.get(reached);
            inputs.put("reachedBand", Integer.toString(reached + 1));
            inputs.put("rate", band.rate().toPlainString());
            steps.add(new Step("Reached band " + (reached + 1) + " (" + band.label() + ")",
                    net.amountString() + (band.contains(revenue) ? " is in band " : " is beyond the last band ")
                            + (reached + 1), Exact.percent(band.rate()), "%"));
            exact = Exact.of(revenue).times(Exact.of(band.rate()));
            steps.add(new Step("Band " + (reached + 1) + " rate on ALL period revenue (retroactive)",
                    net.amountString() + " × " + band.rate().toPlainString(), exact.show(),
                    baseCurrency.getCurrencyCode()));
            summary = Exact.percent(band.rate()) + " retroactive volume rebate on all " + Exact.human(net)
                    + " of revenue credited to you in the period (band " + (reached + 1) + ", "
                    + band.label() + ") = ";
        } else {
            exact = Exact.ZERO;
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < bands.size(); i++) {
                RebateBand band = bands.get(i);
                if (revenue.compareTo(band.fromInclusive()) <= 0) {
                    break;
                }
                BigDecimal top = band.toExclusive() == null ? revenue : revenue.min(band.toExclusive());
                BigDecimal portion = top.subtract(band.fromInclusive());
                Exact part = Exact.of(portion).times(Exact.of(band.rate()));
                exact = exact.plus(part);
                steps.add(new Step("Band " + (i + 1) + " (" + band.label() + ") at " + Exact.percent(band.rate())
                        + " on the portion inside it", Exact.plain(portion) + " × " + band.rate().toPlainString(),
                        part.show(), baseCurrency.getCurrencyCode()));
                parts.add(Exact.percent(band.rate()) + " on " + Exact.human(portion, baseCurrency));
            }
            RebateBand last = bands.get(bands.size() - 1);
            if (last.toExclusive() != null && revenue.compareTo(last.toExclusive()) > 0) {
                steps.add(new Step("Revenue beyond the last band earns no rebate",
                        net.amountString() + " − " + last.toExclusive().toPlainString(),
                        Exact.plain(revenue.subtract(last.toExclusive())), baseCurrency.getCurrencyCode()));
            }
            steps.add(new Step("Sum of the bands (marginal)", "sum of the band amounts", exact.show(),
                    baseCurrency.getCurrencyCode()));
            summary = "Marginal volume rebate on the " + Exact.human(net)
                    + " of revenue credited to you in the period (" + String.join(", ", parts) + ") = ";
        }
        Money amount = exact.toMoney(baseCurrency);
        steps.add(new Step("Rebate, rounded half-even to " + Money.scaleOf(baseCurrency) + " decimals",
                exact.show(), amount.amountString(), baseCurrency.getCurrencyCode()));
        inputs.put("rebate", amount.amountString());
        return new PeriodResult(amount, steps, inputs, summary + Exact.human(amount) + ".", exact.decimal());
    }

    /** Index of the band containing {@code revenue}, or the last band when revenue is beyond a closed last band. */
    static int reachedBand(List<RebateBand> bands, BigDecimal revenue) {
        for (int i = 0; i < bands.size(); i++) {
            if (bands.get(i).contains(revenue)) {
                return i;
            }
        }
        return bands.size() - 1;
    }

    /** "0–10000: 2%; 10000–50000: 3%; 50000+: 5%". */
    static String describe(List<RebateBand> bands) {
        List<String> out = new ArrayList<>();
        for (RebateBand band : bands) {
            out.add(band.fromInclusive().toPlainString() + (band.toExclusive() == null ? "+"
                    : "–" + band.toExclusive().toPlainString()) + ": " + Exact.percent(band.rate()));
        }
        return String.join("; ", out);
    }

    private static String label(RebateMode mode) {
        return mode == RebateMode.RETROACTIVE ? "retroactive" : "marginal";
    }
}
