package io.partnerflow.core.ids;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * Name-based (type 3) UUIDs from natural keys (DESIGN.md, "Idempotent ids"): the same natural key always gives
 * the same id, so redelivery or recomputation never duplicates. Parts are joined with {@code |} behind a
 * namespace (e.g. {@code "incentive.commission"}) so keys of different kinds can never collide.
 */
public final class NameBasedIds {
    private NameBasedIds() {
    }

    public static UUID of(String namespace, Object... parts) {
        Objects.requireNonNull(namespace, "namespace");
        StringBuilder key = new StringBuilder("partnerflow.").append(namespace);
        for (Object part : parts) {
            key.append('|').append(Objects.requireNonNull(part, "natural key part"));
        }
        return UUID.nameUUIDFromBytes(key.toString().getBytes(StandardCharsets.UTF_8));
    }
}
