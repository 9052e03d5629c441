package io.partnerflow.partner.api;

import io.partnerflow.partner.domain.PartnerStatus;
import io.partnerflow.partner.domain.PartnerType;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** REST shapes of partner-service (never entities). */
public final class PartnerDtos {
    private PartnerDtos() {
    }

    public record CreatePartner(
            @NotBlank @Size(max = 200) String name,
            @Size(max = 200) String legalName,
            @NotNull PartnerType type,
            @NotNull @Pattern(regexp = "^[A-Z]{2}$", message = "must be an ISO 3166-1 alpha-2 code") String country,
            @NotNull @Pattern(regexp = "^[A-Z]{3}$", message = "must be an ISO 4217 code") String payoutCurrency,
            @Size(max = 50) List<@NotBlank String> webDomains) {
    }

    public record PartnerView(UUID id, String name, String legalName, PartnerType type, PartnerStatus status,
                              String country, String payoutCurrency, List<String> webDomains,
                              Instant createdAt, Instant updatedAt) {
    }

    public record Page<T>(List<T> items, int page, int size, long total) {
    }
}
