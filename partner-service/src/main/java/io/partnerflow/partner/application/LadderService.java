package io.partnerflow.partner.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.partnerflow.contracts.EventJson;
import io.partnerflow.partner.api.TierDtos;
import io.partnerflow.partner.api.TierDtos.LadderAuditView;
import io.partnerflow.partner.api.TierDtos.LadderRequest;
import io.partnerflow.partner.api.TierDtos.LadderView;
import io.partnerflow.partner.config.PartnerServiceConfig;
import io.partnerflow.partner.domain.Ids;
import io.partnerflow.partner.domain.PartnerType;
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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The tier ladders: a default ladder and, optionally, one per partner type ({@code ?partnerType=}; a partner is
 * evaluated on the ladder of its type, the default one for the rest). Each is versioned (each change is a new version, effective from when it is saved), validated on
 * write (422 naming every problem, e.g. criteria that are not monotone across ranks) and audited (who, when,
 * before, after).
 */
@ApplicationScoped
public class LadderService {
    /** The default ladder's id (partners whose type has no ladder of its own). */
    public static final UUID LADDER_ID = Ids.nameBased("partnerflow", "tier-ladder");

    /** The ladder id of a partner type (name-based, so every replica agrees), or the default one for null. */
    public static UUID ladderId(PartnerType type) {
        return type == null ? LADDER_ID : Ids.nameBased("partnerflow", "tier-ladder", wire(type));
    }

    static String wire(PartnerType type) {
        return type == null ? null : type.name().toLowerCase(Locale.ROOT);
    }

    /** {@code ?partnerType=} → the type, null when absent; 400 naming the field when it is not a partner type. */
    public static PartnerType partnerType(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        for (PartnerType t : PartnerType.values()) {
            if (wire(t).equals(raw.trim().toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw ProblemException.badRequest("partnerType '" + raw + "' is not a partner type",
                new Problem.FieldError("partnerType", "must be one of " + Arrays.stream(PartnerType.values())
                        .map(LadderService::wire).toList()));
    }

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

    public Uni<LadderView> put(LadderRequest request, PartnerType type, String actor) {
        UUID ladderId = ladderId(type);
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
                new Ladder(ladderId, 0, 0, false, tiers).tiers());
        Instant now = Times.now(clock);
        return Panache.withTransaction(() -> latestEntity(ladderId).chain(prev -> {
                    TierLadderVersionEntity v = new TierLadderVersionEntity();
                    v.ladderId = ladderId;
                    v.partnerType = wire(type);
                    v.version = prev == null ? 1 : prev.version + 1;
                    v.definition = write(def);
                    v.effectiveFrom = now;
                    v.createdAt = now;
                    v.createdBy = actor;
                    TierLadderAuditEntity a = new TierLadderAuditEntity();
                    a.id = UUID.randomUUID();
                    a.ladderId = ladderId;
                    a.partnerType = wire(type);
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

    public Uni<LadderView> current(PartnerType type) {
        return Panache.withSession(() -> latestEntity(ladderId(type)))
                .onItem().ifNull().failWith(() -> ProblemException.notFound(type == null ? "no tier ladder has been configured yet"
                        : "no tier ladder for partner type " + wire(type) + " (its partners are on the default ladder)"))
                .map(this::view);
    }

    public Uni<LadderView> version(PartnerType type, int version) {
        return Panache.withSession(() -> TierLadderVersionEntity.<TierLadderVersionEntity>find(
                        "ladderId = ?1 and version = ?2", ladderId(type), version).firstResult())
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no ladder version " + version))
                .map(this::view);
    }

    public Uni<List<LadderAuditView>> audit(PartnerType type) {
        return Panache.withSession(() -> TierLadderAuditEntity.<TierLadderAuditEntity>list(
                        "ladderId = ?1 order by version", ladderId(type)))
                .map(l -> l.stream().map(a -> new LadderAuditView(a.ladderId, a.version, a.changedBy, a.changedAt,
                        a.beforeJson == null ? null : EventJson.readTree(a.beforeJson), EventJson.readTree(a.afterJson)))
                        .toList());
    }

    /** The newest version of a ladder (null if none). Must run in a session. */
    static Uni<TierLadderVersionEntity> latestEntity(UUID ladderId) {
        return TierLadderVersionEntity.<TierLadderVersionEntity>find("ladderId = ?1 order by version desc", ladderId)
                .firstResult();
    }

    /**
     * The ladder a partner of {@code type} is on at {@code at}: its type's version in effect then (the newest saved at or
     * before it), else the default ladder's. Must run in a session.
     */
    public Uni<Optional<Ladder>> ladderAt(PartnerType type, Instant at) {
        Uni<Optional<Ladder>> own = type == null ? Uni.createFrom().item(Optional.empty()) : versionAt(ladderId(type), at);
        return own.chain(l -> l.isPresent() ? Uni.createFrom().item(l) : versionAt(LADDER_ID, at));
    }

    private static Uni<Optional<Ladder>> versionAt(UUID ladderId, Instant at) {
        return TierLadderVersionEntity.<TierLadderVersionEntity>find(
                        "ladderId = ?1 and effectiveFrom <= ?2 order by version desc", ladderId, at)
                .firstResult().map(e -> Optional.ofNullable(e).map(LadderService::ladder));
    }

    /** The newest version of the partner type's ladder, else of the default one. Must run in a session. */
    public Uni<Optional<Ladder>> latest(PartnerType type) {
        Uni<TierLadderVersionEntity> own = type == null ? Uni.createFrom().nullItem() : latestEntity(ladderId(type));
        return own.chain(e -> e != null ? Uni.createFrom().item(e) : latestEntity(LADDER_ID))
                .map(e -> Optional.ofNullable(e).map(LadderService::ladder));
    }

    /** A specific version of a ladder (null id = the default one). Must run in a session. */
    public Uni<Optional<Ladder>> ladder(UUID ladderId, int version) {
        return TierLadderVersionEntity.<TierLadderVersionEntity>find("ladderId = ?1 and version = ?2",
                        ladderId == null ? LADDER_ID : ladderId, version)
                .firstResult().map(e -> Optional.ofNullable(e).map(LadderService::ladder));
    }

    static Ladder ladder(TierLadderVersionEntity e) {
        Definition d = read(e.definition);
        return new Ladder(e.ladderId, e.version, d.demotionGraceDays(), d.promotionRequiresApproval(), d.tiers());
    }

    LadderView view(TierLadderVersionEntity e) {
        Ladder l = ladder(e);
        return new LadderView(l.id(), e.partnerType, l.version(), e.effectiveFrom, e.createdAt, e.createdBy, baseCurrency(),
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
