package io.partnerflow.attribution.application;

import io.partnerflow.attribution.domain.ModelKind;
import io.partnerflow.attribution.domain.ModelSpec;
import io.partnerflow.attribution.domain.ModelSpec.Position;
import io.partnerflow.attribution.domain.TouchType;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/** A model's parameters as stored and as accepted over REST (shares and weights: 0 to 1, at most 12 decimals). */
public record ModelConfig(@NotNull ModelKind kind,
                          @Min(1) @Max(3650) Integer halfLifeDays,
                          @Min(1) @Max(3650) Integer lookbackDays,
                          @Size(max = 20) List<@NotNull TouchType> eligibleTypes,
                          Map<@NotNull Position, @NotNull @DecimalMin("0") @DecimalMax("1") @Digits(integer = 1, fraction = 12) BigDecimal> shares,
                          Map<@NotNull TouchType, @NotNull @DecimalMin("0") @DecimalMax("1") @Digits(integer = 1, fraction = 12) BigDecimal> customWeights) {

    public ModelSpec toSpec() {
        return new ModelSpec(kind,
                halfLifeDays == null ? null : Duration.ofDays(halfLifeDays),
                lookbackDays == null ? null : Duration.ofDays(lookbackDays),
                eligibleTypes == null || eligibleTypes.isEmpty() ? null : EnumSet.copyOf(eligibleTypes),
                shares, customWeights);
    }
}
