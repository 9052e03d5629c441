package io.partnerflow.partner.persistence;

import io.partnerflow.partner.domain.PartnerStatus;
import io.partnerflow.partner.domain.PartnerType;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "partner")
public class PartnerEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(nullable = false)
    public String name;
    @Column(name = "legal_name")
    public String legalName;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PartnerType type;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PartnerStatus status;
    @Column(nullable = false)
    public String country;
    @Column(name = "payout_currency", nullable = false)
    public String payoutCurrency;
    @Column(name = "parent_partner_id")
    public UUID parentPartnerId;
    @Column(name = "contact_name")
    public String contactName;
    @Column(name = "contact_email")
    public String contactEmail;
    @Column(name = "contact_phone")
    public String contactPhone;
    @Column(nullable = false)
    public long revision;
    @Column(name = "tier_code")
    public String tierCode;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
    @Version
    public long version;
}
