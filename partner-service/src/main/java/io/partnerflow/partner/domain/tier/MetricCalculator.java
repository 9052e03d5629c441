package io.partnerflow.partner.domain.tier;

import io.partnerflow.core.money.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Computes metrics AS OF a date D: a trailing window of N months covers the dates
 * {@code [D − N months, D − 1 day]} (whole days before D; the evaluation takes effect at the start of D), and
 * point-in-time metrics are taken at the start of D (UTC). The result depends only on the facts, never on the
 * order they arrived in. Revenue is converted to the base currency with the rate of each deal's close date
 * (latest on or before): the facts of one currency and date are summed exactly, converted once and rounded
 * HALF_EVEN to the base currency's scale. A missing rate makes the whole computation PENDING, naming what is
 * missing — never a guess.
 */
public final class MetricCalculator {
    private MetricCalculator() {
    }

    /** Either the values, or what is missing to compute them. */
    public record Result(Map<Criterion.MetricKey, MetricValue> values, List<String> missing) {
        public boolean pending() {
            return !missing.isEmpty();
        }
    }

    public static Result compute(Collection<Criterion.MetricKey> keys, MetricFacts facts, FxTable fx, LocalDate asOf,
                                 String baseCurrency) {
        Map<Criterion.MetricKey, MetricValue> values = new HashMap<>();
        Set<String> missing = new TreeSet<>();
        Instant at = asOf.atStartOfDay(ZoneOffset.UTC).toInstant();
        for (Criterion.MetricKey k : keys) {
            LocalDate start = k.metric().windowed() ? asOf.minusMonths(k.windowMonths()) : null;
            LocalDate end = k.metric().windowed() ? asOf.minusDays(1) : null;
            BigDecimal v = switch (k.metric()) {
                case ATTRIBUTED_REVENUE -> revenue(facts, fx, start, end, baseCurrency, missing);
                case WON_DEALS -> BigDecimal.valueOf(wonDeals(facts, start, end, false));
                case SOURCED_DEALS -> BigDecimal.valueOf(wonDeals(facts, start, end, true));
                case APPROVED_REGISTRATIONS -> BigDecimal.valueOf(facts.registrations().stream()
                        .filter(r -> in(r.approvedOn(), start, end))
                        .map(MetricFacts.RegistrationFact::registrationId).distinct().count());
                case CERTIFIED_PEOPLE -> BigDecimal.valueOf(facts.certifications().stream()
                        .filter(c -> c.validAt(at)).map(MetricFacts.CertificationFact::personId).distinct().count());
            };
            values.put(k, new MetricValue(k, v, k.metric().money() ? baseCurrency : "count", start, end));
        }
        return new Result(missing.isEmpty() ? values : Map.of(), new ArrayList<>(missing));
    }

    private static boolean in(LocalDate d, LocalDate start, LocalDate end) {
        return !d.isBefore(start) && !d.isAfter(end);
    }

    private static BigDecimal revenue(MetricFacts facts, FxTable fx, LocalDate start, LocalDate end, String base,
                                      Set<String> missing) {
        // currency → date → exact sum
        Map<String, TreeMap<LocalDate, BigDecimal>> sums = new TreeMap<>();
        for (MetricFacts.RevenueFact f : facts.revenue()) {
            if (in(f.closedOn(), start, end)) {
                sums.computeIfAbsent(f.amount().currencyCode(), c -> new TreeMap<>())
                        .merge(f.closedOn(), f.amount().amount(), BigDecimal::add);
            }
        }
        int scale = Money.scaleOf(Money.currencyOf(base));
        BigDecimal total = BigDecimal.ZERO.setScale(scale);
        for (var byCurrency : sums.entrySet()) {
            for (var byDate : byCurrency.getValue().entrySet()) {
                var rate = fx.rate(byCurrency.getKey(), base, byDate.getKey());
                if (rate.isEmpty()) {
                    missing.add("FX rate " + byCurrency.getKey() + "/" + base + " on or before " + byDate.getKey());
                    continue;
                }
                total = total.add(byDate.getValue().multiply(rate.get()).setScale(scale, RoundingMode.HALF_EVEN));
            }
        }
        return total;
    }

    /** Deals closed in the window whose net credit for the partner is positive (a fully reversed deal drops out). */
    private static long wonDeals(MetricFacts facts, LocalDate start, LocalDate end, boolean sourcedOnly) {
        Map<String, BigDecimal> net = new HashMap<>();
        Set<String> sourced = new HashSet<>();
        for (MetricFacts.RevenueFact f : facts.revenue()) {
            if (in(f.closedOn(), start, end)) {
                net.merge(f.dealId(), f.amount().amount(), BigDecimal::add);
                if (f.sourced()) {
                    sourced.add(f.dealId());
                }
            }
        }
        return net.entrySet().stream().filter(e -> e.getValue().signum() > 0)
                .filter(e -> !sourcedOnly || sourced.contains(e.getKey())).count();
    }
}
