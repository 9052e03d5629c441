package io.partnerflow.contracts.reference;

import com.fasterxml.jackson.annotation.JsonFormat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * {@code partnerflow.fx.rate-published.v1} on {@code reference.events}, key = {@code FROM/TO} (e.g.
 * {@code EUR/USD}): "1 {@code from} = {@code rate} {@code to}" on {@code date}. Conversions use the rate of the
 * relevant date (latest on or before it). A later publication for the same pair and date replaces the earlier.
 *
 * @param from        ISO 4217 currency converted from
 * @param to          ISO 4217 currency converted to
 * @param date        the date the rate is for
 * @param rate        a positive decimal string
 * @param source      where it came from: {@code ecb}, {@code manual}, {@code import}…
 * @param publishedAt when incentive-service published it
 * @param publishedBy subject of the user who entered it, or {@code system}
 */
public record FxRatePublished(
        String from,
        String to,
        LocalDate date,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal rate,
        String source,
        Instant publishedAt,
        String publishedBy) {

    /** The Kafka key of a pair: {@code FROM/TO}. */
    public static String pairKey(String from, String to) {
        return from + "/" + to;
    }
}
