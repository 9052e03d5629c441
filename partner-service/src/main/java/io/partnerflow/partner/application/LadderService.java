package io.partnerflow.partner.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.partnerflow.contracts.EventJson;
import io.partnerflow.partner.api.TierDtos;
import io.partnerflow.partner.api.TierDtos.LadderAuditView;
import io.partnerflow.partner.api.TierDtos.LadderRequest;
import io.partnerflow.partner.api.TierDtos.LadderView;
import io.partnerflow.partner.config.PartnerServiceConfig;
import io.partnerflow.partner.domain.Ids;
import io.partnerflow.partner.domain.tier.Benefit;
import io.partnerflow.partner.domain.tier.Criterion;
import io.partnerflow.partner.domain.tier.Ladder;
import io.partnerflow.partner.domain.tier.Tier;
import io.partnerflow.partner.persistence.TierLadderAuditEntity;
import io.partnerflow.partner.persistence.TierLadderVersionEntity;
import io.partnerflow.platform.problem.Problem;
import io.partnerflow.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The tier ladder: versioned (each change is a new version, effective from when it is saved), validated on
 * write (422 naming every problem, e.g. criteria that are not monotone across ranks) and audited (who, when,
 * before, after).
 */
@ApplicationScoped
public class LadderService {
    /** The ladder's id: one ladder per deployment, versioned. */
    public static final UUID LADDER_ID = Ids.nameBased("partnerflow", "tier-ladder");

    private final Clock clock;
    private final PartnerServiceConfig config;

    public LadderService(Clock clock, PartnerServiceConfig config) {
        this.clock = clock;
        this.config = config;
    }

    /** The ladder as stored (JSON of this record). */
    public record Definition(int demotionGraceDays, boolean promotionRequiresApproval, List<Tier> tiers) {
    }

    public String baseCurrency() {
        return config.tiers().baseCurrency();
    }

    public Uni<LadderView> put(LadderRequest request, String actor) {
        List<Tier> tiers = request.tiers().stream().map(t -> new Tier(t.code().trim(), t.name().trim(), t.rank(),
                t.benefits() == null ? List.of() : t.benefits().stream()
                        .map(b -> new Benefit(b.code(), b.description(), b.value(), b.unit())).toList(),
                t.criteria() == null ? List.of() : t.criteria().stream()
                        .map(c -> new Criterion(c.metric(), c.threshold(), c.windowMonths() == null ? 0 : c.windowMonths()))
                        .toList())).toList();
        List<String> errors = Ladder.validate(tiers, request.demotionGraceDays(), baseCurrency());
        if (!errors.isEmpty()) {
            throw new ProblemException(422, "Unprocessable Content", "the ladder is not valid: " + String.join("; ", errors),
                    "urn:partnerflow:problem:invalid-ladder",
                    errors.stream().map(e -> new Problem.FieldError("tiers", e)).toList());
        }
        Definition def = new Definition(request.demotionGraceDays(), request.promotionRequiresApproval(),
                new Ladder(LADDER_ID, 0, 0, false, tiers).tiers());
        Instant now = Times.now(clock);
        return Panache.withTransaction(() -> latestEntity().chain(prev -> {
                    TierLadderVersionEntity v = new TierLadderVersionEntity();
                    v.ladderId = LADDER_ID;
                    v.version = prev == null ? 1 : prev.version + 1;
                    v.definition = write(def);
                    v.effectiveFrom = now;
                    v.createdAt = now;
                    v.createdBy = actor;
                    TierLadderAuditEntity a = new TierLadderAuditEntity();
                    a.id = UUID.randomUUID();
                    a.ladderId = LADDER_ID;
                    a.version = v.version;
                    a.changedBy = actor;
                    a.changedAt = now;
                    a.beforeJson = prev == null ? null : prev.definition;
                    a.afterJson = v.definition;
                    return v.persist().chain(() -> a.persist()).chain(() -> Panache.flush()).replaceWith(v);
                }))
                .onFailure(PartnerService::isUniqueViolation)
                .transform(e -> PartnerService.conflict("another ladder change was saved at the same time; retry"))
                .map(this::view);
    }

    public Uni<LadderView> current() {
        return Panache.withSession(LadderService::latestEntity)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no tier ladder has been configured yet"))
                .map(this::view);
    }

    public Uni<LadderView> version(int version) {
        return Panache.withSession(() -> TierLadderVersionEntity.<TierLadderVersionEntity>find(
                        "ladderId = ?1 and version = ?2", LADDER_ID, version).firstResult())
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no ladder version " + version))
                .map(this::view);
    }

    public Uni<List<LadderAuditView>> audit() {
        return Panache.withSession(() -> TierLadderAuditEntity.<TierLadderAuditEntity>list(
                        "ladderId = ?1 order by version", LADDER_ID))
                .map(l -> l.stream().map(a -> new LadderAuditView(a.ladderId, a.version, a.changedBy, a.changedAt,
                        a.beforeJson == null ? null : EventJson.readTree(a.beforeJson), EventJson.readTree(a.afterJson)))
                        .toList());
    }

    /** The newest version (null if none). Must run in a session. */
    static Uni<TierLadderVersionEntity> latestEntity() {
        return TierLadderVersionEntity.<TierLadderVersionEntity>find("ladderId = ?1 order by version desc", LADDER_ID)
                .firstResult();
    }

    /** The version in effect at {@code at} (the newest saved at or before it). Must run in a session. */
    public Uni<Optional<Ladder>> ladderAt(Instant at) {
        return TierLadderVersionEntity.<TierLadderVersionEntity>find(
                        "ladderId = ?1 and effectiveFrom <= ?2 order by version desc", LADDER_ID, at)
                .firstResult().map(e -> Optional.ofNullable(e).map(LadderService::ladder));
    }

    /** The newest version. Must run in a session. */
    public Uni<Optional<Ladder>> latest() {
        return latestEntity().map(e -> Optional.ofNullable(e).map(LadderService::ladder));
    }

    /** A specific version. Must run in a session. */
    public Uni<Optional<Ladder>> ladder(int version) {
        return TierLadderVersionEntity.<TierLadderVersionEntity>find("ladderId = ?1 and version = ?2", LADDER_ID, version)
                .firstResult().map(e -> Optional.ofNullable(e).map(LadderService::ladder));
    }

    static Ladder ladder(TierLadderVersionEntity e) {
        Definition d = read(e.definition);
        return new Ladder(e.ladderId, e.version, d.demotionGraceDays(), d.promotionRequiresApproval(), d.tiers());
    }

    LadderView view(TierLadderVersionEntity e) {
        Ladder l = ladder(e);
        return new LadderView(l.id(), l.version(), e.effectiveFrom, e.createdAt, e.createdBy, baseCurrency(),
                l.demotionGraceDays(), l.promotionRequiresApproval(), l.tiers().stream().map(t -> new TierDtos.TierView(
                t.code(), t.name(), t.rank(), benefits(t), t.criteria().stream().map(c -> new TierDtos.CriterionView(
                c.metric(), c.threshold().toPlainString(), c.metric().windowed() ? c.windowMonths() : null)).toList()))
                .toList());
    }

    static List<TierDtos.BenefitView> benefits(Tier t) {
        return t.benefits().stream().map(b -> new TierDtos.BenefitView(b.code(), b.description(),
                b.value().toPlainString(), b.unit())).toList();
    }

    private static String write(Definition d) {
        return EventJson.writeString(d);
    }

    private static Definition read(String json) {
        try {
            return EventJson.mapper().readValue(json, Definition.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("unreadable ladder definition", e);
        }
    }
}
