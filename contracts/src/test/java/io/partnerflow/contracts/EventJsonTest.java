package io.partnerflow.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import io.partnerflow.contracts.partner.PartnerRegistered;
import io.partnerflow.contracts.reference.FxRatePublished;
import io.partnerflow.core.money.Money;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventJsonTest {

    @Test
    void decimalsAreWrittenAsPlainStringsKeepingTheirScale() {
        FxRatePublished fx = new FxRatePublished("EUR", "USD", LocalDate.of(2025, 6, 27), new BigDecimal("1.08420000"),
                "ecb", Instant.parse("2025-06-27T16:05:00Z"), null);
        JsonNode json = EventJson.readTree(EventJson.writeString(fx));
        assertTrue(json.get("rate").isTextual());
        assertEquals("1.08420000", json.get("rate").asText());
        assertEquals("2025-06-27", json.get("date").asText());
        assertEquals("2025-06-27T16:05:00Z", json.get("publishedAt").asText());
        assertFalse(json.has("publishedBy"), "absent optional fields are left out, not null");

        assertEquals("\"0.00000001\"", EventJson.writeString(new BigDecimal("1E-8")), "never exponent notation");
        assertEquals("{\"w\":\"1.00000000\"}", EventJson.writeString(Map.of("w", new BigDecimal("1.00000000"))),
                "even outside catalog records");
    }

    @Test
    void moneyTravelsAsAmountStringAndCurrency() {
        JsonNode json = EventJson.toTree(Money.of("70004.50", "EUR"));
        assertEquals("70004.50", json.get("amount").textValue());
        assertEquals("EUR", json.get("currency").textValue());
        assertEquals(2, json.size());
        assertEquals(Money.of("70004.50", "EUR"), EventJson.read("{\"amount\":\"70004.50\",\"currency\":\"EUR\"}", Money.class));
    }

    @Test
    void instantsAreIsoUtcStringsNeverEpochNumbers() {
        assertEquals("\"2025-06-27T15:42:10Z\"", EventJson.writeString(Instant.parse("2025-06-27T15:42:10Z")));
        assertEquals("\"2025-06-27T15:42:10.120Z\"", EventJson.writeString(Instant.parse("2025-06-27T15:42:10.12Z")));
        assertEquals(Instant.parse("2025-06-27T13:42:10Z"), EventJson.read("\"2025-06-27T15:42:10+02:00\"", Instant.class));
    }

    @Test
    void unknownFieldsAreIgnoredAndMissingListsReadAsEmpty() {
        PartnerRegistered p = EventJson.read("""
                {"partnerId":"c81d5e7f-2a94-4b3c-8f61-5e0a7d2b9c44","name":"Orbis","type":"msp","status":"active",
                 "country":"US","payoutCurrency":"USD","registeredAt":"2024-11-04T16:20:00Z",
                 "somethingNew":{"nested":[1,2,3]}}""", PartnerRegistered.class);
        assertEquals("Orbis", p.name());
        assertEquals(List.of(), p.webDomains());
        assertEquals(List.of(), p.crmAccounts());
    }

    @Test
    void readsByTypeStringThroughTheCatalog() {
        String json = Resources.sample(EventType.FX_RATE_PUBLISHED);
        Object data = EventJson.read("partnerflow.fx.rate-published.v1", json);
        assertEquals(FxRatePublished.class, data.getClass());
        assertEquals(new BigDecimal("1.0842"), ((FxRatePublished) data).rate());
        assertEquals(data, EventJson.read("partnerflow.fx.rate-published.v1", json, FxRatePublished.class));
        assertThrows(IllegalArgumentException.class, () -> EventJson.read("partnerflow.fx.rate-published.v9", json));
        assertThrows(IllegalArgumentException.class,
                () -> EventJson.read("partnerflow.fx.rate-published.v1", json, PartnerRegistered.class));
    }

    @Test
    void bytesAndStringsAgree() {
        Object data = EventJson.read(EventType.DEAL_CLOSED_WON.type(), Resources.sample(EventType.DEAL_CLOSED_WON));
        byte[] bytes = EventJson.writeBytes(data);
        assertEquals(EventJson.writeString(data), new String(bytes, StandardCharsets.UTF_8));
        assertEquals(data, EventJson.read(bytes, EventType.DEAL_CLOSED_WON.dataClass()));
    }

    @Test
    void unreadableDataIsAClearError() {
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> EventJson.read("{\"partnerId\": ", PartnerRegistered.class));
        assertTrue(e.getMessage().contains("PartnerRegistered"), e.getMessage());
        assertThrows(UncheckedIOException.class, () -> EventJson.read("{} trailing", PartnerRegistered.class));
        assertThrows(UncheckedIOException.class, () -> EventJson.read(
                "{\"amount\":\"1.234\",\"currency\":\"EUR\"}", Money.class), "more decimals than the currency has");
    }
}
