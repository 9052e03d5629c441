package io.partnerflow.partner.api;

import io.partnerflow.partner.domain.PartnerStatus;
import io.partnerflow.partner.domain.PartnerType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** REST shapes of partner-service (never entities). */
public final class PartnerDtos {
    private PartnerDtos() {
    }

    /** A CRM account reference: {@code system} is {@code salesforce}, {@code hubspot} or {@code generic}. */
    public record CrmAccountRef(@NotBlank @Size(max = 20) String system, @NotBlank @Size(max = 200) String accountId) {
    }

    public record Contact(@NotBlank @Size(max = 200) String name,
                          @Email @Size(max = 320) String email,
                          @Size(max = 50) String phone) {
    }

    public record CreatePartner(
            @NotBlank @Size(max = 200) String name,
            @Size(max = 200) String legalName,
            @NotNull PartnerType type,
            @NotNull @Pattern(regexp = "^[A-Z]{2}$", message = "must be an ISO 3166-1 alpha-2 code") String country,
            @NotNull @Pattern(regexp = "^[A-Z]{3}$", message = "must be an ISO 4217 code") String payoutCurrency,
            @Size(max = 50) List<@NotBlank @Size(max = 253) String> webDomains,
            @Size(max = 50) List<@Valid @NotNull CrmAccountRef> crmAccounts,
            UUID parentPartnerId,
            @Valid Contact primaryContact) {
    }

    /**
     * The whole profile after the change (a full replacement; lists replace the partner's lists). Status and tier
     * have their own operations. {@code expectedRevision}, when given, must be the partner's current revision
     * (optimistic concurrency: 409 otherwise).
     */
    public record UpdatePartner(
            @NotBlank @Size(max = 200) String name,
            @Size(max = 200) String legalName,
            @NotNull PartnerType type,
            @NotNull @Pattern(regexp = "^[A-Z]{2}$", message = "must be an ISO 3166-1 alpha-2 code") String country,
            @NotNull @Pattern(regexp = "^[A-Z]{3}$", message = "must be an ISO 4217 code") String payoutCurrency,
            @Size(max = 50) List<@NotBlank @Size(max = 253) String> webDomains,
            @Size(max = 50) List<@Valid @NotNull CrmAccountRef> crmAccounts,
            UUID parentPartnerId,
            @Valid Contact primaryContact,
            @Positive Long expectedRevision) {
    }

    public record ChangeStatus(@NotNull PartnerStatus status, @Size(max = 500) String reason) {
    }

    public record PartnerView(UUID id, String name, String legalName, PartnerType type, PartnerStatus status,
                              String country, String payoutCurrency, List<String> webDomains,
                              List<CrmAccountRef> crmAccounts, UUID parentPartnerId, Contact primaryContact,
                              String tier, long revision, Instant createdAt, Instant updatedAt) {
    }

    public record Page<T>(List<T> items, int page, int size, long total) {
    }

    /** Sources of a certification completion (contract enum). */
    public enum CertificationSource { LMS, MANUAL, IMPORT }

    public record RecordCertification(
            @NotBlank @Size(max = 200) String personId,
            @Size(max = 200) String personName,
            @NotBlank @Size(max = 100) @Pattern(regexp = "^[a-z0-9][a-z0-9._-]*$",
                    message = "must be a lower-case code like platform-admin-professional") String certificationCode,
            @NotBlank @Size(max = 200) String certificationName,
            @Size(max = 50) String level,
            @NotNull Instant completedAt,
            Instant expiresAt,
            CertificationSource source) {
    }

    public record CertificationView(UUID id, UUID partnerId, String personId, String personName,
                                    String certificationCode, String certificationName, String level,
                                    Instant completedAt, Instant expiresAt, String source, Instant recordedAt,
                                    String recordedBy) {
    }
}
