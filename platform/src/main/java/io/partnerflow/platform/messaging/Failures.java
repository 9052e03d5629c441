package io.partnerflow.platform.messaging;

import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Tells an outage of the infrastructure (the database restarting, a connection cut, the pool unable to connect)
 * from a failure of the event itself. An event that failed because PostgreSQL was away is not poison: dead-lettering
 * it would take a valid event out of the flow, so {@link EventConsumer} retries it until the database is back.
 * Classes are matched by name along the cause chain, so the check needs no driver on the classpath.
 */
public final class Failures {
    private static final Set<String> CONNECTION_FAILURES = Set.of(
            "java.net.ConnectException",
            "java.net.SocketException",
            "java.nio.channels.ClosedChannelException",
            "io.netty.channel.ConnectTimeoutException",
            "io.netty.channel.AbstractChannel$AnnotatedConnectException",
            "io.vertx.sqlclient.ClosedConnectionException",
            "io.vertx.core.net.impl.ConnectionBase$ClosedException");

    private Failures() {
    }

    /** True when the failure (or one of its causes) means the database or the network was unavailable. */
    public static boolean isInfrastructure(Throwable failure) {
        return anyCause(failure, Failures::isOutage);
    }

    private static boolean isOutage(Throwable t) {
        if (t instanceof TransactionDeadline.Expired || CONNECTION_FAILURES.contains(t.getClass().getName())) {
            return true;
        }
        String state = sqlState(t);
        // 08: connection exception; 57P01-03: admin/crash shutdown, cannot connect now; 53: insufficient resources
        if (state != null && (state.startsWith("08") || state.startsWith("57P") || state.startsWith("53"))) {
            return true;
        }
        String message = t.getMessage();
        // HR000092: Hibernate Reactive could not open a connection (its cause is not always attached)
        return message != null && (message.startsWith("HR000092") || message.contains("Connection refused") || message.contains("Connection reset")
                || message.contains("connection may have been lost") || message.equals("Connection is closed")
                // the pg client's connection closed under a transaction (PostgreSQL crashed): seen as HTTP 500s (#16 fault run)
                || message.startsWith("Connection is not active now"));
    }

    /** True when {@code failure} or one of its causes (up to 20 deep: a cycle cannot loop) satisfies {@code test}. */
    static boolean anyCause(Throwable failure, java.util.function.Predicate<Throwable> test) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 20; t = t.getCause(), depth++) {
            if (test.test(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQLSTATEs of a value PostgreSQL refused to store as given — too long for its column (22001), not in the column's
     * form (22P02 text representation, 22007 datetime format). Not the rest of class 22: an overflow, a division by
     * zero or a datetime out of range (22008, also raised by the server's own date arithmetic) stays a 500, a bug to see.
     */
    private static final Set<String> REFUSED_INPUT_STATES = Set.of("22001", "22P02", "22007");

    /** True when the failure (or one of its causes) is PostgreSQL refusing a value as too long or malformed. */
    public static boolean isRefusedInputValue(Throwable failure) {
        return anyCause(failure, t -> {
            String state = sqlState(t);
            return state != null && REFUSED_INPUT_STATES.contains(state); // Set.of refuses to look up null
        });
    }

    /**
     * True when the failure (or one of its causes) is PostgreSQL aborting the transaction for a conflict with another
     * one — a deadlock (40P01) or a serialization failure (40001): nobody's data is at fault, the same work succeeds
     * when tried again.
     */
    public static boolean isConcurrencyConflict(Throwable failure) {
        return anyCause(failure, t -> {
            String state = sqlState(t);
            return "40P01".equals(state) || "40001".equals(state);
        });
    }

    /**
     * Re-subscribes to {@code attempt} for as long as it fails with an {@linkplain #isInfrastructure infrastructure}
     * failure, backing off from {@code first} up to {@code max} between attempts; any other failure passes through.
     */
    public static <T> Uni<T> waitingOutOutages(Uni<T> attempt, Duration first, Duration max, Consumer<Throwable> onOutage) {
        return attempt.onFailure(Failures::isInfrastructure).invoke(onOutage)
                .onFailure(Failures::isInfrastructure).retry().withBackOff(first, max).atMost(Long.MAX_VALUE);
    }

    /** The SQLSTATE of a PostgreSQL error (Vert.x {@code PgException} or JDBC {@code SQLException}), else null. */
    static String sqlState(Throwable t) {
        if (t instanceof java.sql.SQLException sql) {
            return sql.getSQLState();
        }
        try {
            var m = t.getClass().getMethod("getSqlState");
            Object state = m.invoke(t);
            return state == null ? null : state.toString();
        } catch (ReflectiveOperationException | RuntimeException notAPgException) {
            return null;
        }
    }
}
