package io.partnerflow.partner.domain.tier;

import java.math.BigDecimal;

/**
 * A tier benefit as data other services read, e.g. {@code registration_protection_days} = 90 {@code days},
 * {@code mdf_eligible} = 1 {@code flag}, {@code commission_rate.software} = 0.08 {@code ratio}.
 */
public record Benefit(String code, String description, BigDecimal value, String unit) {
}
