package io.partnerflow.incentive.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The second dimension of the per-program report ({@code GET /reports/programs?by=}): none ({@code program}), the
 * partner's tier as of the deal's close, the partner's region (shared {@code Regions} map), or the close's calendar
 * month / quarter in the period zone. Pure: no I/O, no framework types.
 */
public enum ProgramReportBy {
    PROGRAM("program"), TIER("program-tier"), REGION("program-region"), MONTH("program-month"), QUARTER("program-quarter");

    /** A partner not (yet) on partner.events, or with no tier at the close. */
    public static final String UNKNOWN = "unknown";
    /** Decimals of {@link #costPerRevenue}. */
    public static final int RATIO_SCALE = 6;

    private final String param;

    ProgramReportBy(String param) {
        this.param = param;
    }

    public String param() {
        return param;
    }

    public static Optional<ProgramReportBy> of(String param) {
        return Arrays.stream(values()).filter(d -> d.param.equals(param)).findFirst();
    }

    /** "program, program-tier, …" for a refusal. */
    public static String allowed() {
        return Arrays.stream(values()).map(ProgramReportBy::param).collect(Collectors.joining(", "));
    }

    /**
     * Net earnings per unit of credited revenue (same currency): one HALF_EVEN rounding to {@value #RATIO_SCALE}
     * decimals; {@code null} when there is no revenue (zero — e.g. fully refunded — or none credited).
     */
    public static BigDecimal costPerRevenue(BigDecimal netEarnings, BigDecimal revenue) {
        if (revenue == null || revenue.signum() == 0 || netEarnings == null) {
            return null;
        }
        return netEarnings.divide(revenue, RATIO_SCALE, RoundingMode.HALF_EVEN);
    }
}
