package io.partnerflow.partner.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "tier_ladder_audit")
public class TierLadderAuditEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "ladder_id", nullable = false)
    public UUID ladderId;
    @Column(nullable = false)
    public int version;
    @Column(name = "changed_by", nullable = false)
    public String changedBy;
    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;
    @Column(name = "before_json")
    public String beforeJson;
    @Column(name = "after_json", nullable = false)
    public String afterJson;
    @Column(name = "partner_type")
    public String partnerType;
}
