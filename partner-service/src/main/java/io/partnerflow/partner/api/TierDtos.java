package io.partnerflow.partner.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.partnerflow.partner.domain.tier.MetricKind;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** REST shapes of tiers. Decimals leave the service as strings (never floats). */
public final class TierDtos {
    private TierDtos() {
    }

    // ---- ladder (input)

    public record LadderRequest(
            @NotNull @Min(0) @Max(3650) Integer demotionGraceDays,
            boolean promotionRequiresApproval,
            @NotEmpty @Size(max = 20) List<@Valid @NotNull TierRequest> tiers) {
    }

    public record TierRequest(@NotBlank @Size(max = 50) String code, @NotBlank @Size(max = 200) String name,
                              @NotNull @Min(0) Integer rank,
                              @Size(max = 50) List<@Valid @NotNull BenefitDto> benefits,
                              @Size(max = 10) List<@Valid @NotNull CriterionDto> criteria) {
    }

    public record BenefitDto(@NotBlank @Size(max = 100) String code, @Size(max = 500) String description,
                             @NotNull @DecimalMin("-999999999999") @DecimalMax("999999999999") @Digits(integer = 12, fraction = 6) BigDecimal value,
                             @Size(max = 20) String unit) {
    }

    /** {@code windowMonths}: trailing months for windowed metrics; absent for {@code CERTIFIED_PEOPLE}. */
    public record CriterionDto(@NotNull MetricKind metric,
                               @NotNull @DecimalMin("0") @DecimalMax("999999999999") @Digits(integer = 12, fraction = 6) BigDecimal threshold,
                               @Min(0) @Max(120) Integer windowMonths) {
    }

    // ---- ladder (output)

    public record LadderView(UUID ladderId, String partnerType, int version, Instant effectiveFrom, Instant createdAt, String createdBy,
                             String baseCurrency, int demotionGraceDays, boolean promotionRequiresApproval,
                             List<TierView> tiers) {
    }

    public record TierView(String code, String name, int rank, List<BenefitView> benefits,
                           List<CriterionView> criteria) {
    }

    public record BenefitView(String code, String description, String value, String unit) {
    }

    public record CriterionView(MetricKind metric, String threshold, Integer windowMonths) {
    }

    public record LadderAuditView(UUID ladderId, int version, String changedBy, Instant changedAt, JsonNode before,
                                  JsonNode after) {
    }

    // ---- a partner's tier

    public record TierRef(String code, String name, int rank) {
    }

    public record HistoryEntryView(int seq, TierRef from, TierRef to, Instant effectiveAt, Instant decidedAt,
                                   String reason, String note, String decidedBy, UUID ladderId, int ladderVersion,
                                   JsonNode metrics, JsonNode benefits) {
    }

    public record OverrideView(String tierCode, String reason, Instant expiresAt, String setBy) {
    }

    public record CurrentTierView(UUID partnerId, TierRef tier, Instant since, Integer ladderVersion,
                                  List<BenefitView> benefits, OverrideView override, LocalDate failingSince,
                                  LocalDate demotionDueOn, LocalDate lastEvaluatedAsOf, Instant lastEvaluatedAt,
                                  String evaluationStatus, String evaluationNote, ProposalView pendingProposal) {
    }

    public record OverrideRequest(@NotBlank @Size(max = 50) String tierCode, @NotBlank @Size(max = 500) String reason,
                                  @NotNull Instant expiresAt) {
    }

    /** {@code asOf}: the evaluation date (default today); metrics cover the whole days before it. */
    public record EvaluateRequest(LocalDate asOf) {
    }

    public record MetricCheckView(MetricKind metric, String name, Integer windowMonths, String value, String unit,
                                  String threshold, boolean met, LocalDate windowStart, LocalDate windowEnd) {
    }

    /**
     * outcome: {@code initial}, {@code promoted}, {@code demoted}, {@code proposed}, {@code unchanged},
     * {@code pending} (waiting for data, e.g. an FX rate), {@code skipped} (terminated, no ladder).
     */
    public record EvaluationView(UUID partnerId, LocalDate asOf, String outcome, TierRef from, TierRef to,
                                 TierRef qualified, String note, LocalDate failingSince, List<MetricCheckView> metrics,
                                 List<String> missing) {
    }

    public record RunView(LocalDate asOf, int evaluated, int changed, int proposed, int pending, int skipped,
                          List<EvaluationView> changes) {
    }

    public record ProposalView(UUID id, UUID partnerId, String fromCode, String toCode, int toRank,
                               Instant effectiveAt, Instant proposedAt, int ladderVersion, String status,
                               String decidedBy, Instant decidedAt, String decisionNote, JsonNode metrics) {
    }

    public record DecisionRequest(@Size(max = 500) String note) {
    }

    public record MetricsView(UUID partnerId, LocalDate asOf, String baseCurrency, List<MetricCheckView> values,
                              List<String> missing, TierRef qualified) {
    }
}
