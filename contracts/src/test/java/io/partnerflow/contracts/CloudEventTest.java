package io.partnerflow.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import io.partnerflow.contracts.deal.DealClosedWon;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CloudEventTest {
    private static final Instant CLOSED = Instant.parse("2025-06-27T15:42:10Z");

    private static DealClosedWon won() {
        return EventJson.read(Resources.sample(EventType.DEAL_CLOSED_WON), DealClosedWon.class);
    }

    @Test
    void binaryModeHeadersCarryTheAttributes() {
        CloudEvent<DealClosedWon> e = CloudEvent.of("6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
                Services.source(Services.DEAL), CLOSED, won());
        assertEquals(Map.of(
                "ce_id", "6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
                "ce_type", "partnerflow.deal.closed-won.v1",
                "ce_source", "/partnerflow/deal-service",
                "ce_time", "2025-06-27T15:42:10Z",
                "ce_subject", "5d0e9b3a-8c21-4f7e-a6d4-0b9c3e2f1a77",
                "ce_specversion", "1.0",
                "content-type", "application/json"), e.binaryHeaders());
        assertEquals(EventType.DEAL_CLOSED_WON, e.eventType().orElseThrow());
    }

    @Test
    void readsBackFromHeadersAndValue() {
        CloudEvent<DealClosedWon> sent = CloudEvent.of("6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f", "/partnerflow/deal-service",
                CLOSED, won());
        Map<String, String> headers = new HashMap<>(sent.binaryHeaders());
        headers.put(CloudEvent.HEADER_TRACEPARENT, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        CloudEvent<String> received = CloudEvent.fromBinary(headers, EventJson.writeString(sent.data()));
        assertEquals(sent.id(), received.id());
        assertEquals(sent.time(), received.time());
        assertEquals(sent.subject(), received.subject());
        CloudEvent<Object> parsed = received.withData(EventJson.read(received.type(), received.data()));
        assertEquals(sent, parsed);
    }

    @Test
    void structuredJsonFormHasSpecVersionAndData() {
        JsonNode json = EventJson.readTree(EventJson.writeString(CloudEvent.of("6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f", "/partnerflow/deal-service",
                CLOSED, won())));
        assertEquals("1.0", json.get("specversion").asText());
        assertEquals("2025-06-27T15:42:10Z", json.get("time").asText());
        assertEquals(EventJson.readTree(Resources.sample(EventType.DEAL_CLOSED_WON)), json.get("data"));
    }

    @Test
    void refusesIncompleteOrForeignEvents() {
        assertThrows(IllegalArgumentException.class, () -> CloudEvent.fromBinary(Map.of("ce_type", "x", "ce_source", "/s"), "{}"));
        assertThrows(IllegalArgumentException.class, () -> CloudEvent.fromBinary(
                Map.of("ce_id", "1", "ce_type", "x", "ce_source", "/s", "ce_time", "yesterday"), "{}"));
        assertThrows(IllegalArgumentException.class, () -> CloudEvent.fromBinary(
                Map.of("ce_id", "1", "ce_type", "x", "ce_source", "/s", "ce_specversion", "0.3"), "{}"));
        assertEquals("1.0", CloudEvent.fromBinary(Map.of("ce_id", "1", "ce_type", "x", "ce_source", "/s"), "{}").specversion());
        assertTrue(CloudEvent.fromBinary(Map.of("ce_id", "1", "ce_type", "x", "ce_source", "/s"), "{}").eventType().isEmpty());
    }
}
