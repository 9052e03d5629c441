package io.partnerflow.attribution.api;

import io.partnerflow.attribution.application.ModelCatalog;
import io.partnerflow.attribution.application.ModelCatalog.ModelVersion;
import io.partnerflow.attribution.application.ModelConfig;
import io.partnerflow.attribution.persistence.AttributionEntity;
import io.partnerflow.attribution.persistence.CreditEntity;
import io.partnerflow.contracts.attribution.DealAttributed;
import io.partnerflow.platform.problem.ProblemException;
import io.partnerflow.platform.security.CurrentUser;
import io.partnerflow.platform.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

@Path("/")
public class AttributionResource {
    private final ModelCatalog models;
    private final CurrentUser user;
    private final java.time.Clock clock;
    private final io.partnerflow.attribution.application.ReattributionService reattribution;
    private final io.partnerflow.attribution.application.WhatIfService whatIf;
    private final io.partnerflow.attribution.application.Reports reports;

    public AttributionResource(ModelCatalog models, CurrentUser user, java.time.Clock clock,
                               io.partnerflow.attribution.application.ReattributionService reattribution,
                               io.partnerflow.attribution.application.WhatIfService whatIf,
                               io.partnerflow.attribution.application.Reports reports) {
        this.whatIf = whatIf;
        this.reports = reports;
        this.models = models;
        this.user = user;
        this.clock = clock;
        this.reattribution = reattribution;
    }

    public record PublishModel(@NotBlank @Pattern(regexp = "^[a-z0-9][a-z0-9-]{0,99}$") String name,
                               Instant effectiveFrom, @NotNull @Valid ModelConfig config) {
    }

    /** Ids in paths: what the columns hold (varchar(100)), one line. */
    static final String ID = "[^\\p{Cntrl}]{1,100}";
    static final String ID_MESSAGE = "must be 1 to 100 characters without control characters";
    static final String MODEL_NAME = "^[a-z0-9][a-z0-9-]{0,99}$";
    static final String FREE_TEXT = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*";
    static final String FREE_TEXT_MESSAGE = "must not contain control characters other than tab and line breaks";

    public record CreditView(String dealId, String partnerId, String role, BigDecimal weight, String amount,
                             String currency, String kind, Instant closedAt) {
    }

