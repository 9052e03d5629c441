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

    @Test
    void anythingElseUnexpectedStaysA500() {
        Response r = mappers.unexpected(new IllegalStateException("a bug"), null);
        assertEquals(500, r.getStatus());
        assertNull(r.getHeaderString("Retry-After"));
    }
}
