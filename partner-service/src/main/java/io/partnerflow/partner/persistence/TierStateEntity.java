package io.partnerflow.partner.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** Where a partner stands on the ladder; locked FOR UPDATE while it is evaluated or overridden. */
@Entity
@Table(name = "partner_tier_state")
public class TierStateEntity extends PanacheEntityBase {
    @Id
    @Column(name = "partner_id")
    public UUID partnerId;
    @Column(name = "tier_code")
    public String tierCode;
    @Column(name = "ladder_version")
    public Integer ladderVersion;
    /** The ladder {@link #ladderVersion} belongs to (null on rows written before several ladders: the default one). */
    @Column(name = "ladder_id")
    public UUID ladderId;
    @Column(name = "failing_since")
    public LocalDate failingSince;
    @Column(name = "override_tier_code")
    public String overrideTierCode;
    @Column(name = "override_reason")
    public String overrideReason;
    @Column(name = "override_expires_at")
    public Instant overrideExpiresAt;
    @Column(name = "override_by")
    public String overrideBy;
    @Column(name = "last_effective_at")
    public Instant lastEffectiveAt;
    @Column(name = "history_seq", nullable = false)
    public int historySeq;
    @Column(name = "last_evaluated_at")
    public Instant lastEvaluatedAt;
    @Column(name = "last_as_of")
    public LocalDate lastAsOf;
    @Column(name = "evaluation_status")
    public String evaluationStatus;
    @Column(name = "evaluation_note")
    public String evaluationNote;
}
