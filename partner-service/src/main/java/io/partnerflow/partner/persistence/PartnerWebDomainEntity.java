package io.partnerflow.partner.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/** Primary key = the normalised domain: the database itself refuses a domain claimed twice. */
@Entity
@Table(name = "partner_web_domain")
public class PartnerWebDomainEntity extends PanacheEntityBase {
    @Id
    public String domain;
    @Column(name = "partner_id", nullable = false)
    public UUID partnerId;

    public PartnerWebDomainEntity() {
    }

    public PartnerWebDomainEntity(String domain, UUID partnerId) {
        this.domain = domain;
        this.partnerId = partnerId;
    }
}
