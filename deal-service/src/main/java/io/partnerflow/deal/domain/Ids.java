package io.partnerflow.deal.domain;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Name-based UUIDs from natural keys, so a redelivery or replay never mints a second id for the same thing. */
public final class Ids {
    private Ids() {
    }

    public static UUID of(String... parts) {
        return UUID.nameUUIDFromBytes(("partnerflow.deal-service|" + String.join("|", parts))
                .getBytes(StandardCharsets.UTF_8));
    }

    public static UUID deal(String crmSystem, String crmDealId) {
        return of("deal", crmSystem, crmDealId);
    }
}
