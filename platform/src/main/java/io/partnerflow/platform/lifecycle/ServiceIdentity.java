package io.partnerflow.platform.lifecycle;

import io.partnerflow.platform.PlatformConfig;
import io.quarkus.value.registry.ValueRegistry;
import io.quarkus.vertx.http.HttpServer;
import io.quarkus.vertx.http.HttpServerStart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Who this process is, for whoever started it. The readiness response names the service ({@code "service":
 * "payout-service"}), so a caller that reached the wrong process (a mixed-up URL) notices; and when the launcher asks
 * for it ({@code partnerflow.port-file}), the HTTP port the service actually bound — it binds port 0 itself, so no
 * free-port probe can hand two services the same port — is written to that file once the server listens.
 */
@Readiness
@ApplicationScoped
public class ServiceIdentity implements HealthCheck {
    private static final Logger LOG = Logger.getLogger(ServiceIdentity.class);

    private final String serviceName;
    private final Optional<Path> portFile;
    private final ValueRegistry values;

    ServiceIdentity(PlatformConfig config, @ConfigProperty(name = "partnerflow.port-file") Optional<Path> portFile,
            ValueRegistry values) {
        this.serviceName = config.serviceName();
        this.portFile = portFile;
        this.values = values;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("service").up().withData("service", serviceName).build();
    }

    void onListening(@ObservesAsync HttpServerStart started) {
        portFile.ifPresent(file -> {
            int port = values.get(HttpServer.HTTP_PORT);
            writeAtomically(file, Integer.toString(port));
            LOG.infof("%s listens on port %d (written to %s)", serviceName, port, file);
        });
    }

    /** Written under a temporary name and moved, so a reader never sees a half-written number. */
    static void writeAtomically(Path file, String content) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, content, StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the port file " + file, e);
        }
    }
}
