package io.partnerflow.contracts.reference;

import com.fasterxml.jackson.annotation.JsonFormat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * {@code partnerflow.fx.rate-corrected.v1} on {@code reference.events}, key = {@code FROM/TO}: a published rate of
 * {@code date} was corrected (a new value) or withdrawn (no rate for that date any more: conversions fall back to the
 * latest earlier rate). Rates are versioned per pair and date: version 1 is the publication
 * ({@code fx.rate-published}); every correction or withdrawal is the next version and names the one it replaces.
 *
 * @param from            ISO 4217 currency converted from
 * @param to              ISO 4217 currency converted to
 * @param date            the date the rate is for
 * @param action          {@code corrected} or {@code withdrawn}
 * @param version         this version (≥ 2)
 * @param replacesVersion the version it replaces ({@code version - 1})
 * @param rate            the corrected rate (positive decimal string); null when withdrawn
 * @param replacedRate    the rate of the replaced version
 * @param reason          why (entered by the user)
 * @param correctedAt     when incentive-service recorded it
 * @param correctedBy     subject of the user who corrected or withdrew it
 */
public record FxRateCorrected(
        String from,
        String to,
        LocalDate date,
        String action,
        int version,
        int replacesVersion,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal rate,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal replacedRate,
        String reason,
        Instant correctedAt,
        String correctedBy) {
    public static final String CORRECTED = "corrected";
    public static final String WITHDRAWN = "withdrawn";
}
