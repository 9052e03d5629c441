package io.partnerflow.analytics.domain;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A partner's money facts of one metric and currency within a period that convert at the same rate into the base
 * currency: {@code amount} is their exact sum, {@code rate} the rate of their days (latest on or before each day),
 * {@code null} when no such rate is known yet (then {@code earliestDay} names the first day that lacks one).
 */
public record RateGroup(String partnerId, Metric metric, String currency, BigDecimal amount, BigDecimal rate,
                        LocalDate earliestDay) {
}
