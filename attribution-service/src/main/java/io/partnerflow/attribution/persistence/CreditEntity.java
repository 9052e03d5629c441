package io.partnerflow.attribution.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One partner's signed credit entry: from an attribution (kind attributed) or a reversal (kind reversed). */
@Entity
@Table(name = "attribution_credit")
public class CreditEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "attribution_id", nullable = false)
    public UUID attributionId;
    @Column(name = "entry_id", nullable = false)
    public UUID entryId;
    @Column(name = "entry_kind", nullable = false)
    public String entryKind;
    @Column(name = "deal_id", nullable = false)
    public String dealId;
    @Column(name = "partner_id", nullable = false)
    public String partnerId;
    @Column(nullable = false)
    public String role;
    public BigDecimal weight;
    @Column(nullable = false)
    public BigDecimal amount;
    @Column(nullable = false)
    public String currency;
    @Column(name = "closed_at", nullable = false)
    public Instant closedAt;
    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;
}
