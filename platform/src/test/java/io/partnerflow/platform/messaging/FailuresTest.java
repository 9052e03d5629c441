package io.partnerflow.platform.messaging;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import org.hibernate.HibernateException;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FailuresTest {

    @Test
    void anOutageOfTheDatabaseIsInfrastructureWhereverItIsWrapped() {
        assertTrue(Failures.isInfrastructure(new ConnectException("Connection refused: localhost/127.0.0.1:5432")));
        assertTrue(Failures.isInfrastructure(ClosedConnectionException.INSTANCE));
        assertTrue(Failures.isInfrastructure(new CompletionException(new HibernateException("flush failed",
                new PgException("terminating connection due to administrator command", "FATAL", "57P01", null)))));
        assertTrue(Failures.isInfrastructure(new PgException("the database system is starting up", "FATAL", "57P03", null)));
        assertTrue(Failures.isInfrastructure(new PgException("connection failure", "FATAL", "08006", null)));
        assertTrue(Failures.isInfrastructure(new HibernateException("HR000092: Unable to open a connection to the database")));
        assertTrue(Failures.isInfrastructure(new PgException("sorry, too many clients already", "FATAL", "53300", null)));
        // as the fault run at 100 deals/s saw it during a PostgreSQL crash (answered 500 before, not 503)
        assertTrue(Failures.isInfrastructure(new HibernateException(new io.vertx.core.impl.NoStackTraceThrowable(
                "Connection is not active now, current status: CLOSED"))));
    }

    @Test
    void aFailureOfTheEventItselfIsNot() {
        assertFalse(Failures.isInfrastructure(new PoisonMessageException("not JSON")));
        assertFalse(Failures.isInfrastructure(new IllegalStateException("unknown rule kind")));
        assertFalse(Failures.isInfrastructure(new PgException("duplicate key value violates unique constraint", "ERROR", "23505", null)));
        assertFalse(Failures.isInfrastructure(new CompletionException(new PgException("numeric field overflow", "ERROR", "22003", null))));
        assertFalse(Failures.isInfrastructure(null));
    }

    @Test
    void aDeadlockOrASerializationFailureIsAConcurrencyConflictNotAnOutageNorAFaultOfTheData() {
        assertTrue(Failures.isConcurrencyConflict(new CompletionException(new HibernateException("flush failed",
                new PgException("deadlock detected", "ERROR", "40P01", null)))));
        assertTrue(Failures.isConcurrencyConflict(new PgException("could not serialize access due to concurrent update", "ERROR", "40001", null)));
        assertFalse(Failures.isInfrastructure(new PgException("deadlock detected", "ERROR", "40P01", null)));
        assertFalse(Failures.isConcurrencyConflict(new PgException("duplicate key value violates unique constraint", "ERROR", "23505", null)));
        assertFalse(Failures.isConcurrencyConflict(ClosedConnectionException.INSTANCE));
        assertFalse(Failures.isConcurrencyConflict(new PoisonMessageException("not JSON")));
    }

    @Test
    void anOutageIsWaitedOutHoweverLongItLastsButOtherFailuresAreNotRetriedHere() {
        AtomicInteger attempts = new AtomicInteger();
        AtomicInteger logged = new AtomicInteger();
        Uni<String> flaky = Uni.createFrom().deferred(() -> attempts.incrementAndGet() <= 60
                ? Uni.createFrom().failure(ClosedConnectionException.INSTANCE) : Uni.createFrom().item("applied"));
        String result = Failures.waitingOutOutages(flaky, Duration.ofMillis(1), Duration.ofMillis(2), t -> logged.incrementAndGet())
                .await().atMost(Duration.ofSeconds(30));
        assertEquals("applied", result);
        assertEquals(61, attempts.get(), "60 outage failures, then the success");
        assertEquals(60, logged.get());

        AtomicInteger poisonAttempts = new AtomicInteger();
        Uni<String> poison = Uni.createFrom().deferred(() -> {
            poisonAttempts.incrementAndGet();
            return Uni.createFrom().failure(new PoisonMessageException("bad"));
        });
        assertThrows(PoisonMessageException.class, () -> Failures.waitingOutOutages(poison, Duration.ofMillis(1),
                Duration.ofMillis(2), t -> { }).await().atMost(Duration.ofSeconds(5)));
        assertEquals(1, poisonAttempts.get(), "poison is not the outage loop's business");
    }
}
