package io.partnerflow.attribution.application;

import io.partnerflow.attribution.domain.ModelKind;
import io.partnerflow.attribution.domain.ModelSpec;
import io.partnerflow.attribution.domain.ModelSpec.Position;
import io.partnerflow.attribution.domain.TouchType;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/** A model's parameters as stored and as accepted over REST. */
public record ModelConfig(@NotNull ModelKind kind,
                          @Min(1) @Max(3650) Integer halfLifeDays,
                          @Min(1) @Max(3650) Integer lookbackDays,
                          List<TouchType> eligibleTypes,
                          Map<Position, BigDecimal> shares,
                          Map<TouchType, BigDecimal> customWeights) {

    public ModelSpec toSpec() {
        return new ModelSpec(kind,
                halfLifeDays == null ? null : Duration.ofDays(halfLifeDays),
                lookbackDays == null ? null : Duration.ofDays(lookbackDays),
                eligibleTypes == null || eligibleTypes.isEmpty() ? null : EnumSet.copyOf(eligibleTypes),
                shares, customWeights);
    }
}
