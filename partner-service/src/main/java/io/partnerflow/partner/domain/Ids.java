package io.partnerflow.partner.domain;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Name-based ids from natural keys, so a retry produces the same id (DESIGN.md "Idempotent ids"). */
public final class Ids {
    private Ids() {
    }

    public static UUID nameBased(String... parts) {
        return UUID.nameUUIDFromBytes(String.join("|", parts).getBytes(StandardCharsets.UTF_8));
    }
}
