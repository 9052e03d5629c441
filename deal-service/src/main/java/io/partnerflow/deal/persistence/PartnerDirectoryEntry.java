package io.partnerflow.deal.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/** deal-service's projection of one partner; {@code revision} counts the partner events applied to it. */
@Entity
@Table(name = "partner_directory")
public class PartnerDirectoryEntry extends PanacheEntityBase {
    @Id
    @Column(name = "partner_id")
    public UUID partnerId;
    @Column(nullable = false)
    public String name;
    @Column(nullable = false)
    public String type;
    @Column(nullable = false)
    public String status;
    public String country;
    @Column(name = "payout_currency")
    public String payoutCurrency;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "web_domains", nullable = false)
    public String[] webDomains = new String[0];
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "crm_accounts", nullable = false)
    public String[] crmAccounts = new String[0];
    @Column(name = "registration_protection_days")
    public Integer registrationProtectionDays;
    @Column(nullable = false)
    public int revision;
    @Column(name = "last_event_id", nullable = false)
    public String lastEventId;
    @Column(name = "last_event_time")
    public Instant lastEventTime;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
