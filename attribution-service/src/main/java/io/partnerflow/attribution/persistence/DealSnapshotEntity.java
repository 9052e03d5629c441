package io.partnerflow.attribution.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A closed-won snapshot as received (the full {@code deal.closed-won} data), per deal revision. */
@Entity
@Table(name = "deal_snapshot")
@IdClass(DealSnapshotEntity.Key.class)
public class DealSnapshotEntity extends PanacheEntityBase {
    @Id
    @Column(name = "deal_id")
    public String dealId;
    @Id
    public long revision;
    @Column(name = "closed_at", nullable = false)
    public Instant closedAt;
    @Column(nullable = false)
    public String payload;
    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    public static class Key implements Serializable {
        public String dealId;
        public long revision;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && revision == k.revision && Objects.equals(dealId, k.dealId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(dealId, revision);
        }
    }
}
