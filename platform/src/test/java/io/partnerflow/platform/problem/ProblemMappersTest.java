package io.partnerflow.platform.problem;

import io.vertx.pgclient.PgException;
import jakarta.ws.rs.core.Response;
import org.hibernate.HibernateException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ProblemMappersTest {
    private final ProblemMappers mappers = new ProblemMappers();

    @Test
    void aDatabaseOutageIsA503WithRetryAfterNotA500() {
        Response r = mappers.unexpected(new HibernateException("flush", new PgException("the database system is starting up",
                "FATAL", "57P03", null)), null);
        assertEquals(503, r.getStatus());
        assertEquals("5", r.getHeaderString("Retry-After"));
        assertEquals("urn:partnerflow:problem:unavailable", ((Problem) r.getEntity()).type());
    }

    /** A resource method's parameters, validated by the real Hibernate Validator. */
    static class Resource {
        public void list(@jakarta.validation.constraints.Min(1) @jakarta.validation.constraints.Max(1000) int limit) {
        }

        public void create(@jakarta.validation.Valid Body body) {
        }
    }

    record Body(@jakarta.validation.constraints.NotBlank String name) {
    }

    @Test
    void aParameterIsNamedByItselfAndABodyFieldByItsPath() throws Exception {
        try (jakarta.validation.ValidatorFactory f = jakarta.validation.Validation.buildDefaultValidatorFactory()) {
            var executables = f.getValidator().forExecutables();
            var limit = executables.validateParameters(new Resource(), Resource.class.getMethod("list", int.class),
                    new Object[] {-5});
            assertEquals("limit", ProblemMappers.field(limit.iterator().next()), "not 'list.limit'");
            var body = executables.validateParameters(new Resource(), Resource.class.getMethod("create", Body.class),
                    new Object[] {new Body(" ")});
            assertEquals("name", ProblemMappers.field(body.iterator().next()));
        }
    }

    @Test
    void aConnectionThatClosedUnderTheRequestIsA503EvenAsABareThrowable() {
        // what the pg client's pool answered the webhook intake while PostgreSQL crashed: not an Exception at all
        Response r = mappers.unexpected(new io.vertx.core.impl.NoStackTraceThrowable(
                "Connection is not active now, current status: CLOSED"), null);
        assertEquals(503, r.getStatus());
        assertEquals("5", r.getHeaderString("Retry-After"));
    }

    @Test
    void aValueTheDatabaseRefusesAsTooLongOrMalformedIsA400ThatShowsNoSchema() {
        for (String state : java.util.List.of("22001", "22P02", "22007")) {
            Response r = mappers.unexpected(new HibernateException("flush", new PgException(
                    "value too long for type character varying(100)", "ERROR", state, null)), null);
            assertEquals(400, r.getStatus(), state);
            Problem p = (Problem) r.getEntity();
            assertEquals("urn:partnerflow:problem:invalid-input", p.type());
            assertEquals(false, p.detail().contains("varying"), "PostgreSQL's message is not echoed: " + p.detail());
        }
    }

    @Test
    void theServersOwnArithmeticFailingStaysA500() {
        for (String state : java.util.List.of("22003", "22012", "22008")) { // overflow, division by zero, timestamp out of range
            Response r = mappers.unexpected(new PgException("numeric field overflow", "ERROR", state, null), null);
            assertEquals(500, r.getStatus(), state);
        }
    }

    @Test
    void anythingElseUnexpectedStaysA500() {
        Response r = mappers.unexpected(new IllegalStateException("a bug"), null);
        assertEquals(500, r.getStatus());
        assertNull(r.getHeaderString("Retry-After"));
    }
}
