package io.partnerflow.testing;

import org.testcontainers.DockerClientFactory;

/** Testcontainers' own check: is a Docker engine reachable (≈ 0.7 s to say no on a machine without one)? */
public final class DockerProbe {
    private DockerProbe() {
    }

    public static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
