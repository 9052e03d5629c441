package io.partnerflow.deal.api;

import io.partnerflow.core.money.Money;
import io.partnerflow.deal.domain.LineData;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** REST shapes of deals and touchpoints (never entities). */
public final class DealDtos {
    private DealDtos() {
    }

    public record CustomerView(String name, String domain, String country, String crmAccountId) {
    }

    public record TouchpointView(UUID id, UUID partnerId, String partnerRef, boolean pending, String type,
                                 Instant occurredAt, String evidence, String source, UUID registrationId,
                                 String crmRef) {
    }

    public record DealView(UUID id, String crmSystem, String crmDealId, long crmVersion, long revision, String name,
                           CustomerView customer, Money amount, List<LineData> lines, String stage, String status,
                           String dealType, BigDecimal probability, Instant createdAt, Instant closedAt,
                           LocalDate expectedCloseDate, UUID registrationId, List<TouchpointView> touchpoints) {
    }

    public record AddTouchpoint(@NotNull UUID partnerId,
                                @NotBlank @Size(max = 40) @Pattern(regexp = InputRules.ONE_LINE, message = InputRules.ONE_LINE_MESSAGE) String type,
                                @NotNull Instant occurredAt,
                                @Size(max = 4000) @Pattern(regexp = InputRules.FREE_TEXT, message = InputRules.FREE_TEXT_MESSAGE) String evidence) {
    }
}
