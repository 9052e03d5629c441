package io.partnerflow.core.money;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MoneyJsonTest {

    private final ObjectMapper mapper = new ObjectMapper();

    record Earning(String id, Money amount, List<Money> parts) {
    }

    @Test
    void writesExactlyAmountStringAndCurrency() throws Exception {
        assertEquals("{\"amount\":\"12.34\",\"currency\":\"EUR\"}", mapper.writeValueAsString(Money.of("12.34", "EUR")));
    }

    @ParameterizedTest
    @CsvSource({
            "12.3, EUR, 12.30",
            "0, EUR, 0.00",
            "-5, USD, -5.00",
            "1234, JPY, 1234",
            "1.5, BHD, 1.500",
            "1000000000000, KWD, 1000000000000.000",
    })
    void writesTheAmountAsADecimalStringAtTheCurrencyScale(String amount, String currency, String wire) throws Exception {
        assertEquals("{\"amount\":\"" + wire + "\",\"currency\":\"" + currency + "\"}",
                mapper.writeValueAsString(Money.of(amount, currency)));
    }

    @Test
    void writesNoOtherProperties() throws Exception {
        ObjectMapper eager = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        JsonNode node = eager.readTree(eager.writeValueAsString(Money.of("-1", "EUR")));
        assertEquals(List.of("amount", "currency"), iterable(node.fieldNames()));
        assertTrue(node.get("amount").isTextual());
    }

    @Test
    void roundTripsInsideOtherRecords() throws Exception {
        Earning earning = new Earning("e-1", Money.of("33.34", "EUR"),
                List.of(Money.of("1", "JPY"), Money.of("0.001", "BHD")));
        String json = mapper.writeValueAsString(earning);
        assertEquals("{\"id\":\"e-1\",\"amount\":{\"amount\":\"33.34\",\"currency\":\"EUR\"},\"parts\":["
                + "{\"amount\":\"1\",\"currency\":\"JPY\"},{\"amount\":\"0.001\",\"currency\":\"BHD\"}]}", json);
        assertEquals(earning, mapper.readValue(json, Earning.class));
    }

    @Test
    void readsFewerDecimalsThanTheScale() throws Exception {
        assertEquals(Money.of("12.30", "EUR"), read("{\"amount\":\"12.3\",\"currency\":\"EUR\"}"));
        assertEquals(Money.of("12.30", "EUR"), read("{\"currency\":\"EUR\",\"amount\":\"12.3\"}"));
    }

    @Test
    void ignoresUnknownFieldsLikeEveryConsumer() throws Exception {
        assertEquals(Money.of("1.00", "EUR"), read("{\"amount\":\"1.00\",\"currency\":\"EUR\",\"minor\":100}"));
    }

    @Test
    void refusesANumberAmount() {
        assertRefused("{\"amount\":12.34,\"currency\":\"EUR\"}", "must be a JSON string");
        assertRefused("{\"amount\":12,\"currency\":\"EUR\"}", "must be a JSON string");
        ObjectMapper bigDecimals = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        var e = assertThrows(JsonProcessingException.class,
                () -> bigDecimals.readValue("{\"amount\":12.34,\"currency\":\"EUR\"}", Money.class));
        assertInstanceOf(IllegalArgumentException.class, e.getCause());
    }

    @Test
    void refusesTooManyDecimals() {
        assertRefused("{\"amount\":\"12.345\",\"currency\":\"EUR\"}", "has 3 decimals; EUR allows at most 2");
        assertRefused("{\"amount\":\"12.340\",\"currency\":\"EUR\"}", "has 3 decimals; EUR allows at most 2");
        assertRefused("{\"amount\":\"1.5\",\"currency\":\"JPY\"}", "JPY allows at most 0");
    }

    @Test
    void refusesUnknownCurrencies() {
        assertRefused("{\"amount\":\"1.00\",\"currency\":\"XXX\"}", "XXX");
        assertRefused("{\"amount\":\"1.00\",\"currency\":\"eur\"}", "unknown ISO 4217 currency: eur");
        assertRefused("{\"amount\":\"1.00\",\"currency\":978}", "must be a JSON string");
    }

    @Test
    void refusesMissingOrMalformedParts() {
        assertRefused("{\"currency\":\"EUR\"}", "needs both");
        assertRefused("{\"amount\":\"1.00\"}", "needs both");
        assertRefused("{\"amount\":\"1e2\",\"currency\":\"EUR\"}", "not a plain decimal");
        assertRefused("{\"amount\":{\"v\":1},\"currency\":\"EUR\"}", "not an object");
    }

    private Money read(String json) throws JsonProcessingException {
        return mapper.readValue(json, Money.class);
    }

    private void assertRefused(String json, String reason) {
        var e = assertThrows(JsonProcessingException.class, () -> read(json));
        var cause = assertInstanceOf(IllegalArgumentException.class, e.getCause(), e.toString());
        assertTrue(cause.getMessage().contains(reason), cause.getMessage());
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> out = new java.util.ArrayList<>();
        names.forEachRemaining(out::add);
        return out;
    }
}
