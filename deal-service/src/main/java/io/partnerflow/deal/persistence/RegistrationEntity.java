package io.partnerflow.deal.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A partner's deal registration. */
@Entity
@Table(name = "registration")
public class RegistrationEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "partner_id", nullable = false)
    public UUID partnerId;
    @Column(name = "customer_name", nullable = false)
    public String customerName;
    @Column(name = "customer_name_key", nullable = false)
    public String customerNameKey;
    @Column(name = "customer_domain")
    public String customerDomain;
    @Column(name = "customer_root_domain")
    public String customerRootDomain;
    @Column(name = "customer_country", nullable = false)
    public String customerCountry;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "product_categories", nullable = false)
    public String[] productCategories;
    @Column(name = "expected_amount")
    public BigDecimal expectedAmount;
    public String currency;
    @Column(name = "expected_close_date")
    public LocalDate expectedCloseDate;
    @Column(name = "deal_name")
    public String dealName;
    public String description;
    @Column(nullable = false)
    public String status;
    @Column(name = "submitted_by", nullable = false)
    public String submittedBy;
    @Column(name = "submitted_at", nullable = false)
    public Instant submittedAt;
    @Column(nullable = false)
    public String conflicts;
    @Column(name = "decided_by")
    public String decidedBy;
    @Column(name = "decided_at")
    public Instant decidedAt;
    @Column(name = "decision_note")
    public String decisionNote;
    @Column(name = "conflicting_registration_id")
    public UUID conflictingRegistrationId;
    @Column(name = "approved_at")
    public Instant approvedAt;
    @Column(name = "protected_until")
    public Instant protectedUntil;
    @Column(name = "deal_id")
    public UUID dealId;
    @Column(name = "converted_at")
    public Instant convertedAt;
    @Column(name = "ended_at")
    public Instant endedAt;
}
