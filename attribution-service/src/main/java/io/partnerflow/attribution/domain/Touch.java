package io.partnerflow.attribution.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/** One partner touchpoint on a deal. Ordered by time, then touchpoint id (so ties are deterministic). */
public record Touch(String touchpointId, String partnerId, TouchType type, Instant at) {
    public static final Comparator<Touch> CHRONOLOGICAL =
            Comparator.comparing(Touch::at).thenComparing(Touch::touchpointId);

    public Touch {
        Objects.requireNonNull(touchpointId, "touchpointId");
        Objects.requireNonNull(partnerId, "partnerId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
    }
}
