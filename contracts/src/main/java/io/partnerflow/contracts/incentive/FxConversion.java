package io.partnerflow.contracts.incentive;

import com.fasterxml.jackson.annotation.JsonFormat;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The conversion from the original currency to the payout currency: "1 {@code from} = {@code rate} {@code to}",
 * the rate of {@code rateDate} (latest published on or before the relevant date, normally the deal's close date).
 *
 * @param from     original currency
 * @param to       payout currency
 * @param rate     decimal string, as published
 * @param rateDate the date of the rate used
 */
public record FxConversion(
        String from,
        String to,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal rate,
        LocalDate rateDate) {
}
