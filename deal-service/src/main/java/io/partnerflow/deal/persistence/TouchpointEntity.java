package io.partnerflow.deal.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A partner touchpoint on a deal (by CRM deal reference, so it may arrive before its deal). */
@Entity
@Table(name = "touchpoint")
public class TouchpointEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "crm_system", nullable = false)
    public String crmSystem;
    @Column(name = "crm_deal_id", nullable = false)
    public String crmDealId;
    @Column(name = "external_id")
    public String externalId;
    @Column(name = "crm_version")
    public Long crmVersion;
    @Column(name = "partner_ref", nullable = false)
    public String partnerRef;
    @Column(name = "partner_id")
    public UUID partnerId;
    @Column(name = "touch_type", nullable = false)
    public String touchType;
    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;
    public String evidence;
    @Column(nullable = false)
    public String source;
    @Column(name = "registration_id")
    public UUID registrationId;
    @Column(nullable = false)
    public boolean removed;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
