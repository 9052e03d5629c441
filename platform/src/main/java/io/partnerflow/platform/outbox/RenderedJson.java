package io.partnerflow.platform.outbox;

import java.util.Objects;

/**
 * Event data already written as JSON text by {@code EventJson} — given as an {@link OutboxEvent}'s data when the same
 * text is also stored in a row of the service's own (an earning, an attribution), so the document is serialised once
 * per event, not once per copy (issue #16). The outbox stores the text as it is.
 */
public record RenderedJson(String text) {
    public RenderedJson {
        Objects.requireNonNull(text, "text");
    }
}
