package io.partnerflow.attribution.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "model_selection_rule")
public class SelectionRuleEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(nullable = false)
    public int priority;
    @Column(name = "deal_type")
    public String dealType;
    @Column(name = "product_category")
    public String productCategory;
    public String country;
    @Column(name = "min_amount")
    public BigDecimal minAmount;
    @Column(name = "max_amount")
    public BigDecimal maxAmount;
    @Column(name = "amount_currency")
    public String amountCurrency;
    @Column(name = "model_name", nullable = false)
    public String modelName;
    @Column(name = "created_by", nullable = false)
    public String createdBy;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
