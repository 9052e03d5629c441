package io.partnerflow.platform.input;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The strict reading rules, on a mapper configured like Quarkus' (java.time, Jdk8, parameter names, unknown ignored). */
class StrictJsonTest {
    enum Kind { RESELLER, REFERRAL }

    record Money(BigDecimal amount, String currency) {
    }

    record Line(String sku, int quantity, Money amount) {
    }

    record Body(String name, Kind kind, int count, Integer limit, long big, boolean active, Boolean flag, double ratio,
                Instant at, LocalDate day, YearMonth month, Duration window, UUID id, List<Line> lines,
                List<String> tags, Map<String, String> labels) {
    }

    private final ObjectMapper mapper = StrictJson.apply(new ObjectMapper()
            .registerModule(new JavaTimeModule()).registerModule(new Jdk8Module()).registerModule(new ParameterNamesModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));

    private Body read(String json) throws JsonProcessingException {
        return mapper.readValue(json, Body.class);
    }

    private JsonMappingException refused(String json) {
        return assertThrows(JsonMappingException.class, () -> read(json), json);
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("");
    }

    @Test
    void aWellFormedBodyWithMoneyAsDecimalStringsIsAccepted() throws Exception {
        Body b = read("""
                {"name":"Northwind\\tGmbH\\nline two\\r","kind":"RESELLER","count":3,"limit":null,"big":9007199254740993,
                 "active":true,"flag":false,"ratio":0.25,"at":"2026-12-04T10:15:30Z","day":"2026-12-04","month":"2026-12",
                 "window":"PT24H","id":"7d3c5c1e-6f5b-4d0c-9c57-3f1f7d2f8a11",
                 "lines":[{"sku":"A-1","quantity":2,"amount":{"amount":"12.34","currency":"EUR"}}],
                 "tags":["x"],"labels":{"k":"v"},"unknownField":{"ignored":[1,2,3]}}   \n""");
        assertEquals(new BigDecimal("12.34"), b.lines().get(0).amount().amount());
        assertEquals("Northwind\tGmbH\nline two\r", b.name());
        assertEquals(Instant.parse("2026-12-04T10:15:30Z"), b.at());
        assertEquals(LocalDate.of(2026, 12, 4), b.day());
        assertNull(b.limit());
    }

    @Test
    void decimalStringsAndJsonNumbersBothReadIntoBigDecimal() throws Exception {
        assertEquals(new BigDecimal("0.10"), mapper.readValue("{\"amount\":\"0.10\"}", Money.class).amount());
        assertEquals(new BigDecimal("7"), mapper.readValue("{\"amount\":7}", Money.class).amount());
    }

    @Test
    void nestingDeeperThanTheLimitIsRefusedByTheParserBeforeAnyBinding() throws Exception {
        String deep = "[".repeat(900) + "]".repeat(900);
        assertThrows(com.fasterxml.jackson.core.exc.StreamConstraintsException.class,
                () -> mapper.readValue("{\"anything\":" + deep + "}", Object.class));
        String atLimit = "[".repeat(StrictJson.MAX_NESTING_DEPTH - 1) + "]".repeat(StrictJson.MAX_NESTING_DEPTH - 1);
        mapper.readValue("{\"anything\":" + atLimit + "}", Object.class);
    }

    @Test
    void trailingGarbageAfterTheValueIsRefused() {
        assertThrows(JsonProcessingException.class, () -> read("{\"name\":\"a\"} xyz"));
        assertThrows(MismatchedInputException.class, () -> read("{\"name\":\"a\"}{}"));
        assertThrows(JsonProcessingException.class, () -> read("{\"name\":\"a\"},"));
    }

    @Test
    void numbersAndBooleansAreNotTurnedIntoStrings() {
        assertEquals("name", path(refused("{\"name\":42}")));
        assertEquals("name", path(refused("{\"name\":1.5}")));
        assertEquals("name", path(refused("{\"name\":true}")));
        assertEquals("lines[0].sku", path(refused("{\"lines\":[{\"sku\":7}]}")));
        assertEquals("tags[1]", path(refused("{\"tags\":[\"a\",false]}")));
        assertEquals("labels.k", path(refused("{\"labels\":{\"k\":3}}")));
        assertEquals("lines[0].amount.currency", path(refused("{\"lines\":[{\"amount\":{\"amount\":\"1.00\",\"currency\":978}}]}")));
    }

