package io.partnerflow.deal.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A deal as deal-service knows it (lines as JSON text, in the contract's line shape). */
@Entity
@Table(name = "deal")
public class DealEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "crm_system", nullable = false)
    public String crmSystem;
    @Column(name = "crm_deal_id", nullable = false)
    public String crmDealId;
    @Column(name = "crm_version", nullable = false)
    public long crmVersion;
    @Column(nullable = false)
    public long revision;
    @Column(nullable = false)
    public String name;
    @Column(name = "customer_crm_account_id")
    public String customerCrmAccountId;
    @Column(name = "customer_name", nullable = false)
    public String customerName;
    @Column(name = "customer_domain")
    public String customerDomain;
    @Column(name = "customer_root_domain")
    public String customerRootDomain;
    @Column(name = "customer_country", nullable = false)
    public String customerCountry;
    @Column(nullable = false)
    public String currency;
    @Column(nullable = false)
    public BigDecimal amount;
    @Column(nullable = false)
    public String lines;
    @Column(nullable = false)
    public String stage;
    @Column(nullable = false)
    public String status;
    @Column(name = "deal_type", nullable = false)
    public String dealType;
    public BigDecimal probability;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "closed_at")
    public Instant closedAt;
    @Column(name = "expected_close_date")
    public LocalDate expectedCloseDate;
    @Column(name = "registration_id")
    public UUID registrationId;
    @Column(name = "won_revision")
    public Long wonRevision;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
