package io.partnerflow.deal.api;

import io.partnerflow.core.money.Money;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** REST shapes of deal registrations. */
public final class RegistrationDtos {
    private RegistrationDtos() {
    }

    public record CustomerInput(@NotBlank @Size(max = 500) String name, @Size(max = 253) String domain,
                                @NotBlank @Pattern(regexp = "[A-Za-z]{2}", message = "must be an ISO 3166-1 alpha-2 code") String country) {
    }

    /** {@code partnerId} only for staff submitting on a partner's behalf; a partner user submits for itself. */
    public record SubmitRegistration(UUID partnerId, @NotNull @Valid CustomerInput customer,
                                     @NotEmpty @Size(max = 20) List<@NotBlank String> productCategories,
                                     Money expectedAmount, LocalDate expectedCloseDate,
                                     @Size(max = 500) String dealName, @Size(max = 4000) String description) {
    }

    public record Decision(@Size(max = 2000) String note) {
    }

    public record Rejection(@NotBlank @Size(max = 2000) String reason) {
    }

    public record Cancellation(@Size(max = 2000) String reason) {
    }

    public record ConflictView(UUID registrationId, UUID partnerId, String productCategory, String reason) {
    }

    public record RegistrationView(UUID id, UUID partnerId, String status, String customerName, String customerDomain,
                                   String customerCountry, List<String> productCategories, Money expectedAmount,
                                   LocalDate expectedCloseDate, String dealName, String description, String submittedBy,
                                   Instant submittedAt, List<ConflictView> conflicts, String decidedBy,
                                   Instant decidedAt, String decisionNote, UUID conflictingRegistrationId,
                                   Instant approvedAt, Instant protectedUntil, UUID dealId, Instant convertedAt,
                                   Instant endedAt) {
    }

    public record ExpiryRun(boolean ran, int expired) {
    }
}