    @Test
    void integersRefuseFractionsStringsAndBooleans() {
        assertEquals("count", path(refused("{\"count\":1.5}")));
        assertEquals("count", path(refused("{\"count\":\"3\"}")));
        assertEquals("count", path(refused("{\"count\":true}")));
        assertEquals("limit", path(refused("{\"limit\":\"\"}")));
        assertEquals("big", path(refused("{\"big\":18446744073709551623}")));
        assertEquals("count", path(refused("{\"count\":1e308}")));
    }

    @Test
    void booleansAreOnlyTrueOrFalse() {
        assertEquals("active", path(refused("{\"active\":1}")));
        assertEquals("active", path(refused("{\"active\":\"true\"}")));
        assertEquals("flag", path(refused("{\"flag\":\"\"}")));
    }

    @Test
    void numbersArraysAndBlankStringsAreNeverDates() {
        assertEquals("at", path(refused("{\"at\":20261204}")));
        assertEquals("at", path(refused("{\"at\":1e308}")));
        assertEquals("at", path(refused("{\"at\":\"\"}")));
        assertEquals("day", path(refused("{\"day\":20261204}")));
        assertEquals("day", path(refused("{\"day\":[2026,12,4]}")));
        assertEquals("month", path(refused("{\"month\":202612}")));
        assertEquals("window", path(refused("{\"window\":86400}")));
        JsonMappingException e = refused("{\"day\":20261204}");
        assertTrue(e.getOriginalMessage().contains("ISO-8601"), e.getOriginalMessage());
    }

    @Test
    void unknownEnumValuesNumbersAndEmptyStringsAreRefused() {
        assertEquals("kind", path(refused("{\"kind\":\"PLATINUM_RESELLER\"}")));
        assertEquals("kind", path(refused("{\"kind\":0}")));
        assertEquals("kind", path(refused("{\"kind\":\"\"}")));
        assertEquals("kind", path(refused("{\"kind\":\"reseller\"}")));
    }

    @Test
    void anAbsentPrimitiveStillMeansZeroOrFalse() throws Exception {
        Body b = read("{\"name\":\"x\"}");
        assertEquals(0, b.count());
        assertEquals(false, b.active());
        assertNull(b.flag());
    }

    @Test
    void nullForAPrimitiveIsRefused() {
        assertEquals("count", path(refused("{\"count\":null}")));
        assertEquals("active", path(refused("{\"active\":null}")));
        assertEquals("ratio", path(refused("{\"ratio\":null}")));
        assertEquals("lines[0].quantity", path(refused("{\"lines\":[{\"quantity\":null}]}")));
    }

    @Test
    void controlCharactersInStringsAndKeysAreRefusedTabNewlineAndReturnAreNot() {
        assertEquals("name", path(refused("{\"name\":\"a\\u0000b\"}")));
        assertEquals("name", path(refused("{\"name\":\"esc\\u001b[31m\"}")));
        assertEquals("name", path(refused("{\"name\":\"del\\u007f\"}")));
        assertEquals("name", path(refused("{\"name\":\"c1\\u0085\"}")));
        assertEquals("name", path(refused("{\"name\":\"half \\ud800 surrogate\"}")));
        assertEquals("tags[0]", path(refused("{\"tags\":[\"\\u0000\"]}")));
        assertEquals("lines[0].sku", path(refused("{\"lines\":[{\"sku\":\"\\u0001\"}]}")));
        JsonMappingException key = refused("{\"labels\":{\"k\\u0000\":\"v\"}}");
        assertTrue(path(key).startsWith("labels"), path(key));
        JsonMappingException nul = refused("{\"name\":\"a\\u0000b\"}");
        assertTrue(nul.getOriginalMessage().contains("control characters (U+0000 at index 1)"), nul.getOriginalMessage());
    }

    @Test
    void emojiAndOtherPairedSurrogatesAreText() throws Exception {
        assertEquals("Café 🚀", read("{\"name\":\"Caf\\u00e9 \\ud83d\\ude80\"}").name());
    }

    @Test
    void aStringIsNotAnObjectOrAList() {
        assertEquals("lines[0]", path(refused("{\"lines\":[\"x\"]}")));
        assertEquals("tags", path(refused("{\"tags\":\"x\"}")));
        assertEquals("lines", path(refused("{\"lines\":\"\"}")));
    }
}
