package io.partnerflow.partner.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** Primary key = (system, account id): the database itself refuses a CRM account claimed twice. */
@Entity
@Table(name = "partner_crm_account")
@IdClass(PartnerCrmAccountEntity.Key.class)
public class PartnerCrmAccountEntity extends PanacheEntityBase {
    @Id
    public String system;
    @Id
    @Column(name = "account_id")
    public String accountId;
    @Column(name = "partner_id", nullable = false)
    public UUID partnerId;

    public PartnerCrmAccountEntity() {
    }

    public PartnerCrmAccountEntity(String system, String accountId, UUID partnerId) {
        this.system = system;
        this.accountId = accountId;
        this.partnerId = partnerId;
    }

    public static class Key implements Serializable {
        public String system;
        public String accountId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(system, k.system) && Objects.equals(accountId, k.accountId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(system, accountId);
        }
    }
}
