package io.partnerflow.deal.domain;

import java.util.Locale;
import java.util.UUID;

/**
 * How a touchpoint names its partner: by Partnerflow id, or by the partner's account in a CRM
 * ({@code system} + {@code accountId}, as listed in the partner's {@code crmAccounts}).
 */
public record PartnerRef(UUID partnerId, String system, String accountId) {
    public static PartnerRef of(String partnerId, String system, String accountId) {
        if (partnerId != null && !partnerId.isBlank()) {
            try {
                return new PartnerRef(UUID.fromString(partnerId.trim()), null, null);
            } catch (IllegalArgumentException e) {
                throw InvalidCrmDataException.of("partnerId", "partnerId '" + partnerId + "' is not a UUID");
            }
        }
        if (accountId != null && !accountId.isBlank() && system != null) {
            return new PartnerRef(null, system.toLowerCase(Locale.ROOT), accountId.trim());
        }
        throw InvalidCrmDataException.of("partnerId", "a touchpoint needs its partner: a partnerId or a CRM account id");
    }

    /** Stored form: {@code id:<uuid>} or {@code crm:<system>:<accountId>}. */
    public String key() {
        return partnerId != null ? "id:" + partnerId : crmKey(system, accountId);
    }

    public static String crmKey(String system, String accountId) {
        return "crm:" + system.toLowerCase(Locale.ROOT) + ":" + accountId;
    }
}
