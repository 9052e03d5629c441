package io.partnerflow.infra;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Free ports for servers that cannot bind port 0 themselves and report it (PostgreSQL; Kafka's KRaft controller, whose
 * port must be known before the broker starts). A probed port is free only until somebody else takes it, so a start on
 * probed ports is retried on fresh ones when it fails. The services do better: they bind port 0 themselves
 * ({@link ServiceStart}).
 */
final class Ports {
    private static final Logger LOG = LoggerFactory.getLogger(Ports.class);
    static final int ATTEMPTS = 5;

    private Ports() {
    }

    /** Something started on a port (or two). */
    @FunctionalInterface
    interface Start<T> {
        T on(int port, int secondPort) throws Exception;
    }

    /**
     * Starts {@code what} on the given ports; a port given as 0 is probed, and when the start fails (e.g. the probed
     * port was taken in between) it is tried again on newly probed ports, up to {@link #ATTEMPTS} times. Fixed ports are
     * tried once: their failure is the caller's to see.
     */
    static <T> T startOnFreePorts(String what, int port, int secondPort, Start<T> start) throws Exception {
        boolean probed = port == 0 || secondPort == 0;
        for (int attempt = 1; ; attempt++) {
            int p = resolve(port);
            int q = resolve(secondPort);
            try {
                return start.on(p, q);
            } catch (Exception e) {
                if (!probed || attempt == ATTEMPTS) {
                    throw e;
                }
                LOG.warn("{} did not start on probed port(s) {}/{} (attempt {} of {}): {}; trying other ports",
                        what, p, q, attempt, ATTEMPTS, e.toString());
            }
        }
    }

    /** The given port, or a port that was free a moment ago when it is 0. */
    static int resolve(int port) {
        if (port != 0) {
            return port;
        }
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
