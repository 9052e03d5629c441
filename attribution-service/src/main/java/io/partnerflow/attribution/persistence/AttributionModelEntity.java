package io.partnerflow.attribution.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "attribution_model")
public class AttributionModelEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(nullable = false)
    public String name;
    @Column(nullable = false)
    public int version;
    @Column(nullable = false)
    public String kind;
    @Column(nullable = false)
    public String spec;
    @Column(name = "effective_from", nullable = false)
    public Instant effectiveFrom;
    @Column(name = "created_by", nullable = false)
    public String createdBy;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The version of {@code name} in effect at {@code at}: latest effectiveFrom ≤ at, then highest version. */
    public static Uni<AttributionModelEntity> inEffect(String name, Instant at) {
        return find("name = ?1 and effectiveFrom <= ?2 order by effectiveFrom desc, version desc", name, at).firstResult();
    }

    public static Uni<Integer> latestVersion(String name) {
        return find("select max(version) from AttributionModelEntity where name = ?1", name)
                .project(Integer.class).firstResult().map(v -> v == null ? 0 : v);
    }
}