    @POST
    @Path("models")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER})
    public Uni<Response> publish(@Valid @NotNull PublishModel request) {
        Ranges.instant("effectiveFrom", request.effectiveFrom());
        return models.publish(request.name(), request.effectiveFrom(), request.config(), user.subject())
                .map(v -> Response.status(201).entity(v).build());
    }

    @GET
    @Path("models")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE})
    public Uni<List<ModelVersion>> models() {
        return models.list();
    }

    /** The attribution in force for a deal (staff). */
    @GET
    @Path("attributions/deals/{dealId}")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE})
    @jakarta.ws.rs.Produces(jakarta.ws.rs.core.MediaType.APPLICATION_JSON)
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "200", description = "the deal.attributed (or deal.reattributed) data in force, exactly as published",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = DealAttributed.class)))
    public Uni<Response> forDeal(@PathParam("dealId") @Pattern(regexp = ID, message = ID_MESSAGE) String dealId) {
        return Panache.withSession(() -> AttributionEntity.activeFor(dealId))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no attribution for deal " + dealId))
                .map(a -> Response.ok(a.payload, jakarta.ws.rs.core.MediaType.APPLICATION_JSON).build());
    }

    /** A partner's credit entries (attributed and reversed, signed); a partner token reads only its own. */
    @GET
    @Path("partners/{partnerId}/credits")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE, Roles.PARTNER})
    public Uni<List<CreditView>> credits(@PathParam("partnerId") @Pattern(regexp = ID, message = ID_MESSAGE) String partnerId) {
        user.requireAccessToPartner(partnerId);
        return Panache.withSession(() -> CreditEntity.<CreditEntity>list("partnerId = ?1 order by closedAt, id", partnerId))
                .map(l -> l.stream().map(c -> new CreditView(c.dealId, c.partnerId, c.role, c.weight,
                        io.partnerflow.core.money.Money.of(c.amount, c.currency).amountString(), c.currency,
                        c.entryKind, c.closedAt)).toList());
    }

    /** reason: what reattribution_run.reason holds (varchar(500)). */
    public record Reattribute(@NotNull Instant from, @NotNull Instant to,
                              @NotBlank @Pattern(regexp = MODEL_NAME, message = "must be a model name (a-z, 0-9, -; at most 100)") String modelName,
                              @Positive Integer modelVersion,
                              @NotBlank @Size(max = 500) @Pattern(regexp = FREE_TEXT, message = FREE_TEXT_MESSAGE) String reason) {
    }

    /** Re-attributes deals closed in [from, to) with a model; publishes deal.reattributed where credits change. */
    @POST
    @Path("reattributions")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER})
    public Uni<io.partnerflow.attribution.application.ReattributionService.RunResult> reattribute(@Valid @NotNull Reattribute r) {
        Ranges.period(r.from(), r.to());
        return reattribution.run(r.from(), r.to(), r.modelName(), r.modelVersion(), r.reason(), user.subject());
    }

    public record RoleTotals(String currency, String role, String amount, long deals) {
    }

    public record PartnerReport(String partnerId, Instant from, Instant to, List<RoleTotals> totals) {
    }

    /**
     * Sourced vs influenced revenue and deal counts of one partner for deals closed in [from, to), per
     * currency, net of reversals, from the attributions in force. A partner token reads only its own.
     */
    @GET
    @Path("reports/partners/{partnerId}")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE, Roles.PARTNER})
    public Uni<PartnerReport> report(@PathParam("partnerId") @Pattern(regexp = ID, message = ID_MESSAGE) String partnerId,
                                     @jakarta.ws.rs.QueryParam("from") @NotNull Instant from,
                                     @jakarta.ws.rs.QueryParam("to") @NotNull Instant to) {
        Ranges.period(from, to);
        user.requireAccessToPartner(partnerId);
        return Panache.withSession(() -> Panache.getSession().chain(s -> s.createNativeQuery("""
                        select c.currency, c.role, sum(c.amount), count(distinct c.deal_id)
                        from attribution_credit c join attribution a on a.id = c.attribution_id
                        where a.active and c.partner_id = ?1 and c.closed_at >= ?2 and c.closed_at < ?3
                        group by c.currency, c.role order by c.currency, c.role""", Object[].class)
                .setParameter(1, partnerId)
                .setParameter(2, java.time.OffsetDateTime.ofInstant(from, java.time.ZoneOffset.UTC))
                .setParameter(3, java.time.OffsetDateTime.ofInstant(to, java.time.ZoneOffset.UTC))
                .getResultList()))
                .map(rows -> new PartnerReport(partnerId, from, to, rows.stream().map(r -> new RoleTotals((String) r[0], (String) r[1],
                        io.partnerflow.core.money.Money.of((BigDecimal) r[2], (String) r[0]).amountString(),
                        ((Number) r[3]).longValue())).toList()));
    }

    public record PipelineTotals(String currency, String role, String amount, long deals) {
    }

    /** Open pipeline a partner sourced or influenced (provisional attribution; reporting only). */
    @GET
    @Path("reports/partners/{partnerId}/pipeline")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE, Roles.PARTNER})
    public Uni<List<PipelineTotals>> pipeline(@PathParam("partnerId") @Pattern(regexp = ID, message = ID_MESSAGE) String partnerId) {
        user.requireAccessToPartner(partnerId);
        return Panache.withSession(() -> Panache.getSession().chain(s -> s.createNativeQuery("""
                        select currency, role, sum(amount), count(*) from pipeline_credit where partner_id = ?1
                        group by currency, role order by currency, role""", Object[].class)
                .setParameter(1, partnerId).getResultList()))
                .map(rows -> rows.stream().map(r -> new PipelineTotals((String) r[0], (String) r[1],
                        io.partnerflow.core.money.Money.of((BigDecimal) r[2], ((String) r[0]).trim()).amountString(),
                        ((Number) r[3]).longValue())).toList());
    }

    /**
     * Staff: sourced / influenced revenue of deals closed in [from, to) (attributions in force, net of reversals) per
     * currency, grouped {@code by} tier, region, partner-type, partner, month or quarter.
     */
    @GET
    @Path("reports/revenue")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE})
    public Uni<io.partnerflow.attribution.application.Reports.Report> revenueReport(
            @jakarta.ws.rs.QueryParam("from") @NotNull Instant from, @jakarta.ws.rs.QueryParam("to") @NotNull Instant to,
            @jakarta.ws.rs.QueryParam("by") @NotNull String by) {
        Ranges.period(from, to);
        return reports.revenue(from, to, by);
    }

    /** Staff: open pipeline sourced / influenced per currency, grouped {@code by} tier, region, partner-type or partner. */
    @GET
    @Path("reports/pipeline")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE})
    public Uni<io.partnerflow.attribution.application.Reports.Report> pipelineReport(@jakarta.ws.rs.QueryParam("by") @NotNull String by) {
        return reports.pipeline(by);
    }

    public record WhatIfRequest(@NotNull Instant from, @NotNull Instant to, @NotNull @Valid ModelConfig proposed) {
    }

    /** Current vs proposed model per partner for deals closed in [from, to); publishes nothing. */
    @POST
    @Path("what-if")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE})
    public Uni<io.partnerflow.attribution.application.WhatIfService.Result> whatIf(@Valid @NotNull WhatIfRequest r) {
        Ranges.period(r.from(), r.to());
        java.util.List<String> problems = r.proposed().toSpec().problems();
        if (!problems.isEmpty()) {
            throw ProblemException.unprocessable("the proposed model is not valid: " + String.join("; ", problems));
        }
        return Uni.createFrom().item(() -> {
            try {
                return whatIf.run(r.from(), r.to(), r.proposed());
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }).runSubscriptionOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool());
    }

    /** Bounds as stored: varchar(30) / varchar(100) texts, numeric(38,6) amounts (zero or positive). */
    public record SelectionRule(@NotNull @Min(0) @Max(1_000_000) Integer priority,
                                @Size(max = 30) @Pattern(regexp = "[a-z_]*", message = "must be a deal type like new_business") String dealType,
                                @Size(max = 100) @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not contain control characters") String productCategory,
                                @Pattern(regexp = "^[A-Z]{2}$") String country,
                                @DecimalMin("0") @Digits(integer = 32, fraction = 6) BigDecimal minAmount,
                                @DecimalMin("0") @Digits(integer = 32, fraction = 6) BigDecimal maxAmount,
                                @Pattern(regexp = "^[A-Z]{3}$") String amountCurrency,
                                @NotBlank @Pattern(regexp = MODEL_NAME, message = "must be a model name (a-z, 0-9, -; at most 100)") String modelName) {
    }

    /** Adds a model selection rule (first match by ascending priority wins; else the 'default' model). */
    @POST
    @Path("model-rules")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER})
    public Uni<Response> addRule(@Valid @NotNull SelectionRule rule) {
        if ((rule.minAmount() != null || rule.maxAmount() != null) && rule.amountCurrency() == null) {
            throw ProblemException.badRequest("an amount condition needs amountCurrency",
                    new io.partnerflow.platform.problem.Problem.FieldError("amountCurrency", "required with minAmount or maxAmount"));
        }
        if (rule.minAmount() != null && rule.maxAmount() != null && rule.minAmount().compareTo(rule.maxAmount()) > 0) {
            throw ProblemException.badRequest("minAmount must not exceed maxAmount",
                    new io.partnerflow.platform.problem.Problem.FieldError("maxAmount", "must be at least minAmount"));
        }
        var e = new io.partnerflow.attribution.persistence.SelectionRuleEntity();
        e.id = java.util.UUID.randomUUID();
        e.priority = rule.priority();
        e.dealType = rule.dealType();
        e.productCategory = rule.productCategory();
        e.country = rule.country();
        e.minAmount = rule.minAmount();
        e.maxAmount = rule.maxAmount();
        e.amountCurrency = rule.amountCurrency();
        e.modelName = rule.modelName();
        e.createdBy = user.subject();
        e.createdAt = Instant.now(clock);
        return Panache.withTransaction(() -> io.partnerflow.attribution.persistence.SelectionRuleEntity
                        .count("priority", rule.priority())
                        .chain(n -> n > 0 ? Uni.createFrom().failure(ProblemException.conflict(
                                "a rule with priority " + rule.priority() + " exists")) : e.persist()))
                .map(x -> Response.status(201).entity(rule).build());
    }
}
