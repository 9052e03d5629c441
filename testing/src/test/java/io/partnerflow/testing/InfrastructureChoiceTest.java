package io.partnerflow.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partnerflow.testing.InfrastructureChoice.Provider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The provider choice, with a fake Docker check, and once with Testcontainers' real check on this machine. */
class InfrastructureChoiceTest {
    private static final BooleanSupplier DOCKER = () -> true;
    private static final BooleanSupplier NO_DOCKER = () -> false;

    @Test
    void autoPicksTestcontainersWhenADockerEngineIsReachable() {
        assertEquals(Provider.TESTCONTAINERS, InfrastructureChoice.choose(null, DOCKER).provider());
        assertEquals(Provider.TESTCONTAINERS, InfrastructureChoice.choose(" Auto ", DOCKER).provider());
    }

    @Test
    void autoPicksTheEmbeddedInfrastructureWithoutDocker() {
        InfrastructureChoice.Choice c = InfrastructureChoice.choose("", NO_DOCKER);
        assertEquals(Provider.EMBEDDED, c.provider());
        assertEquals("no Docker engine reachable", c.reason());
    }

    @Test
    void embeddedOnRequestDoesNotEvenAskForDocker() {
        AtomicInteger asked = new AtomicInteger();
        assertEquals(Provider.EMBEDDED, InfrastructureChoice.choose("embedded", () -> asked.incrementAndGet() > 0).provider());
        assertEquals(0, asked.get());
    }

    @Test
    void testcontainersOnRequestFailsLoudlyWithoutDockerInsteadOfTestingSomethingElse() {
        assertEquals(Provider.TESTCONTAINERS, InfrastructureChoice.choose("testcontainers", DOCKER).provider());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> InfrastructureChoice.choose("testcontainers", NO_DOCKER));
        assertTrue(e.getMessage().contains("no Docker engine"), e.getMessage());
    }

    @Test
    void anUnknownModeIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InfrastructureChoice.choose("kubernetes", DOCKER));
        assertTrue(e.getMessage().contains("partnerflow.test.infrastructure") && e.getMessage().contains("'kubernetes'"), e.getMessage());
    }

    /**
     * Testcontainers' own DockerClientFactory check, here: on a machine with no Docker engine configured (no
     * DOCKER_HOST, no /var/run/docker.sock — the build machines) it must answer no, quickly, and auto must pick the
     * embedded infrastructure. Where an engine is configured, the choice must follow what the check says.
     */
    @Test
    void onThisMachineTheChoiceFollowsTestcontainersOwnDockerCheck() {
        boolean engineConfigured = System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"));
        long t0 = System.nanoTime();
        boolean available = DockerProbe.dockerAvailable();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        Provider chosen = InfrastructureChoice.choose("auto", () -> available).provider();
        System.out.println("DockerClientFactory.isDockerAvailable() = " + available + " in " + ms + " ms → " + chosen);
        if (!engineConfigured) {
            assertEquals(false, available, "no engine configured, yet Testcontainers found one");
            assertEquals(Provider.EMBEDDED, chosen);
            assertTrue(ms < 30_000, "the check took " + ms + " ms");
        } else {
            assertEquals(available ? Provider.TESTCONTAINERS : Provider.EMBEDDED, chosen);
        }
    }
}
