package io.partnerflow.partner.domain.tier;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A measured metric: its value, unit (a currency code or {@code count}) and window (null when not windowed). */
public record MetricValue(Criterion.MetricKey key, BigDecimal value, String unit, LocalDate windowStart,
                         LocalDate windowEnd) {
}
