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

    public record CustomerInput(@NotBlank @Size(max = 500) @Pattern(regexp = InputRules.ONE_LINE, message = InputRules.ONE_LINE_MESSAGE) String name,
                                @Size(max = 253) @Pattern(regexp = InputRules.ONE_LINE, message = InputRules.ONE_LINE_MESSAGE) String domain,
                                @NotBlank @Pattern(regexp = "[A-Za-z]{2}", message = "must be an ISO 3166-1 alpha-2 code") String country) {
    }

    /**
     * {@code partnerId} only for staff submitting on a partner's behalf; a partner user submits for itself.
     * {@code expectedAmount} is positive and fits numeric(19,4); the close date is within years 1900–9999.
     */
    public record SubmitRegistration(UUID partnerId, @NotNull @Valid CustomerInput customer,
                                     @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 100)
                                     @Pattern(regexp = InputRules.ONE_LINE, message = InputRules.ONE_LINE_MESSAGE) String> productCategories,
                                     Money expectedAmount, LocalDate expectedCloseDate,
                                     @Size(max = 500) @Pattern(regexp = InputRules.ONE_LINE, message = InputRules.ONE_LINE_MESSAGE) String dealName,
                                     @Size(max = 4000) @Pattern(regexp = InputRules.FREE_TEXT, message = InputRules.FREE_TEXT_MESSAGE) String description) {
        /** What Bean Validation cannot say about Money and dates (400 naming the field). */
        public void check() {
            InputRules.positiveAmount("expectedAmount", expectedAmount);
            InputRules.date("expectedCloseDate", expectedCloseDate);
        }
    }

    public record Decision(@Size(max = 2000) @Pattern(regexp = InputRules.FREE_TEXT, message = InputRules.FREE_TEXT_MESSAGE) String note) {
    }

    public record Rejection(@NotBlank @Size(max = 2000) @Pattern(regexp = InputRules.FREE_TEXT, message = InputRules.FREE_TEXT_MESSAGE) String reason) {
    }

    public record Cancellation(@Size(max = 2000) @Pattern(regexp = InputRules.FREE_TEXT, message = InputRules.FREE_TEXT_MESSAGE) String reason) {
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
