package io.partnerflow.partner.domain.tier;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One requirement of a tier: {@code metric} over a trailing window of {@code windowMonths} (windowed metrics
 * only; 0 for point-in-time metrics) must reach {@code threshold} (inclusive).
 */
public record Criterion(MetricKind metric, BigDecimal threshold, int windowMonths) {
    public Criterion {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(threshold, "threshold");
    }

    /** What identifies the measured value: the metric and its window. */
    public MetricKey key() {
        return new MetricKey(metric, windowMonths);
    }

    public boolean metBy(BigDecimal value) {
        return value.compareTo(threshold) >= 0;
    }

    /** A metric measured over a window ({@code windowMonths} 0 for point-in-time metrics). */
    public record MetricKey(MetricKind metric, int windowMonths) {
    }
}
