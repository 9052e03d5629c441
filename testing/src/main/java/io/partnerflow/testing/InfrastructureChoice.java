package io.partnerflow.testing;

import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * Which real infrastructure a test JVM starts: Testcontainers (PostgreSQL and Kafka in containers) whenever a Docker
 * engine is reachable, the embedded one (infra's PostgreSQL binaries and in-JVM KRaft broker) otherwise. Asked for
 * with {@code -Dpartnerflow.test.infrastructure} or {@code PARTNERFLOW_TEST_INFRASTRUCTURE}: {@code auto} (default),
 * {@code embedded} or {@code testcontainers} (fails without Docker rather than silently testing something else).
 * Pure: the Docker check is passed in, so the decision is testable with a fake.
 */
public final class InfrastructureChoice {
    public static final String PROPERTY = "partnerflow.test.infrastructure";
    public static final String ENV = "PARTNERFLOW_TEST_INFRASTRUCTURE";

    public enum Provider { EMBEDDED, TESTCONTAINERS }

    /** The provider and why, for the test log. */
    public record Choice(Provider provider, String reason) {
    }

    private InfrastructureChoice() {
    }

    /** The requested mode from the system property, else the environment, else {@code auto}. */
    public static String requested() {
        String p = System.getProperty(PROPERTY);
        return p != null ? p : System.getenv(ENV);
    }

    /**
     * @param requested       {@code auto}/{@code embedded}/{@code testcontainers} (case-insensitive); null or blank = auto
     * @param dockerAvailable asked only when the answer matters (never for {@code embedded})
     */
    public static Choice choose(String requested, BooleanSupplier dockerAvailable) {
        String mode = requested == null || requested.isBlank() ? "auto" : requested.strip().toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "embedded" -> new Choice(Provider.EMBEDDED, PROPERTY + "=embedded");
            case "testcontainers" -> {
                if (!dockerAvailable.getAsBoolean()) {
                    throw new IllegalStateException(PROPERTY + "=testcontainers but no Docker engine is reachable"
                            + " (DOCKER_HOST, /var/run/docker.sock); use auto or embedded");
                }
                yield new Choice(Provider.TESTCONTAINERS, PROPERTY + "=testcontainers, Docker engine reachable");
            }
            case "auto" -> dockerAvailable.getAsBoolean()
                    ? new Choice(Provider.TESTCONTAINERS, "a Docker engine is reachable")
                    : new Choice(Provider.EMBEDDED, "no Docker engine reachable");
            default -> throw new IllegalArgumentException(PROPERTY + " must be auto, embedded or testcontainers, is '" + requested + "'");
        };
    }
}
