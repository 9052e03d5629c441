package io.partnerflow.partner.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A promotion waiting for approval: pending → approved | rejected | superseded | withdrawn. */
@Entity
@Table(name = "tier_proposal")
public class TierProposalEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "partner_id", nullable = false)
    public UUID partnerId;
    @Column(name = "from_code")
    public String fromCode;
    @Column(name = "to_code", nullable = false)
    public String toCode;
    @Column(name = "to_rank", nullable = false)
    public int toRank;
    @Column(name = "effective_at", nullable = false)
    public Instant effectiveAt;
    @Column(name = "proposed_at", nullable = false)
    public Instant proposedAt;
    @Column(name = "ladder_id", nullable = false)
    public UUID ladderId;
    @Column(name = "ladder_version", nullable = false)
    public int ladderVersion;
    @Column(nullable = false)
    public String metrics;
    @Column(nullable = false)
    public String status;
    @Column(name = "decided_by")
    public String decidedBy;
    @Column(name = "decided_at")
    public Instant decidedAt;
    @Column(name = "decision_note")
    public String decisionNote;
}
