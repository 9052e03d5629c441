package io.partnerflow.attribution.application;

import io.partnerflow.attribution.persistence.AttributionModelEntity;
import io.partnerflow.contracts.EventJson;
import io.partnerflow.core.ids.NameBasedIds;
import io.partnerflow.platform.problem.Problem;
import io.partnerflow.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Models as versioned, effective-dated data: a change is a new version, never an edit; every change is audited. */
@ApplicationScoped
public class ModelCatalog {
    private final Clock clock;

    public ModelCatalog(Clock clock) {
        this.clock = clock;
    }

    public record ModelVersion(UUID id, String name, int version, Instant effectiveFrom, ModelConfig config,
                               String createdBy, Instant createdAt) {
    }

    public Uni<ModelVersion> publish(String name, Instant effectiveFrom, ModelConfig config, String actor) {
        List<String> problems = config.toSpec().problems();
        if (!problems.isEmpty()) {
            throw new ProblemException(422, "Unprocessable Content", "the model is not valid",
                    "urn:partnerflow:problem:invalid-model",
                    problems.stream().map(p -> new Problem.FieldError("config", p)).toList());
        }
        Instant now = clock.instant();
        return Panache.withTransaction(() -> AttributionModelEntity.latestVersion(name).chain(latest -> {
            AttributionModelEntity m = new AttributionModelEntity();
            // from the model's natural key: the same configuration gives the same ids in any database (replays)
            m.id = NameBasedIds.of("attribution.model", name, String.valueOf(latest + 1));
            m.name = name;
            m.version = latest + 1;
            m.kind = config.kind().name();
            m.spec = EventJson.writeString(config);
            m.effectiveFrom = effectiveFrom == null ? now : effectiveFrom;
            m.createdBy = actor;
            m.createdAt = now;
            return m.persist().chain(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                            "insert into config_audit (entity, entity_id, actor, at, before, after) values ('attribution_model', ?1, ?2, ?3, null, ?4)")
                    .setParameter(1, name + "@" + m.version).setParameter(2, actor)
                    .setParameter(3, java.time.OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC))
                    .setParameter(4, m.spec).executeUpdate())).map(x -> view(m));
        }));
    }

    public Uni<List<ModelVersion>> list() {
        return Panache.withSession(() -> AttributionModelEntity.<AttributionModelEntity>listAll(
                Sort.by("name").and("version")).map(l -> l.stream().map(ModelCatalog::view).toList()));
    }

    static ModelVersion view(AttributionModelEntity m) {
        return new ModelVersion(m.id, m.name, m.version, m.effectiveFrom, EventJson.readString(m.spec, ModelConfig.class),
                m.createdBy, m.createdAt);
    }
}
