package io.partnerflow.attribution.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "attribution")
public class AttributionEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "deal_id", nullable = false)
    public String dealId;
    @Column(nullable = false)
    public long revision;
    @Column(name = "model_id")
    public UUID modelId;
    @Column(name = "model_name")
    public String modelName;
    @Column(name = "model_version")
    public Integer modelVersion;
    @Column(name = "closed_at", nullable = false)
    public Instant closedAt;
    @Column(nullable = false)
    public String currency;
    @Column(nullable = false)
    public BigDecimal amount;
    @Column(nullable = false)
    public boolean unattributed;
    @Column(nullable = false)
    public boolean active;
    public UUID supersedes;
    /** The published {@code deal.attributed} data (JSON). */
    @Column(nullable = false)
    public String payload;
    @Column(name = "attributed_at", nullable = false)
    public Instant attributedAt;

    public static Uni<AttributionEntity> activeFor(String dealId) {
        return find("dealId = ?1 and active = true", dealId).firstResult();
    }
}
