package io.partnerflow.contracts.incentive;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The conversion from the original currency to the payout currency: "1 {@code from} = {@code rate} {@code to}",
 * the rate of {@code rateDate} (latest published on or before the relevant date, normally the deal's close date).
 *
 * @param from     original currency
 * @param to       payout currency
 * @param rate     decimal string, as published
 * @param rateDate the date of the rate used (for a derived rate: the oldest date on its path)
 * @param path     null for a rate as published; for an inverse or a cross rate through the base currency, how it was
 *                 derived, e.g. {@code "EUR/JPY = EUR/USD 1.08 (2026-03-10) x 1 / JPY/USD 0.0066 (2026-03-09) (cross through USD)"}
 *                 (optional, added in v1 additively)
 */
public record FxConversion(
        String from,
        String to,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal rate,
        LocalDate rateDate,
        @JsonInclude(JsonInclude.Include.NON_NULL) String path) {

    public FxConversion(String from, String to, BigDecimal rate, LocalDate rateDate) {
        this(from, to, rate, rateDate, null);
    }
}
