package io.partnerflow.portal.lifecycle;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.value.registry.ValueRegistry;
import io.quarkus.vertx.http.HttpServer;
import io.quarkus.vertx.http.HttpServerStart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
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
 * The same contract with the launcher as the services' (platform ServiceIdentity/ParentWatch, which the portal does not
 * depend on: it has no database or Kafka): readiness names the process ({@code "service": "portal"}), the bound port is
 * written to {@code partnerflow.port-file}, and the portal exits when the launcher ({@code partnerflow.parent-pid}) dies.
 */
@Readiness
@ApplicationScoped
public class PortalIdentity implements HealthCheck {
    private static final Logger LOG = Logger.getLogger(PortalIdentity.class);
    public static final String NAME = "portal";

    private final Optional<Path> portFile;
    private final ValueRegistry values;

    PortalIdentity(@ConfigProperty(name = "partnerflow.port-file") Optional<Path> portFile, ValueRegistry values) {
        this.portFile = portFile;
        this.values = values;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("service").up().withData("service", NAME).build();
    }

    void onListening(@ObservesAsync HttpServerStart started) {
        portFile.ifPresent(file -> {
            int port = values.get(HttpServer.HTTP_PORT);
            try {
                Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
                Files.writeString(tmp, Integer.toString(port), StandardCharsets.US_ASCII);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the port file " + file, e);
            }
            LOG.infof("portal listens on port %d (written to %s)", port, file);
        });
    }

    void onStart(@Observes StartupEvent ev, @ConfigProperty(name = "partnerflow.parent-pid") Optional<Long> parentPid) {
        parentPid.flatMap(ProcessHandle::of).ifPresent(parent -> parent.onExit().thenRun(() -> {
            LOG.warnf("the launcher (pid %d) is gone: shutting down", parent.pid());
            Quarkus.asyncExit(0);
        }));
    }
}
