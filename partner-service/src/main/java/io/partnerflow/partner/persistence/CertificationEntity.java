package io.partnerflow.partner.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

@Entity
@Table(name = "partner_certification")
public class CertificationEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "partner_id", nullable = false)
    public UUID partnerId;
    @Column(name = "person_id", nullable = false)
    public String personId;
    @Column(name = "person_name")
    public String personName;
    @Column(name = "certification_code", nullable = false)
    public String certificationCode;
    @Column(name = "certification_name", nullable = false)
    public String certificationName;
    public String level;
    @Column(name = "completed_at", nullable = false)
    public Instant completedAt;
    @Column(name = "completed_on", nullable = false)
    public LocalDate completedOn;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(nullable = false)
    public String source;
    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;
    @Column(name = "recorded_by", nullable = false)
    public String recordedBy;
}
