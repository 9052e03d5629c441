package io.partnerflow.incentive.domain.calc;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.partnerflow.incentive.domain.Calculation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What later clawbacks need to know about an earning, stored next to it: the exact figure, its buckets and FX
 * (for calculations), or the reversed line amounts (for clawbacks).
 */
public record Basis(@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal exactOriginal, String originalCurrency,
                    String payoutCurrency, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal fxRate, LocalDate fxDate,
                    List<Calculation.Bucket> buckets, Map<Integer, BigDecimal> reversedLines) {

    public Basis {
        buckets = buckets == null ? List.of() : List.copyOf(buckets);
        reversedLines = reversedLines == null ? Map.of() : Map.copyOf(reversedLines);
    }

    public static Basis of(Calculation c) {
        return new Basis(c.unroundedOriginal(), c.original().currencyCode(), c.payout().currencyCode(),
                c.fx() == null ? null : c.fx().rate(), c.fx() == null ? null : c.fx().date(), c.buckets(), null);
    }

    public static Basis reversed(Map<Integer, BigDecimal> lines) {
        return new Basis(null, null, null, null, null, null, lines);
    }
}
