package io.partnerflow.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;
import io.partnerflow.platform.input.StrictJson;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every Jackson / JAX-RS refusal answers a 4xx problem+json naming the field and the rule — never a bare "HTTP 400". */
class BodyProblemsTest {
    enum Kind { RESELLER, REFERRAL }

    record Line(String sku, int quantity, BigDecimal amount) {
    }

    record Body(String name, Kind kind, LocalDate cutoff, List<Line> lines) {
    }

    private final ProblemMappers mappers = new ProblemMappers();
    private final ObjectMapper mapper = StrictJson.apply(new ObjectMapper().registerModule(new JavaTimeModule())
            .registerModule(new ParameterNamesModule()).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));

    private Problem problemFor(String json) {
        JsonProcessingException e = assertThrows(JsonProcessingException.class, () -> mapper.readValue(json, Body.class));
        Response r = mappers.unreadable(e, null);
        assertEquals(400, r.getStatus());
        assertEquals(Problem.MEDIA_TYPE, r.getMediaType().toString());
        return (Problem) r.getEntity();
    }

    private static Problem.FieldError only(Problem p) {
        assertEquals(1, p.errors().size(), p.toString());
        return p.errors().get(0);
    }

    @Test
    void aNumberWhereADateGoesNamesTheFieldAndTheIsoRule() {
        Problem p = problemFor("{\"cutoff\": 20261204}");
        assertEquals("cutoff", only(p).field());
        assertTrue(only(p).message().contains("ISO-8601"), only(p).message());
        assertEquals("urn:partnerflow:problem:malformed-body", p.type());
    }

    @Test
    void anUnknownEnumValueListsTheAllowedOnes() {
        Problem p = problemFor("{\"kind\": \"GOLDEN\"}");
        assertEquals("kind", only(p).field());
        assertEquals("'GOLDEN' is not a valid Kind (one of [RESELLER, REFERRAL])", only(p).message());
    }

    @Test
    void aNestedValueIsNamedByItsJsonPath() {
        Problem p = problemFor("{\"lines\": [{\"sku\": \"a\"}, {\"quantity\": 1.5}]}");
        assertEquals("lines[1].quantity", only(p).field());
        Problem nul = problemFor("{\"lines\": [{\"quantity\": null}]}");
        assertEquals("lines[0].quantity", only(nul).field());
        assertEquals("must not be null", only(nul).message());
    }

    @Test
    void aNulByteIsNamedAndNotEchoedRaw() {
        Problem p = problemFor("{\"name\": \"ab\\u0000c\"}");
        assertEquals("name", only(p).field());
        assertTrue(only(p).message().contains("control characters (U+0000 at index 2)"), only(p).message());
        assertFalse(p.toString().contains("\u0000"));
    }

    @Test
    void trailingGarbageSaysSo() {
        Problem p = problemFor("{\"name\": \"a\"} {\"name\": \"b\"}");
        assertEquals("nothing may follow the JSON value", only(p).message());
        assertTrue(p.detail().contains("exactly one JSON value"), p.detail());
        Problem word = problemFor("{\"name\": \"a\"} garbage");
        assertTrue(word.detail().startsWith("the request body is not well-formed JSON"), word.detail());
    }

    @Test
    void brokenJsonSaysWhereItBroke() {
        Problem p = problemFor("{\"lines\": [{\"sku\": tru}]}");
        assertTrue(p.detail().startsWith("the request body is not well-formed JSON (line 1, column"), p.detail());
        assertEquals("lines[0]", only(p).field());
    }

    @Test
    void aNumberBeyondTheTargetTypeNamesTheField() {
        Problem p = problemFor("{\"lines\": [{\"quantity\": 18446744073709551623}]}");
        assertEquals("lines[0].quantity", only(p).field());
        assertTrue(only(p).message().contains("out of range of int"), only(p).message());
    }

    @Test
    void nestingBeyondTheParserLimitIsA400NotAStackOverflow() {
        Problem p = problemFor("{\"lines\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}");
        assertTrue(p.detail().contains("size limit") || p.detail().contains("not valid"), p.detail());
    }

    @Test
    void aReaderWrappedParseErrorIsMappedLikeTheParseErrorNotAsBareHttp400() {
        JsonProcessingException cause = assertThrows(JsonProcessingException.class, () -> mapper.readValue("{", Body.class));
        Response r = mappers.web(new WebApplicationException(cause, Response.Status.BAD_REQUEST), null, null, null);
        Problem p = (Problem) r.getEntity();
        assertEquals(400, r.getStatus());
        assertEquals("urn:partnerflow:problem:malformed-body", p.type());
        assertFalse(p.detail().contains("HTTP 400"), p.detail());
    }

    @Test
    void aBareBadRequestGetsAMeaningfulDetail() {
        Problem p = (Problem) mappers.web(new BadRequestException(), null, null, null).getEntity();
        assertFalse(p.detail().startsWith("HTTP 400"), p.detail());
        assertEquals(400, p.status());
    }

    @Test
    void notFoundNotAllowedNotAcceptableAndUnsupportedAreProblems() {
        Response nf = mappers.web(new NotFoundException(), null, null, null);
        assertEquals(404, nf.getStatus());
        assertEquals(Problem.MEDIA_TYPE, nf.getMediaType().toString());
        assertEquals("no such resource", ((Problem) nf.getEntity()).detail());

        Response na = mappers.web(new NotAllowedException("GET", new String[]{"POST"}), null, null, null);
        assertEquals(405, na.getStatus());
        assertEquals(Problem.MEDIA_TYPE, na.getMediaType().toString());
        assertTrue(na.getHeaderString("Allow").contains("POST"), na.getHeaderString("Allow"));
        assertTrue(((Problem) na.getEntity()).detail().contains("allowed: [GET, POST]"), ((Problem) na.getEntity()).detail());

        assertEquals(406, mappers.web(new NotAcceptableException(), null, null, null).getStatus());
        Response us = mappers.web(new NotSupportedException(), null, null, null);
        assertEquals(415, us.getStatus());
        assertEquals(Problem.MEDIA_TYPE, us.getMediaType().toString());
        assertTrue(((Problem) us.getEntity()).detail().contains("send application/json"));
    }
}
