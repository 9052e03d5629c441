package io.partnerflow.partner.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** One version of the tier ladder; {@code definition} is the JSON of the domain ladder. */
@Entity
@Table(name = "tier_ladder_version")
@IdClass(TierLadderVersionEntity.Key.class)
public class TierLadderVersionEntity extends PanacheEntityBase {
    @Id
    @Column(name = "ladder_id")
    public UUID ladderId;
    @Id
    public int version;
    @Column(nullable = false)
    public String definition;
    @Column(name = "effective_from", nullable = false)
    public Instant effectiveFrom;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "created_by", nullable = false)
    public String createdBy;
    /** The partner type the ladder applies to (lower case); null = the default ladder. */
    @Column(name = "partner_type")
    public String partnerType;

    public static class Key implements Serializable {
        public UUID ladderId;
        public int version;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(ladderId, k.ladderId) && version == k.version;
        }

        @Override
        public int hashCode() {
            return Objects.hash(ladderId, version);
        }
    }
}
