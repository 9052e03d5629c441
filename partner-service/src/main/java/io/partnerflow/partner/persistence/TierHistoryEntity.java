package io.partnerflow.partner.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One entry of the effective-dated tier history (append-only). metrics/benefits: the event's JSON arrays. */
@Entity
@Table(name = "partner_tier_history")
public class TierHistoryEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "partner_id", nullable = false)
    public UUID partnerId;
    @Column(nullable = false)
    public int seq;
    @Column(name = "from_code")
    public String fromCode;
    @Column(name = "from_name")
    public String fromName;
    @Column(name = "from_rank")
    public Integer fromRank;
    @Column(name = "to_code", nullable = false)
    public String toCode;
    @Column(name = "to_name", nullable = false)
    public String toName;
    @Column(name = "to_rank", nullable = false)
    public int toRank;
    @Column(name = "effective_at", nullable = false)
    public Instant effectiveAt;
    @Column(name = "decided_at", nullable = false)
    public Instant decidedAt;
    @Column(nullable = false)
    public String reason;
    public String note;
    @Column(name = "decided_by", nullable = false)
    public String decidedBy;
    @Column(name = "ladder_id", nullable = false)
    public UUID ladderId;
    @Column(name = "ladder_version", nullable = false)
    public int ladderVersion;
    @Column(nullable = false)
    public String metrics;
    @Column(nullable = false)
    public String benefits;
}
