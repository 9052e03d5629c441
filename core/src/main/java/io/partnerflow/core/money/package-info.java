/**
 * Exact money mechanics shared by every Partnerflow service: {@link io.partnerflow.core.money.Money}
 * (one currency, ISO 4217 scale, decimal-string JSON), {@link io.partnerflow.core.money.Allocation}
 * (largest-remainder splits that sum exactly to the whole) and {@link io.partnerflow.core.money.Weights}
 * (scale-8 wire weights that sum exactly to 1). No {@code double} or {@code float} anywhere; the only
 * rounding is {@link io.partnerflow.core.money.Money#times}, HALF_EVEN, once.
 */
package io.partnerflow.core.money;
