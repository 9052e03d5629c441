package io.partnerflow.deal.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A raw CRM delivery as consumed from crm.webhooks, kept for replay, with what applying it did. */
@Entity
@Table(name = "crm_delivery")
public class CrmDeliveryEntity extends PanacheEntityBase {
    @Id
    @Column(name = "delivery_id")
    public String deliveryId;
    @Column(nullable = false)
    public String source;
    @Column(name = "source_account")
    public String sourceAccount;
    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;
    /** The raw delivery (CrmDeliveryReceived JSON); null once the retention job purged it. */
    public String payload;
    @Column(nullable = false)
    public String status;
    public String outcome;
    @Column(nullable = false)
    public int applications;
    @Column(name = "last_applied_at", nullable = false)
    public Instant lastAppliedAt;
    /** When the retention job removed the payload; null while it is kept. */
    @Column(name = "purged_at")
    public Instant purgedAt;
}
