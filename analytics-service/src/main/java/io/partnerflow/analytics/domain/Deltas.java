package io.partnerflow.analytics.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * Signed changes to the scorecard facts, summed per key (partner, metric, day[, currency]) so persistence can apply
 * a whole batch with one multi-row upsert per table (a row may appear only once in one such statement).
 * Keys are sorted, so statements lock rows in one order.
 */
public final class Deltas {
    public record AmountKey(String partnerId, Metric metric, LocalDate day, String currency) implements Comparable<AmountKey> {
        @Override
        public int compareTo(AmountKey o) {
            int c = partnerId.compareTo(o.partnerId);
            c = c != 0 ? c : metric.compareTo(o.metric);
            c = c != 0 ? c : day.compareTo(o.day);
            return c != 0 ? c : currency.compareTo(o.currency);
        }
    }

    public record CountKey(String partnerId, Metric metric, LocalDate day) implements Comparable<CountKey> {
        @Override
        public int compareTo(CountKey o) {
            int c = partnerId.compareTo(o.partnerId);
            c = c != 0 ? c : metric.compareTo(o.metric);
            return c != 0 ? c : day.compareTo(o.day);
        }
    }

    private final TreeMap<AmountKey, BigDecimal> amounts = new TreeMap<>();
    private final TreeMap<CountKey, Long> counts = new TreeMap<>();

    public Deltas addAmount(String partnerId, Metric metric, LocalDate day, String currency, BigDecimal amount) {
        amounts.merge(new AmountKey(partnerId, metric, day, currency), amount, BigDecimal::add);
        return this;
    }

    public Deltas addCount(String partnerId, Metric metric, LocalDate day, long n) {
        counts.merge(new CountKey(partnerId, metric, day), n, Long::sum);
        return this;
    }

    /** this += sign × other. */
    public Deltas add(Deltas other, int sign) {
        BigDecimal s = BigDecimal.valueOf(sign);
        other.amounts.forEach((k, v) -> amounts.merge(k, v.multiply(s), BigDecimal::add));
        other.counts.forEach((k, v) -> counts.merge(k, v * sign, Long::sum));
        return this;
    }

    /** Non-zero amount deltas in key order. */
    public Map<AmountKey, BigDecimal> amounts() {
        Map<AmountKey, BigDecimal> out = new TreeMap<>();
        amounts.forEach((k, v) -> {
            if (v.signum() != 0) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** Non-zero count deltas in key order. */
    public Map<CountKey, Long> counts() {
        Map<CountKey, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> {
            if (v != 0) {
                out.put(k, v);
            }
        });
        return out;
    }

    public boolean isEmpty() {
        return amounts().isEmpty() && counts().isEmpty();
    }
}
